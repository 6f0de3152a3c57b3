import type { PartitionLeadership } from "./edges";
import type { Placed } from "./layout";
import { NodeGroup, nodeState } from "./NodeGroup";
import styles from "./Topology.module.css";

const MAX_ROWS = 6;

/** A broker as a box: its name, state, and each partition it hosts (leader ★, out of ISR dimmed). */
export function BrokerNode({
  p,
  hosted,
  isolated,
  selected,
  onSelect,
}: {
  p: Placed;
  hosted: PartitionLeadership[];
  isolated: boolean;
  selected: boolean;
  onSelect: () => void;
}) {
  const { node } = p;
  const state = nodeState(node);
  const x0 = p.x - p.w / 2;
  const y0 = p.y - p.h / 2;
  const shown = hosted.slice(0, MAX_ROWS);
  return (
    <NodeGroup p={p} kind="broker" isolated={isolated} selected={selected} onSelect={onSelect}>
      <rect x={x0} y={y0} width={p.w} height={p.h} rx={7} className={styles.box} />
      <text x={x0 + 9} y={y0 + 18} className={styles.nodeName}>
        {node.id}
      </text>
      <text x={x0 + p.w - 8} y={y0 + 18} className={styles.stateTag} textAnchor="end">
        {state === "up" ? "" : state}
      </text>
      {shown.map((part, i) => {
        const leader = part.leader === node.id;
        const zombie = !leader && part.acting.includes(node.id);
        const inIsr = part.isr.includes(node.id);
        const rowY = y0 + 36 + i * 15;
        return (
          <g
            key={part.partition}
            className={zombie ? styles.zombie : inIsr ? styles.inIsr : styles.outOfIsr}
          >
            <rect
              x={x0 + 7}
              y={rowY - 10}
              width={p.w - 14}
              height={13}
              rx={3}
              className={leader ? styles.leaderRow : styles.followerRow}
            />
            <text x={x0 + 12} y={rowY} className={styles.partText}>
              {`P${part.partition}`}
            </text>
            <text x={x0 + p.w - 11} y={rowY} className={styles.partText} textAnchor="end">
              {leader ? "leader" : zombie ? "zombie" : inIsr ? "ISR" : "out"}
            </text>
          </g>
        );
      })}
      {hosted.length > MAX_ROWS ? (
        <text x={p.x} y={y0 + p.h - 5} className={styles.partText} textAnchor="middle">
          +{hosted.length - MAX_ROWS} more
        </text>
      ) : null}
      {state === "down" ? (
        <path
          d={`M${x0 + 6} ${y0 + 6} L${x0 + p.w - 6} ${y0 + p.h - 6} M${x0 + p.w - 6} ${y0 + 6} L${x0 + 6} ${y0 + p.h - 6}`}
          className={styles.cross}
        />
      ) : null}
    </NodeGroup>
  );
}
