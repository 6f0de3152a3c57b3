"use client";

import { useRunSelector } from "../store/run-context";
import { Panel } from "../../ui/Panel";
import { GroupCard } from "./GroupCard";
import styles from "./Groups.module.css";

/** Every consumer group: members, assignments, lag, counters and its projection. */
export function ConsumerGroups() {
  const groups = useRunSelector((v) => v.groups);
  return (
    <Panel
      title="Consumer groups"
      subtitle="Each group folds the log into its projection (account balances)"
      testId="consumer-groups"
    >
      {groups.length === 0 ? (
        <p className={styles.none}>This scenario has no consumer group.</p>
      ) : (
        <div className={styles.groups}>
          {groups.map((g) => (
            <GroupCard key={g.id} index={g.index} />
          ))}
        </div>
      )}
    </Panel>
  );
}
