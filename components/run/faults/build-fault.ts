import { faultSchema, type Fault, type FaultKind } from "../../../server/protocol";

export interface FaultDraft {
  kind: FaultKind;
  target: string;
  aim: "node" | "link";
  linkFrom: string;
  linkTo: string;
  mode: "kill" | "powerloss";
  ratePercent: string;
  extraMs: string;
  jitterMs: string;
  skewMs: string;
  sideA: string[];
}

/** Turns the form into a Fault, validated by the engine's own schema; or says what is wrong. */
export function buildFault(
  d: FaultDraft,
  allNodes: readonly string[],
): { ok: true; fault: Fault } | { ok: false; message: string } {
  const aim =
    d.aim === "link" ? { link: { from: d.linkFrom, to: d.linkTo } } : { target: d.target };
  let raw: unknown;
  switch (d.kind) {
    case "crash":
      raw = { kind: "crash", target: d.target, mode: d.mode };
      break;
    case "pause":
    case "isolate":
    case "crashBeforeCommit":
      raw = { kind: d.kind, target: d.target };
      break;
    case "clockSkew":
      raw = { kind: "clockSkew", target: d.target, skewMs: Number(d.skewMs) };
      break;
    case "partition": {
      const other = allNodes.filter((n) => !d.sideA.includes(n));
      if (d.sideA.length === 0) return { ok: false, message: "Tick at least one node for side A." };
      if (other.length === 0) return { ok: false, message: "Leave at least one node on side B." };
      raw = { kind: "partition", sides: [d.sideA, other] };
      break;
    }
    case "drop":
    case "duplicate":
      raw = { kind: d.kind, ...aim, rate: Number(d.ratePercent) / 100 };
      break;
    case "delay":
      raw = { kind: "delay", ...aim, extraMs: Number(d.extraMs), jitterMs: Number(d.jitterMs) };
      break;
  }
  if (
    d.aim === "link" &&
    d.linkFrom === d.linkTo &&
    ["drop", "delay", "duplicate"].includes(d.kind)
  )
    return { ok: false, message: "A link joins two different nodes." };
  const parsed = faultSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, message: `${issue.path.join(".") || "fault"}: ${issue.message}` };
  }
  return { ok: true, fault: parsed.data };
}
