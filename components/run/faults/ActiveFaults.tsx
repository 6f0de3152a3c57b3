"use client";

import { useState } from "react";
import { useRunActions, useRunSelector } from "../store/run-context";
import { Button } from "../../ui/Button";
import { formatClock } from "../../ui/format";
import styles from "./Faults.module.css";

/** The faults in force now, each with its start, planned end, and a way to end it. */
export function ActiveFaults({ disabled }: { disabled: boolean }) {
  const faults = useRunSelector((v) => v.activeFaults);
  const actions = useRunActions();
  const [error, setError] = useState<string | null>(null);
  const [ending, setEnding] = useState<string | null>(null);
  const end = async (faultId: string) => {
    setError(null);
    setEnding(faultId);
    const result = await actions.command({ type: "endFault", faultId });
    setEnding(null);
    if (!result.ok) setError(result.message);
  };
  return (
    <div className={styles.active} data-testid="active-faults" data-count={faults.length}>
      <h3 className={styles.subhead}>
        Active faults <span className={styles.countBadge}>{faults.length}</span>
      </h3>
      {faults.length === 0 ? (
        <p className={styles.none}>None: the network and every node behave.</p>
      ) : (
        <ul className={styles.list}>
          {faults.map((f) => (
            <li key={f.id} className={styles.item} data-testid={`active-fault-${f.id}`}>
              <span className={styles.faultKind}>{f.fault.kind}</span>
              <span className={styles.faultLabel}>{f.label}</span>
              <span className={`${styles.faultTime} num`}>
                since {formatClock(f.startMs)}
                {f.untilMs !== null ? ` · until ${formatClock(f.untilMs)}` : ""}
              </span>
              <Button
                size="sm"
                onClick={() => end(f.id)}
                disabled={disabled || ending === f.id}
                data-testid={`end-fault-${f.id}`}
              >
                {f.fault.kind === "crash" ? "Restart" : "End"}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {error ? (
        <p className={styles.badText} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
