import {
  MESSAGE_TYPES,
  type CheckName,
  type CheckTuple,
  type MessageSample,
  type Topology,
} from "../../../server/protocol";
import { nodeName } from "./apply-parts";
import { LIMITS, type CheckView, type MessageView } from "./run-view";

/** Checker tuples into the per-checker record the checker panel reads. */
export function applyChecks(
  prev: Record<CheckName, CheckView> | null,
  tuples: CheckTuple[] | undefined,
): Record<CheckName, CheckView> | null {
  if (!tuples || tuples.length === 0) return prev;
  const next = { ...(prev ?? ({} as Record<CheckName, CheckView>)) };
  for (const [name, count, examples] of tuples) next[name] = { count, examples };
  return next;
}

export function messageViews(topology: Topology, samples: MessageSample[]): MessageView[] {
  return samples.map(([atMs, src, dst, code, a1, a2]) => ({
    atMs,
    src: nodeName(topology, src),
    dst: nodeName(topology, dst),
    type: MESSAGE_TYPES[code] ?? "?",
    arrivals: a1 < 0 ? [] : a2 < 0 ? [a1] : [a1, a2],
  }));
}

export function appendBounded<T>(prev: T[], items: T[] | undefined, limit: number): T[] {
  if (!items || items.length === 0) return prev;
  const next = prev.concat(items);
  return next.length > limit ? next.slice(next.length - limit) : next;
}

export const limits = LIMITS;
