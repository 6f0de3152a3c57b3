"use client";

import { useRunSelector } from "../store/run-context";
import { Pill } from "../../ui/Pill";
import styles from "./Groups.module.css";

/** The group's members: up or not, which partitions each owns, what it has queued. */
export function GroupMembers({ index }: { index: number }) {
  const g = useRunSelector((v) => v.groups[index]!);
  const nodes = useRunSelector((v) => v.nodes);
  const partitions = useRunSelector((v) => v.partitions);
  return (
    <table className={styles.table}>
      <thead>
        <tr>
          <th>member</th>
          <th>state</th>
          <th>partitions (committed · lag)</th>
          <th className={styles.numCol}>queued</th>
        </tr>
      </thead>
      <tbody>
        {g.members.map((m, i) => {
          const node = nodes.find((n) => n.id === m);
          const state = !node?.up ? "down" : node.paused ? "paused" : "up";
          const owned = g.owners.flatMap((o, p) => (o === m ? [p] : []));
          return (
            <tr key={m} data-testid={`member-${m}`}>
              <td className="mono">{m}</td>
              <td>
                <Pill tone={state === "up" ? "ok" : state === "paused" ? "warn" : "bad"}>
                  {state}
                </Pill>
              </td>
              <td>
                {owned.length === 0 ? (
                  <span className={styles.muted}>none</span>
                ) : (
                  owned.map((p) => {
                    const part = partitions[p];
                    const committed = part?.committed[index] ?? 0;
                    const lag = Math.max(0, (part?.hw ?? 0) - committed);
                    return (
                      <span key={p} className={styles.assign}>
                        P{p} <span className="num">{committed}</span>
                        {lag > 0 ? <span className={`${styles.lagTag} num`}> −{lag}</span> : null}
                      </span>
                    );
                  })
                )}
              </td>
              <td className={`${styles.numCol} num`}>{g.queued[i] ?? 0}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
