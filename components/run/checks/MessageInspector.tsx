"use client";

import { useQuery } from "@tanstack/react-query";
import { useRunActions, useRunSelector } from "../store/run-context";
import { useRunUi } from "../store/run-ui";
import { keyName } from "../store/run-view";
import { Drawer } from "../../ui/Drawer";
import { Pill } from "../../ui/Pill";
import { formatClock } from "../../ui/format";
import { messageHistoryQuery } from "./history-query";
import { STEP_INFO, stepDetail, verdict } from "./step-info";
import styles from "./MessageInspector.module.css";

/** One message's whole history: produced, each append, replication, delivery, apply or skip, each commit. */
export function MessageInspector() {
  const { inspectedEvent, inspectEvent } = useRunUi();
  if (inspectedEvent === null) return null;
  return (
    <Drawer
      title={`Event #${inspectedEvent}`}
      onClose={() => inspectEvent(null)}
      testId="message-inspector"
      wide
    >
      <InspectorBody eventId={inspectedEvent} />
    </Drawer>
  );
}

function InspectorBody({ eventId }: { eventId: number }) {
  const actions = useRunActions();
  const runId = useRunSelector((v) => v.meta?.runId ?? "");
  const live = useRunSelector((v) => v.status === "running");
  const groups = useRunSelector((v) => v.meta?.topology.groups.map((g) => g.id).join(",") ?? "");
  const history = useQuery(messageHistoryQuery(runId, eventId, actions, live));
  if (history.isPending) return <p className={styles.muted}>Loading the history…</p>;
  if (history.isError)
    return (
      <p className={styles.error} role="alert">
        Could not load the history: {history.error.message}
      </p>
    );
  const { event, steps, truncated } = history.data;
  const v = verdict(steps);
  const groupIds = groups.split(",");
  return (
    <div className={styles.body}>
      {event ? (
        <dl className={styles.facts}>
          <div>
            <dt>producer</dt>
            <dd>{event.producer}</dd>
          </div>
          <div>
            <dt>key</dt>
            <dd>{keyName(event.key)}</dd>
          </div>
          <div>
            <dt>amount</dt>
            <dd className="num">+{event.value}</dd>
          </div>
          <div>
            <dt>partition</dt>
            <dd>{event.partition}</dd>
          </div>
          <div>
            <dt>created</dt>
            <dd className="num">{formatClock(event.createdMs)}</dd>
          </div>
        </dl>
      ) : (
        <p className={styles.muted}>This run has no event #{eventId}.</p>
      )}
      <div className={styles.verdict} data-testid="inspector-verdict">
        <Pill tone={v.tone}>{v.tone === "bad" ? "problem" : "status"}</Pill> {v.text}
      </div>
      {event?.abandoned ? (
        <p className={styles.muted}>
          The producer died with this event in memory: it was never sent.
        </p>
      ) : null}
      {truncated ? (
        <p className={styles.muted}>Older steps were forgotten (the history keeps the newest).</p>
      ) : null}
      <ol className={styles.steps} data-testid="history-steps">
        {steps.map((s, i) => {
          const info = STEP_INFO[s.kind];
          return (
            <li key={i} className={styles.step} data-kind={s.kind}>
              <span className={`${styles.time} num`}>{formatClock(s.atMs)}</span>
              <span className={`${styles.dot} ${styles[info.tone]}`} aria-hidden />
              <span className={styles.kind}>{info.label}</span>
              <span className={styles.node}>{s.node}</span>
              <span className={`${styles.where} num`}>
                {s.offset >= 0
                  ? `p${s.partition} @${s.offset}`
                  : s.partition >= 0
                    ? `p${s.partition}`
                    : ""}
              </span>
              <span className={styles.detail}>{stepDetail(s, groupIds)}</span>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
