"use client";

import { useQuery } from "@tanstack/react-query";
import { useRunActions, useRunSelector } from "../store/run-context";
import { keyName } from "../store/run-view";
import { messageHistoryQuery } from "./history-query";
import { verdict } from "./step-info";
import styles from "./Checks.module.css";

/** One line about an example event: its key, where it was written, and what became of it. */
export function ExampleSummary({ eventId }: { eventId: number }) {
  const actions = useRunActions();
  const runId = useRunSelector((v) => v.meta?.runId ?? "");
  const history = useQuery(messageHistoryQuery(runId, eventId, actions, false));
  if (!history.data?.event) return <span className={styles.exampleMeta} />;
  const { event, steps } = history.data;
  const appended = steps.find((s) => s.kind === "appended");
  return (
    <span className={styles.exampleMeta}>
      {keyName(event.key)} · p{event.partition}
      {appended ? ` @${appended.offset}` : ""} · {verdict(steps).short}
    </span>
  );
}
