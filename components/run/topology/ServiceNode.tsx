import type { Placed } from "./layout";
import { NodeGroup, nodeState } from "./NodeGroup";
import styles from "./Topology.module.css";

const ROLE_GLYPH: Record<string, string> = {
  controller: "C",
  producer: "P",
  consumer: "G",
  reconciler: "R",
};

/** A service (controller, producer, group member, reconciler) as a circle with its name. */
export function ServiceNode({
  p,
  isolated,
  selected,
  labelSide,
  onSelect,
}: {
  p: Placed;
  isolated: boolean;
  selected: boolean;
  /** "none": a small dot in a large cluster, named on hover. */
  labelSide: "left" | "right" | "above" | "below" | "none";
  onSelect: () => void;
}) {
  const { node } = p;
  const r = p.w / 2;
  const state = nodeState(node);
  if (labelSide === "none")
    return (
      <NodeGroup p={p} kind={node.role} isolated={isolated} selected={selected} onSelect={onSelect}>
        <circle cx={p.x} cy={p.y} r={r} className={`${styles.circle} ${styles[node.role]}`} />
        <title>{`${node.id} (${node.role}${state === "up" ? "" : `, ${state}`})`}</title>
      </NodeGroup>
    );
  const label = {
    left: { x: p.x - r - 6, y: p.y + 4, anchor: "end" as const },
    right: { x: p.x + r + 6, y: p.y + 4, anchor: "start" as const },
    above: { x: p.x, y: p.y - r - 6, anchor: "middle" as const },
    below: { x: p.x, y: p.y + r + 13, anchor: "middle" as const },
  }[labelSide];
  return (
    <NodeGroup p={p} kind={node.role} isolated={isolated} selected={selected} onSelect={onSelect}>
      <circle cx={p.x} cy={p.y} r={r} className={`${styles.circle} ${styles[node.role]}`} />
      <text x={p.x} y={p.y + 4} textAnchor="middle" className={styles.glyph}>
        {ROLE_GLYPH[node.role] ?? "?"}
      </text>
      <text x={label.x} y={label.y} textAnchor={label.anchor} className={styles.serviceName}>
        {node.id}
        {state !== "up" ? ` (${state})` : ""}
        {node.clockSkewMs !== 0 ? ` ${node.clockSkewMs > 0 ? "+" : ""}${node.clockSkewMs}ms` : ""}
      </text>
      {state === "down" ? (
        <path
          d={`M${p.x - r * 0.6} ${p.y - r * 0.6} L${p.x + r * 0.6} ${p.y + r * 0.6} M${p.x + r * 0.6} ${p.y - r * 0.6} L${p.x - r * 0.6} ${p.y + r * 0.6}`}
          className={styles.cross}
        />
      ) : null}
    </NodeGroup>
  );
}
