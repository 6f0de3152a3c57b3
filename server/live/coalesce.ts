import type { GroupDelta, PartitionDelta, ProducerDelta, WireRecord } from "../protocol";
import { MESSAGES_PER_TICK, ANOMALIES_PER_TICK } from "./samplers";
import type { FrameBody } from "./state-tracker";

/** A merged frame keeps at most this many metric samples (evenly spread) and messages. */
export const COALESCED_SAMPLES_MAX = 10;
export const COALESCED_MESSAGES_MAX = (MESSAGES_PER_TICK + ANOMALIES_PER_TICK) * 2;
export const COALESCED_RCUTS_MAX = 32;

/**
 * Merges consecutive frame bodies, oldest first, into one that has the same effect on a
 * client as applying them in turn: state fields take the newest value, events (records
 * appended, cuts, faults, samples, messages) are joined, and bounded so that a merged
 * frame is never much larger than a single one. This is how a slow client gets fewer,
 * fuller frames instead of a queue.
 */
export function coalesce(bodies: readonly FrameBody[], recordsPerPartition: number): FrameBody {
  if (bodies.length === 1) return bodies[0]!;
  const last = bodies[bodies.length - 1]!;
  const out: FrameBody = { t: last.t, ev: last.ev };
  const parts = new Map<number, PartitionDelta>();
  const groups = new Map<number, GroupDelta>();
  const producers = new Map<number, ProducerDelta>();
  const nodes = new Map<number, NonNullable<FrameBody["nodes"]>[number]>();
  const checks = new Map<string, NonNullable<FrameBody["checks"]>[number]>();
  const windows = new Map<string, NonNullable<FrameBody["windows"]>[number]>();
  for (const b of bodies) {
    if (b.pacing) out.pacing = b.pacing;
    if (b.status) out.status = b.status;
    if (b.net) out.net = b.net;
    if (b.convergence) out.convergence = b.convergence;
    for (const p of b.parts ?? [])
      parts.set(p.p, mergePartition(parts.get(p.p), p, recordsPerPartition));
    for (const g of b.groups ?? []) groups.set(g.g, { ...groups.get(g.g), ...g });
    for (const p of b.producers ?? []) producers.set(p.i, { ...producers.get(p.i), ...p });
    for (const n of b.nodes ?? []) nodes.set(n[0], n);
    for (const c of b.checks ?? []) checks.set(c[0], c);
    for (const w of b.windows ?? []) windows.set(`${w.id}@${w.startMs}`, w);
    if (b.faultsStarted) out.faultsStarted = [...(out.faultsStarted ?? []), ...b.faultsStarted];
    if (b.faultsEnded) out.faultsEnded = [...(out.faultsEnded ?? []), ...b.faultsEnded];
    if (b.samples) out.samples = [...(out.samples ?? []), ...b.samples];
    if (b.msgs) out.msgs = [...(out.msgs ?? []), ...b.msgs];
  }
  cancelShortFaults(out);
  if (parts.size > 0) out.parts = [...parts.values()];
  if (groups.size > 0) out.groups = [...groups.values()];
  if (producers.size > 0) out.producers = [...producers.values()];
  if (nodes.size > 0) out.nodes = [...nodes.values()];
  if (checks.size > 0) out.checks = [...checks.values()];
  if (windows.size > 0) out.windows = [...windows.values()];
  if (out.samples) out.samples = spread(out.samples, COALESCED_SAMPLES_MAX);
  if (out.msgs) out.msgs = out.msgs.slice(-COALESCED_MESSAGES_MAX);
  return out;
}

/** A fault that both started and ended within the merged ticks is neither started nor ended for the client (its window still shows it). */
function cancelShortFaults(out: FrameBody): void {
  if (!out.faultsStarted || !out.faultsEnded) return;
  const started = new Set(out.faultsStarted.map((f) => f.id));
  const short = new Set(out.faultsEnded.filter(([id]) => started.has(id)).map(([id]) => id));
  if (short.size === 0) return;
  out.faultsStarted = out.faultsStarted.filter((f) => !short.has(f.id));
  out.faultsEnded = out.faultsEnded.filter(([id]) => !short.has(id));
  if (out.faultsStarted.length === 0) delete out.faultsStarted;
  if (out.faultsEnded.length === 0) delete out.faultsEnded;
}

/** Keeps at most `max` items, evenly spread, always keeping the newest. */
function spread<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  const out: T[] = [];
  const step = items.length / max;
  for (let i = 1; i <= max; i++) out.push(items[Math.round(i * step) - 1]!);
  return out;
}

function mergePartition(
  acc: PartitionDelta | undefined,
  d: PartitionDelta,
  cap: number,
): PartitionDelta {
  if (!acc) return d;
  const out: PartitionDelta = { ...acc, ...d };
  let log = acc.log;
  if (d.cut !== undefined) {
    out.cut = acc.cut === undefined ? d.cut : Math.min(acc.cut, d.cut);
    log = log ? truncateSegment(log, d.cut) : undefined;
  }
  out.log = d.log ? joinSegments(log, d.log, cap) : log;
  if (out.log === undefined || out.log[1].length === 0) delete out.log;
  if (acc.own && d.own) {
    const own = new Map(acc.own.map((o) => [o[0], o]));
    for (const o of d.own) own.set(o[0], o);
    out.own = [...own.values()];
  }
  if (acc.rcut && d.rcut) out.rcut = [...acc.rcut, ...d.rcut].slice(-COALESCED_RCUTS_MAX);
  return out;
}

type Segment = [number, WireRecord[]];

function truncateSegment(seg: Segment, cut: number): Segment | undefined {
  const [from, recs] = seg;
  if (cut <= from) return undefined;
  return [from, recs.slice(0, cut - from)];
}

/** Appends a newer segment to an older one; with a gap between them, only the newer is kept. */
function joinSegments(older: Segment | undefined, newer: Segment, cap: number): Segment {
  let seg: Segment = newer;
  if (older && newer[0] <= older[0] + older[1].length && newer[0] >= older[0]) {
    seg = [older[0], [...older[1].slice(0, newer[0] - older[0]), ...newer[1]]];
  }
  const extra = seg[1].length - cap;
  return extra > 0 ? [seg[0] + extra, seg[1].slice(extra)] : seg;
}
