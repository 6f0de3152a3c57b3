import { describe, expect, it } from "vitest";
import { messageTypeCode, typeCodeOf } from "../message-codes";
import type { Message } from "../model";

/** The trace hash mixes typeCodeOf(type); the wire protocol and samplers use the table: they must agree. */
describe("message type codes", () => {
  it("typeCodeOf gives every type its code in the table", () => {
    for (const [type, code] of Object.entries(messageTypeCode))
      expect(typeCodeOf(type as Message["type"]), type).toBe(code);
  });

  it("the codes are distinct", () => {
    const codes = Object.values(messageTypeCode);
    expect(new Set(codes).size).toBe(codes.length);
  });
});
