import { describe, expect, it } from "vitest";
import { faultKinds, faultSchema } from "../../../server/sim/faults";
import { FAULT_KINDS } from "./fault-kinds";

describe("the fault form's kinds", () => {
  it("are every fault kind the engine has, once each", () => {
    expect(FAULT_KINDS.map((k) => k.kind).sort()).toEqual([...faultKinds].sort());
  });

  it("are what the fault schema accepts (faultKinds is not a stale list)", () => {
    for (const kind of faultKinds) {
      const issues = faultSchema.safeParse({ kind }).error?.issues ?? [];
      // A known kind fails on its missing parameters, never on the kind itself.
      expect(
        issues.some((i) => i.path.join(".") === "kind"),
        kind,
      ).toBe(false);
    }
    const unknown = faultSchema.safeParse({ kind: "meteor", target: "b1" });
    expect(unknown.success).toBe(false);
  });
});
