"use client";

import { useRunSelector } from "../store/run-context";
import { formatClock } from "../../ui/format";
import styles from "./VirtualClock.module.css";

/** Virtual time of the simulation, and how far through the scenario it is. */
export function VirtualClock() {
  const nowMs = useRunSelector((v) => v.nowMs);
  const durationMs = useRunSelector((v) => v.meta?.durationMs ?? 0);
  const fraction = durationMs > 0 ? Math.min(1, nowMs / durationMs) : 0;
  return (
    <div className={styles.clock} data-testid="virtual-clock" data-now-ms={Math.round(nowMs)}>
      <span className={styles.caption}>virtual time</span>
      <span className={`${styles.time} num`}>{formatClock(nowMs)}</span>
      <span className={styles.track} aria-hidden>
        <span className={styles.fill} style={{ transform: `scaleX(${fraction})` }} />
      </span>
      <span className={`${styles.caption} num`}>of {formatClock(durationMs)}</span>
    </div>
  );
}
