import { memo } from "react";
import { LABEL_WIDTH } from "./lane-geometry";
import styles from "./Lanes.module.css";

interface Props {
  partition: number;
  broker: string;
  y: number;
  leo: number;
  hw: number;
  /** How far this replica's LEO is behind the leader's. */
  lag: number;
  role: "leader" | "zombie" | "follower";
  inIsr: boolean;
  up: boolean;
}

/**
 * One replica's labels: its broker, its role and how far a follower lags. Its cells and
 * marks are drawn on the block's canvas (LaneCanvas); the group carries the replica's LEO,
 * HW and lag as data for tests and scripts that read the page.
 */
export const ReplicaRow = memo(function ReplicaRow(p: Props) {
  const { y } = p;
  return (
    <g
      data-testid={`lane-p${p.partition}-${p.broker}`}
      data-leo={p.leo}
      data-hw={p.hw}
      data-lag={p.lag}
      className={p.up ? undefined : styles.downRow}
    >
      <text x={8} y={y + 15} className={styles.replicaName}>
        {p.broker}
      </text>
      <text
        x={36}
        y={y + 15}
        className={
          p.role === "leader"
            ? styles.roleLeader
            : p.role === "zombie"
              ? styles.roleZombie
              : styles.role
        }
      >
        {!p.up
          ? "down"
          : p.role === "leader"
            ? "leader ★"
            : p.role === "zombie"
              ? "zombie leader"
              : p.inIsr
                ? "follower"
                : "out of ISR"}
      </text>
      <text x={LABEL_WIDTH - 10} y={y + 15} textAnchor="end" className={styles.lag}>
        {p.role === "follower" && p.lag > 0 ? `−${p.lag}` : ""}
      </text>
    </g>
  );
});
