import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run, scenario } from "./fixtures";
import type { CommandLogEntry } from "../apply-command";

/** A scenario with some of everything: faults of several kinds, commands, two groups. */
const busy = scenario({
  durationMs: 12_000,
  producers: [
    { id: "p1", ratePerSec: 120, stopMs: 8_000, acks: 1 },
    { id: "p2", ratePerSec: 60, stopMs: 8_000, idempotent: true },
  ],
  groups: [
    { id: "g1", members: 2, commitPolicy: "auto" },
    { id: "g2", members: 3, idempotent: true },
  ],
  network: { latencyMs: 2, jitterMs: 3, dropRate: 0.01, duplicateRate: 0.01 },
  faults: [
    { kind: "crash", target: "b1", mode: "powerloss", atMs: 2_000, untilMs: 4_000 },
    { kind: "delay", target: "b2", extraMs: 30, jitterMs: 20, atMs: 3_000, untilMs: 6_000 },
    { kind: "crashBeforeCommit", target: "g2-1", atMs: 1_000, untilMs: 5_000 },
  ],
});

const commands: CommandLogEntry[] = [
  {
    atMs: 2_500,
    command: { type: "injectFault", fault: { kind: "isolate", target: "b3" }, durationMs: 1_500 },
  },
  { atMs: 5_000, command: { type: "setHandlerBug", group: "g1", enabled: true } },
  { atMs: 6_000, command: { type: "replay", group: "g1", fixBug: true } },
];

describe("determinism: same scenario, seed and commands give the same trace hash", () => {
  it("holds over 20 seeds within one process, and different seeds give different traces", () => {
    const hashes = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      const a = run(busy, seed, commands);
      const b = run(busy, seed, commands);
      expect(b.traceHash, `seed ${seed}`).toBe(a.traceHash);
      expect(b.checks).toEqual(a.checks);
      expect(b.metrics).toEqual(a.metrics);
      hashes.add(a.traceHash);
    }
    expect(hashes.size).toBe(20);
  });

  it("changes when a command changes", () => {
    const a = run(busy, 7, commands);
    const moved = commands.map((c, i) => (i === 0 ? { ...c, atMs: c.atMs + 1 } : c));
    expect(run(busy, 7, moved).traceHash).not.toBe(a.traceHash);
  });

  it("holds across two CLI processes over 20 seeds", () => {
    const dir = mkdtempSync(join(tmpdir(), "cl-det-"));
    const file = join(dir, "busy.json");
    const cmdFile = join(dir, "commands.json");
    writeFileSync(file, JSON.stringify(busy));
    writeFileSync(cmdFile, JSON.stringify(commands));
    const cli = () =>
      execFileSync(
        "npx",
        [
          "tsx",
          "scripts/sim.ts",
          "--scenario",
          file,
          "--seeds",
          "1-20",
          "--commands",
          cmdFile,
          "--json",
        ],
        { encoding: "utf8" },
      )
        .trim()
        .split("\n")
        .map((line) => (JSON.parse(line) as { seed: number; traceHash: string }).traceHash);
    const first = cli();
    const second = cli();
    expect(first).toHaveLength(20);
    expect(second).toEqual(first);
    // ...and the same as in this process.
    expect(first[6]).toBe(run(busy, 7, commands).traceHash);
  });
});
