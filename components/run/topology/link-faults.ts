import type { Fault } from "../../../server/sim/faults";

export type LinkState = "cut" | "degraded";

/**
 * Which directed links the active faults affect, and how: "cut" (isolate, partition:
 * nothing gets through) or "degraded" (drop, delay, duplicate). Keyed "from>to".
 */
export function faultedLinks(faults: readonly Fault[], nodeIds: readonly string[]) {
  const out = new Map<string, LinkState>();
  const mark = (a: string, b: string, s: LinkState) => {
    if (a === b) return;
    const key = `${a}>${b}`;
    if (out.get(key) !== "cut") out.set(key, s);
  };
  for (const f of faults) {
    switch (f.kind) {
      case "isolate":
        for (const n of nodeIds) {
          mark(f.target, n, "cut");
          mark(n, f.target, "cut");
        }
        break;
      case "partition":
        f.sides.forEach((side, i) =>
          f.sides.forEach((other, j) => {
            if (i !== j) for (const a of side) for (const b of other) mark(a, b, "cut");
          }),
        );
        break;
      case "drop":
      case "delay":
      case "duplicate":
        if (f.link) mark(f.link.from, f.link.to, "degraded");
        else if (f.target !== undefined)
          for (const n of nodeIds) {
            mark(f.target, n, "degraded");
            mark(n, f.target, "degraded");
          }
        break;
      default:
        break;
    }
  }
  return out;
}

/**
 * Nodes cut off from everyone (isolated) get a halo; in a large cluster, whose links are
 * not drawn, so do the nodes on the smaller side of a partition.
 */
export function isolatedNodes(faults: readonly Fault[], withPartitions = false): Set<string> {
  const out = new Set<string>();
  for (const f of faults) {
    if (f.kind === "isolate") out.add(f.target);
    if (f.kind === "partition" && withPartitions) {
      const smallest = [...f.sides].sort((a, b) => a.length - b.length)[0] ?? [];
      for (const n of smallest) out.add(n);
    }
  }
  return out;
}
