import type { RunView } from "./run-view";

/**
 * A snapshot holds the logs as they are now; the records truncations struck out are
 * history that only frames carried. When a page asks for a snapshot of the run it is
 * already showing (a resync), it keeps the struck-out records it had, so the lanes still
 * show what was truncated.
 */
export function keepTruncations(after: RunView, before: RunView): RunView {
  if (before.meta?.runId !== after.meta?.runId) return after;
  return {
    ...after,
    logs: after.logs.map((log, p) => {
      const had = before.logs[p]?.truncated;
      if (!had) return log;
      const truncated = { ...had };
      for (const [r, list] of Object.entries(log.truncated)) truncated[Number(r)] = list;
      return { ...log, truncated };
    }),
  };
}
