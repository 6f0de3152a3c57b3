"use client";

import { useIsOperator, useRunSelector } from "../store/run-context";
import { Panel } from "../../ui/Panel";
import { ActiveFaults } from "./ActiveFaults";
import { FaultForm } from "./FaultForm";
import styles from "./Faults.module.css";

/** Inject faults of every kind the engine has, and end the ones in force. Operator only. */
export function FaultPanel() {
  const operator = useIsOperator();
  const over = useRunSelector((v) => v.status === "finished" || v.status === "failed");
  const disabled = !operator || over;
  return (
    <Panel
      title="Faults"
      subtitle="Faults are data: a kind, a target, a start and an end"
      testId="fault-panel"
    >
      {!operator ? (
        <p className={styles.viewerNote} data-testid="viewer-note">
          You are watching as a viewer. Only the operator who started this run can inject or end
          faults; ask them, or start your own run from the scenario library.
        </p>
      ) : over ? (
        <p className={styles.viewerNote}>The run has ended; it takes no more faults.</p>
      ) : null}
      <FaultForm disabled={disabled} />
      <ActiveFaults disabled={disabled} />
    </Panel>
  );
}
