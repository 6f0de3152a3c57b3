import { describe, expect, it } from "vitest";
import { checkNames } from "../../../server/protocol";
import { verdictWords } from "./verdict-words";

describe("verdicts in plain words", () => {
  it("say what held when the count is zero", () => {
    expect(verdictWords("lostAckedWrites", 0)).toEqual({
      ok: true,
      sentence: "Every write acknowledged to a producer is in the committed log.",
      cause: "",
    });
  });

  it("count what went wrong, in the singular and the plural, with the usual cause", () => {
    expect(verdictWords("lostAckedWrites", 1).sentence).toBe(
      "1 write was acknowledged to a producer, then lost from the committed log.",
    );
    const many = verdictWords("duplicateEffects", 1234);
    expect(many.ok).toBe(false);
    expect(many.sentence).toBe("1,234 records were applied twice to a projection.");
    expect(many.cause).toMatch(/idempotent/);
  });

  it("have words for every checker", () => {
    for (const name of checkNames) {
      expect(verdictWords(name, 0).sentence.length).toBeGreaterThan(10);
      expect(verdictWords(name, 2).cause.length).toBeGreaterThan(10);
    }
  });
});
