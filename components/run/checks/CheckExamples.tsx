"use client";

import type { CheckName } from "../../../server/protocol";
import { useRunSelector } from "../store/run-context";
import { useRunUi } from "../store/run-ui";
import { Drawer } from "../../ui/Drawer";
import { formatCount } from "../../ui/format";
import { CHECKS } from "./check-info";
import { ExampleSummary } from "./ExampleSummary";
import styles from "./Checks.module.css";

/** The examples behind one checker's count; each opens that message's whole history. */
export function CheckExamples({ name, onClose }: { name: CheckName; onClose: () => void }) {
  const result = useRunSelector((v) => v.checks?.[name]);
  const { inspectEvent } = useRunUi();
  const info = CHECKS.find((c) => c.name === name)!;
  const examples = result?.examples ?? [];
  return (
    <Drawer title={info.title} onClose={onClose} testId="check-examples">
      <p className={styles.explains}>{info.explains}</p>
      <p className={styles.countLine}>
        <b className="num">{formatCount(result?.count ?? 0)}</b> so far.
        {examples.length > 0
          ? ` The first ${examples.length} event${examples.length === 1 ? "" : "s"} behind the count:`
          : " Nothing to show: no example has been found."}
      </p>
      <ul className={styles.examples}>
        {examples.map((id) => (
          <li key={id}>
            <button
              type="button"
              className={styles.example}
              onClick={() => {
                onClose();
                inspectEvent(id);
              }}
              data-testid="check-example"
            >
              <span className="mono">event #{id}</span>
              <ExampleSummary eventId={id} />
              <span className={styles.exampleHint}>open history →</span>
            </button>
          </li>
        ))}
      </ul>
    </Drawer>
  );
}
