import { describe, expect, it } from "vitest";
import { spawnSync } from "node:child_process";

const search = (...args: string[]) =>
  spawnSync("npx", ["tsx", "scripts/search.ts", ...args], { encoding: "utf8" });

describe("npm run search (the convergence property as a long search)", () => {
  it("runs the cases it is asked for and prints a summary; exit 0 when all pass", () => {
    const r = search("--seed", "3", "--runs", "5");
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout.trim())).toEqual({ seed: 3, runs: 5, failed: 0 });
  });

  it("prints each failing case with its sim seed and faults, and exits 1", () => {
    // A budget no run fits in: every case fails, as a message storm would.
    const r = search("--seed", "3", "--runs", "2", "--budget", "1000");
    expect(r.status).toBe(1);
    const lines = r.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(3);
    for (const failure of lines.slice(0, 2)) {
      expect(failure.why).toMatch(/^over 1000 events/);
      expect(typeof failure.simSeed).toBe("number");
      expect(Array.isArray(failure.faults)).toBe(true);
    }
    expect(lines[2]).toEqual({ seed: 3, runs: 2, failed: 2 });
  });

  it.each([
    [["--runs", "x"], "--runs must be a whole number"],
    [["--budget", "10"], "--budget must be at least 1000"],
    [["--bogus", "1"], "unknown flag"],
  ])("%j exits 2 and says what is wrong", (args, needle) => {
    const r = search(...args);
    expect(r.status).toBe(2);
    expect(r.stderr.split("\n")[0]).toContain(needle);
  });
});
