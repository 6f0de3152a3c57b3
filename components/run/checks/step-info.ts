import type { HistoryStepWire } from "../../../server/protocol";
import type { Tone } from "../../ui/Pill";

/** How each step of a message's history reads in the inspector. */
export const STEP_INFO: Record<HistoryStepWire["kind"], { label: string; tone: Tone }> = {
  produced: { label: "produced", tone: "muted" },
  sent: { label: "sent to leader", tone: "muted" },
  appended: { label: "appended by leader", tone: "accent" },
  duplicateRejected: { label: "duplicate rejected", tone: "muted" },
  replicated: { label: "replicated", tone: "accent" },
  acked: { label: "acknowledged", tone: "ok" },
  failed: { label: "failed", tone: "bad" },
  timedOut: { label: "timed out", tone: "warn" },
  committed: { label: "committed (HW passed it)", tone: "ok" },
  truncated: { label: "truncated", tone: "bad" },
  lostOnPowerloss: { label: "lost on power loss", tone: "bad" },
  delivered: { label: "delivered", tone: "info" },
  redelivered: { label: "redelivered", tone: "warn" },
  applied: { label: "applied to projection", tone: "ok" },
  skipped: { label: "skipped (already applied)", tone: "muted" },
  offsetCommitted: { label: "offset committed", tone: "info" },
  redriven: { label: "re-driven by reconciler", tone: "warn" },
  completed: { label: "completion received", tone: "ok" },
};

const ATTEMPT = new Set(["sent", "acked", "failed", "timedOut"]);
const EPOCH = new Set(["appended", "replicated", "committed", "truncated"]);
const GROUP = new Set([
  "delivered",
  "redelivered",
  "applied",
  "skipped",
  "offsetCommitted",
  "redriven",
  "completed",
]);

export function stepDetail(step: HistoryStepWire, groups: readonly string[]): string {
  // Attempts count from 0 in the engine: the first send is attempt 1 to a reader.
  if (ATTEMPT.has(step.kind)) return step.detail > 0 ? `retry ${step.detail}` : "first attempt";
  if (step.kind === "truncated") return `to match the leader of epoch ${step.detail}`;
  if (EPOCH.has(step.kind)) return `epoch ${step.detail}`;
  if (GROUP.has(step.kind)) return groups[step.detail] ?? `group ${step.detail}`;
  return "";
}

/** A one-line verdict for the message, from its steps. */
export function verdict(steps: readonly HistoryStepWire[]): {
  text: string;
  short: string;
  tone: Tone;
} {
  const has = (k: HistoryStepWire["kind"]) => steps.some((s) => s.kind === k);
  const count = (k: HistoryStepWire["kind"]) => steps.filter((s) => s.kind === k).length;
  const lastLogStep = [...steps]
    .reverse()
    .find((s) => ["appended", "replicated", "truncated", "lostOnPowerloss"].includes(s.kind));
  const gone =
    lastLogStep && (lastLogStep.kind === "truncated" || lastLogStep.kind === "lostOnPowerloss");
  if (has("acked") && gone)
    return {
      text: "Acknowledged to the producer, then removed from the log: a lost acknowledged write.",
      short:
        lastLogStep.kind === "lostOnPowerloss"
          ? "acknowledged, then lost on power loss"
          : "acknowledged, then truncated",
      tone: "bad",
    };
  if (count("applied") > 1)
    return {
      text: `Applied ${count("applied")} times: a duplicate effect.`,
      short: `applied ${count("applied")} times`,
      tone: "bad",
    };
  if (has("applied")) return { text: "Committed and applied.", short: "applied", tone: "ok" };
  if (has("committed"))
    return { text: "Committed; not applied yet.", short: "committed", tone: "info" };
  if (has("acked"))
    return { text: "Acknowledged; not committed yet.", short: "acknowledged", tone: "info" };
  if (has("timedOut"))
    return {
      text: "Timed out: the producer cannot know whether it was written.",
      short: "timed out",
      tone: "warn",
    };
  return { text: "In flight.", short: "in flight", tone: "muted" };
}
