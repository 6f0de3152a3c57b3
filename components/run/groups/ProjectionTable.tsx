"use client";

import { useRunSelector } from "../store/run-context";
import { keyName } from "../store/run-view";
import styles from "./Groups.module.css";

const ROWS = 8;

/**
 * The group's projection next to the fold of the committed log: equal when the group
 * has applied exactly what the log says. Differing keys come first.
 */
export function ProjectionTable({ index }: { index: number }) {
  const g = useRunSelector((v) => v.groups[index]!);
  const keys = Math.max(g.projection.length, g.reference.length);
  const rows = Array.from({ length: keys }, (_, k) => ({
    k,
    projection: g.projection[k] ?? 0,
    reference: g.reference[k] ?? 0,
  }));
  const differing = rows.filter((r) => r.projection !== r.reference);
  const shown = [...differing, ...rows.filter((r) => r.projection === r.reference)].slice(0, ROWS);
  return (
    <div data-testid={`projection-${g.id}`} data-differing={differing.length}>
      <table className={styles.table}>
        <thead>
          <tr>
            <th>key</th>
            <th className={styles.numCol}>projection</th>
            <th className={styles.numCol}>log says</th>
            <th className={styles.numCol}>Δ</th>
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => {
            const delta = r.projection - r.reference;
            return (
              <tr key={r.k} className={delta !== 0 ? styles.differs : undefined}>
                <td className="mono">{keyName(r.k)}</td>
                <td className={`${styles.numCol} num`}>{r.projection}</td>
                <td className={`${styles.numCol} num`}>{r.reference}</td>
                <td className={`${styles.numCol} num`}>
                  {delta === 0 ? "" : delta > 0 ? `+${delta}` : delta}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className={styles.caption}>
        {keys === 0
          ? "No balances yet."
          : differing.length === 0
            ? `All ${keys} balances match the log.`
            : `${differing.length} of ${keys} balances differ from the log.`}
        {keys > ROWS ? ` Showing ${ROWS}.` : ""}
      </p>
    </div>
  );
}
