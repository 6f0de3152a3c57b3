import { describe, expect, it } from "vitest";
import { refusal, StoredRunError } from "./stored-runs";

describe("refusals of the run store", () => {
  it("keep the server's message, code and failing fields", () => {
    const e = refusal(
      {
        error: "the run file was changed",
        code: "tampered",
        issues: [{ path: "checks.lostAckedWrites.count", message: "does not match the replay" }],
      },
      400,
    );
    expect(e).toBeInstanceOf(StoredRunError);
    expect(e.message).toBe("the run file was changed");
    expect(e.code).toBe("tampered");
    expect(e.issues).toHaveLength(1);
    expect(e.unavailable).toBe(false);
  });

  it("call a 503 without a readable body the store being unavailable", () => {
    const e = refusal("<html>Bad gateway</html>", 503);
    expect(e.unavailable).toBe(true);
    expect(e.message).toBe("the run store is unavailable");
    expect(refusal(null, 500).message).toBe("the server answered 500");
  });
});
