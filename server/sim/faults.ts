import { z } from "zod";

/**
 * Faults are data: a kind, a target, parameters, a start and an optional end.
 * The same objects come from scenario scripts, operator commands and experiment
 * sweeps, and are drawn as bands on the time charts. Faults stack: two drop
 * faults on one link drop with the larger rate; delays add up.
 */

const nodeId = z.string().min(1).max(64);
export const linkTargetSchema = z.strictObject({ from: nodeId, to: nodeId });

const nodeOrLink = {
  /** A node: every link to and from it. */
  target: nodeId.optional(),
  /** One directed link. */
  link: linkTargetSchema.optional(),
};

export const faultSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("crash"),
    target: nodeId,
    /** kill: the process dies, the page cache survives; powerloss: unflushed data is gone. */
    mode: z.enum(["kill", "powerloss"]).default("kill"),
  }),
  z.strictObject({ kind: z.literal("pause"), target: nodeId }),
  z.strictObject({ kind: z.literal("isolate"), target: nodeId }),
  z.strictObject({
    kind: z.literal("partition"),
    /** Sides of the split; a node in no side stays connected to everyone. */
    sides: z.array(z.array(nodeId).min(1)).min(2),
  }),
  z.strictObject({ kind: z.literal("drop"), ...nodeOrLink, rate: z.number().min(0).max(1) }),
  z.strictObject({
    kind: z.literal("delay"),
    ...nodeOrLink,
    extraMs: z.number().min(0).max(600_000),
    jitterMs: z.number().min(0).max(600_000).default(0),
  }),
  z.strictObject({ kind: z.literal("duplicate"), ...nodeOrLink, rate: z.number().min(0).max(1) }),
  z.strictObject({
    kind: z.literal("clockSkew"),
    target: nodeId,
    skewMs: z.number().min(-86_400_000).max(86_400_000),
  }),
  z.strictObject({
    /** The consumer applies what it processed, then dies just before its next offset commit. */
    kind: z.literal("crashBeforeCommit"),
    target: nodeId,
  }),
]);
export type Fault = z.infer<typeof faultSchema>;
export type FaultKind = Fault["kind"];
export const faultKinds = [
  "crash",
  "pause",
  "isolate",
  "partition",
  "drop",
  "delay",
  "duplicate",
  "clockSkew",
  "crashBeforeCommit",
] as const satisfies readonly FaultKind[];

export const faultTimingSchema = z.strictObject({
  id: z.string().min(1).max(64).optional(),
  atMs: z.number().min(0),
  /** When the fault ends (a crashed node restarts); absent = it lasts to the end of the run. */
  untilMs: z.number().min(0).optional(),
});

export const faultSpecSchema = z
  .intersection(faultSchema, faultTimingSchema)
  .refine((f) => f.untilMs === undefined || f.untilMs > f.atMs, {
    message: "untilMs must be after atMs",
    path: ["untilMs"],
  });
export type FaultSpec = z.infer<typeof faultSpecSchema>;

/** A fault as the engine holds it once started. */
export interface ActiveFault {
  id: string;
  fault: Fault;
  startMs: number;
  /** Planned end, if any. */
  untilMs: number | null;
}

/** A fault that started and perhaps ended: what the charts draw as a band. */
export interface FaultWindow {
  id: string;
  kind: FaultKind;
  label: string;
  startMs: number;
  endMs: number | null;
}

export function describeFault(fault: Fault): string {
  switch (fault.kind) {
    case "crash":
      return `${fault.mode} ${fault.target}`;
    case "pause":
      return `pause ${fault.target}`;
    case "isolate":
      return `isolate ${fault.target}`;
    case "partition":
      return `partition ${fault.sides.map((s) => s.join(",")).join(" | ")}`;
    case "drop":
      return `drop ${Math.round(fault.rate * 100)}% ${linkLabel(fault)}`;
    case "delay":
      return `delay +${fault.extraMs}ms ${linkLabel(fault)}`;
    case "duplicate":
      return `duplicate ${Math.round(fault.rate * 100)}% ${linkLabel(fault)}`;
    case "clockSkew":
      return `clock ${fault.skewMs >= 0 ? "+" : ""}${fault.skewMs}ms on ${fault.target}`;
    case "crashBeforeCommit":
      return `crash ${fault.target} before commit`;
    default:
      return assertNever(fault);
  }
}

function linkLabel(f: {
  target?: string | undefined;
  link?: { from: string; to: string } | undefined;
}) {
  if (f.link) return `${f.link.from}→${f.link.to}`;
  return f.target ? `links of ${f.target}` : "every link";
}

export function assertNever(value: never): never {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
}
