import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  MESSAGE_TYPES,
  OPERATOR_ONLY,
  clientMessageSchema,
  clientMessageTypes,
  createRunRequestSchema,
  serverMessageTypes,
  assertNever,
  type ClientMessage,
} from ".";

/** Every client message type, handled once: adding a type fails to compile here until handled. */
function describeMessage(m: ClientMessage): string {
  switch (m.type) {
    case "join":
      return `join ${m.runId}`;
    case "leave":
      return "leave";
    case "command":
      return `command ${m.command.type}`;
    case "pause":
    case "resume":
      return m.type;
    case "step":
      return `step ${m.by}`;
    case "speed":
      return `speed ${m.speed}`;
    case "history":
      return `history ${m.eventId}`;
    case "logRange":
      return `logRange ${m.p}/${m.r}`;
    case "seek":
      return `seek ${m.runId} ${m.toMs}`;
    case "fork":
      return `fork ${m.runId} ${m.atMs}`;
    case "advance":
      return `advance ${m.runId} ${m.ms}`;
    default:
      return assertNever(m, "client message");
  }
}

describe("client messages", () => {
  it("parse the valid forms", () => {
    const valid: unknown[] = [
      { type: "join", v: 1, runId: "abc_DEF-1" },
      { type: "join", v: 1, runId: "abc", secret: "s", requestId: "r" },
      { type: "leave" },
      { type: "command", command: { type: "injectFault", fault: { kind: "pause", target: "b1" } } },
      { type: "command", command: { type: "endFault", faultId: "op1" } },
      { type: "pause" },
      { type: "resume" },
      { type: "step", by: "event" },
      { type: "speed", speed: 0.1 },
      { type: "speed", speed: "max" },
      { type: "history", eventId: 0 },
      { type: "logRange", p: 0, r: 2, from: 10, count: 1000 },
      { type: "seek", runId: "abc", toMs: 0 },
      { type: "seek", runId: "abc", toMs: 1234.5, requestId: "s1" },
      { type: "fork", runId: "abc", atMs: 5000 },
      { type: "advance", runId: "abc", ms: 250 },
    ];
    for (const v of valid) {
      const parsed = clientMessageSchema.parse(v);
      expect(describeMessage(parsed)).toContain(parsed.type);
    }
  });

  it("refuse near misses", () => {
    const invalid: unknown[] = [
      { type: "join", v: 1, runId: "has space" },
      { type: "join", runId: "abc" },
      { type: "leave", extra: 1 },
      { type: "speed", speed: 0 },
      { type: "speed", speed: 101 },
      { type: "step", by: "2s" },
      { type: "history", eventId: 1.5 },
      { type: "logRange", p: 0, r: 0, from: 0, count: 1001 },
      { type: "command", command: { type: "injectFault", fault: { kind: "meteor" } } },
      { type: "pause", requestId: "" },
      { type: "seek", runId: "abc", toMs: -1 },
      { type: "seek", toMs: 10 },
      { type: "seek", runId: "abc", toMs: Infinity },
      { type: "fork", runId: "abc", atMs: "5" },
      { type: "advance", runId: "abc", ms: -5 },
      { type: "advance", runId: "abc", ms: 10, extra: true },
    ];
    for (const v of invalid)
      expect(clientMessageSchema.safeParse(v).success, JSON.stringify(v)).toBe(false);
  });

  it("never throw while parsing anything", () => {
    fc.assert(
      fc.property(fc.anything(), (x) => {
        clientMessageSchema.safeParse(x);
      }),
    );
  });

  it("mark the operator's messages", () => {
    expect([...OPERATOR_ONLY].sort()).toEqual([
      "advance",
      "command",
      "fork",
      "pause",
      "resume",
      "seek",
      "speed",
      "step",
    ]);
    for (const t of OPERATOR_ONLY) expect(clientMessageTypes).toContain(t);
  });
});

describe("server messages", () => {
  it("are tagged by distinct types", () => {
    expect(new Set(serverMessageTypes).size).toBe(serverMessageTypes.length);
  });

  it("name every message type code of the engine", () => {
    expect(MESSAGE_TYPES.slice(1)).not.toContain(undefined);
    expect(MESSAGE_TYPES).toContain("fetchResponse");
  });
});

describe("HTTP bodies", () => {
  it("create a run from a name or an object, with defaults", () => {
    expect(createRunRequestSchema.parse({ scenario: "x" })).toEqual({
      scenario: "x",
      overrides: {},
      paused: false,
    });
    expect(createRunRequestSchema.safeParse({ scenario: "x", seed: -1 }).success).toBe(false);
    expect(createRunRequestSchema.safeParse({ scenario: 5 }).success).toBe(false);
  });
});
