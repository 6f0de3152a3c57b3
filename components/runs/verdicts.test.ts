import { describe, expect, it } from "vitest";
import { summarizeVerdicts } from "./verdicts";
import { listTitle, statusView } from "./run-status";

describe("verdict summary", () => {
  it("says when there is no verdict yet", () => {
    expect(summarizeVerdicts(null)).toEqual({ kind: "none", failing: [], text: "No verdict yet" });
  });

  it("calls a run with every count at zero clean", () => {
    const s = summarizeVerdicts({ lostAckedWrites: 0, duplicateEffects: 0 });
    expect(s.kind).toBe("clean");
    expect(s.text).toBe("All 7 checks passed");
  });

  it("names the worst checker first and counts the others", () => {
    const s = summarizeVerdicts({ lostAckedWrites: 3, duplicateEffects: 12, logDuplicates: 0 });
    expect(s.kind).toBe("anomalies");
    expect(s.failing.map((f) => f.name)).toEqual(["duplicateEffects", "lostAckedWrites"]);
    expect(s.text).toBe("12 × duplicate effects (+1 more)");
  });
});

describe("status words", () => {
  it("shows a failed run as an error, and an unknown status as it is", () => {
    expect(statusView("failed")).toMatchObject({ label: "error", tone: "bad" });
    expect(statusView("interrupted").tone).toBe("warn");
    expect(statusView("mystery")).toMatchObject({ label: "mystery", tone: "muted" });
  });
});

describe("titles in the list", () => {
  it("drop the default seed suffix, which the seed column shows", () => {
    expect(listTitle("Replication basics (seed 7)", 7)).toBe("Replication basics");
    expect(listTitle("Replication basics (seed 7)", 8)).toBe("Replication basics (seed 7)");
    expect(listTitle("My own title", 7)).toBe("My own title");
  });
});
