import type { CheckName } from "../../server/protocol";
import { CHECKS } from "../run/checks/check-info";

export type VerdictCounts = Partial<Record<CheckName, number>>;

export interface VerdictSummary {
  /** "clean" when every checker counted 0, "anomalies" otherwise, "none" before any verdict. */
  kind: "none" | "clean" | "anomalies";
  /** The checkers that counted something, worst first. */
  failing: { name: CheckName; title: string; count: number }[];
  /** One line for the list: "All 7 checks passed", "3 lost acknowledged writes". */
  text: string;
}

/** What the checkers said about a run, in one line and as a list. */
export function summarizeVerdicts(counts: VerdictCounts | null | undefined): VerdictSummary {
  if (!counts) return { kind: "none", failing: [], text: "No verdict yet" };
  const failing = CHECKS.filter((c) => (counts[c.name] ?? 0) > 0)
    .map((c) => ({ name: c.name, title: c.title, count: counts[c.name] ?? 0 }))
    .sort((a, b) => b.count - a.count);
  if (failing.length === 0)
    return { kind: "clean", failing, text: `All ${CHECKS.length} checks passed` };
  const first = failing[0]!;
  const more = failing.length > 1 ? ` (+${failing.length - 1} more)` : "";
  return {
    kind: "anomalies",
    failing,
    text: `${first.count} × ${first.title.toLowerCase()}${more}`,
  };
}
