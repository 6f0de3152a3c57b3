import { describe, expect, it } from "vitest";
import { MAX_DEBT_WALL_MS, Pacer } from "./pacer";

describe("Pacer", () => {
  it("maps wall time to virtual time at the chosen speed", () => {
    const p = new Pacer(false, 2);
    p.anchor(1000, 0);
    expect(p.target(1100, 0)).toBe(200);
    p.setSpeed(0.5, 1100, 200);
    expect(p.target(1300, 200)).toBe(300);
    p.setSpeed("max", 1300, 300);
    expect(p.target(1301, 300)).toBe(Infinity);
  });

  it("holds still while paused, except for a step", () => {
    const p = new Pacer(true, 1);
    expect(p.target(5000, 42)).toBe(42);
    p.stepTarget = 142;
    expect(p.target(5000, 42)).toBe(142);
    p.resume(6000, 142);
    expect(p.stepTarget).toBeNull();
    expect(p.target(6010, 142)).toBe(152);
  });

  it("drops the debt of a run that cannot keep up", () => {
    const p = new Pacer(false, 10);
    p.anchor(0, 0);
    // Ten wall seconds later the run is still at 1 virtual second.
    expect(p.target(10_000, 1000)).toBe(1000 + MAX_DEBT_WALL_MS * 10);
    // From now on it is measured from there, not from the lost time.
    expect(p.target(10_100, 3500)).toBe(3500 + 1000);
  });
});
