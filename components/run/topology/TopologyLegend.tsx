import styles from "./Topology.module.css";

/** What the marks of the topology mean. */
export function TopologyLegend() {
  return (
    <ul className={styles.legend}>
      <li>
        <span className={`${styles.swatch} ${styles.swatchLeader}`} /> partition leader
      </li>
      <li>
        <span className={`${styles.swatch} ${styles.swatchOut}`} /> out of the ISR
      </li>
      <li>
        <span className={`${styles.swatch} ${styles.swatchDown}`} /> crashed
      </li>
      <li>
        <span className={`${styles.swatch} ${styles.swatchPaused}`} /> paused
      </li>
      <li>
        <span className={`${styles.line} ${styles.lineCut}`} /> cut link
      </li>
      <li>
        <span className={`${styles.line} ${styles.lineDegraded}`} /> degraded link
      </li>
    </ul>
  );
}
