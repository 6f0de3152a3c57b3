import { describe, expect, it } from "vitest";
import type { NarrationStep } from "../../../server/protocol";
import { builtinScenarios } from "../../../server/scenarios";
import { isAtStep, nextStepIndex, stepIndexAt } from "./narration";

const step = (atMs: number): NarrationStep => ({
  atMs,
  title: "t",
  text: "x",
  lookAt: [],
  commands: [],
});
const steps = [step(0), step(5000), step(8000)];

describe("narration steps by virtual time", () => {
  it("the current step is the last one whose time has come", () => {
    expect(stepIndexAt(steps, 0)).toBe(0);
    expect(stepIndexAt(steps, 4999.9)).toBe(0);
    expect(stepIndexAt(steps, 5000)).toBe(1);
    expect(stepIndexAt(steps, 25_000)).toBe(2);
    expect(stepIndexAt([step(1000)], 10)).toBe(-1);
  });

  it("Next goes to the first step ahead, none after the last", () => {
    expect(nextStepIndex(steps, 0)).toBe(1);
    expect(nextStepIndex(steps, 5000)).toBe(2);
    expect(nextStepIndex(steps, 6200)).toBe(2);
    expect(nextStepIndex(steps, 8000)).toBeNull();
    expect(isAtStep(steps[1]!, 5000.04)).toBe(true);
  });

  it("built-in steps carry no commands that the fault script already fires", () => {
    // The script fires on its own at its times; a step's commands fire on Next. A step
    // repeating a scripted command would fire it twice.
    for (const s of builtinScenarios()) {
      const scripted = new Set(s.script.map((c) => JSON.stringify(c.command)));
      for (const n of s.narration)
        for (const c of n.commands) expect(scripted.has(JSON.stringify(c)), s.name).toBe(false);
    }
  });
});
