import type { LogRecord } from "../sim/model";
import type { WireRecord, WireRecordDetail } from "../protocol";

/** A record as frames carry it: [eventId, key, value, epoch, producer]. */
export function wireRecord(r: LogRecord): WireRecord {
  return [r.eventId, r.key, r.value, r.epoch, r.producer];
}

/** A record with every field, for log ranges. */
export function wireRecordDetail(r: LogRecord): WireRecordDetail {
  return [
    r.eventId,
    r.key,
    r.value,
    r.epoch,
    r.producer,
    r.seq,
    roundMs(r.timestampMs),
    roundMs(r.appendMs),
  ];
}

export function wireRecords(log: readonly LogRecord[], from: number, to: number): WireRecord[] {
  const out: WireRecord[] = [];
  for (let i = Math.max(0, from); i < to && i < log.length; i++) out.push(wireRecord(log[i]!));
  return out;
}

/** Virtual times travel with a tenth of a millisecond at most: enough to order, short to send. */
export function roundMs(x: number): number {
  return Math.round(x * 10) / 10;
}

/**
 * The first offset at which two logs hold different record objects (the length of their
 * common prefix). Replicas share record objects, so a follower's copy is the leader's
 * record itself, and logs obey Kafka's log-matching property: equal at an offset means
 * equal below it. That makes "same object" a monotone predicate we can bisect.
 */
export function commonPrefix(a: readonly LogRecord[], b: readonly LogRecord[]): number {
  const n = Math.min(a.length, b.length);
  if (n === 0 || a[n - 1] === b[n - 1]) return n;
  let lo = 0;
  let hi = n - 1; // a[hi] !== b[hi]
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid] === b[mid]) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The exact common prefix by a linear scan, for a log compared with an older copy of
 * itself (a record object may come back at another offset when a producer retries).
 */
export function commonPrefixScan(a: readonly LogRecord[], b: readonly LogRecord[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}
