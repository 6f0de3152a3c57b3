import styles from "./Lanes.module.css";

/** What the marks of the lanes mean, in the words of DESIGN.md. */
export function LaneLegend() {
  return (
    <ul className={styles.legend}>
      <li>
        <span className={`${styles.key} ${styles.keyCommitted}`} /> committed (below HW)
      </li>
      <li>
        <span className={`${styles.key} ${styles.keyTail}`} /> un-replicated tail (above HW)
      </li>
      <li>
        <span className={`${styles.key} ${styles.keyMissing}`} /> not yet fetched
      </li>
      <li>
        <span className={`${styles.key} ${styles.keyDivergent}`} /> divergent (not in the
        leader&apos;s log)
      </li>
      <li>
        <span className={`${styles.key} ${styles.keyGhost}`} /> truncated, struck out
      </li>
      <li>
        <span className={`${styles.mark} ${styles.markHw}`} /> HW
      </li>
      <li>
        <span className={`${styles.mark} ${styles.markLeo}`} /> LEO
      </li>
      <li>◆ group&apos;s committed offset</li>
      <li>colour = leader epoch</li>
    </ul>
  );
}
