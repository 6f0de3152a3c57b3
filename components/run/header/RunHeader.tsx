"use client";

import { useQuery } from "@tanstack/react-query";
import { runQuery } from "../../api/queries";
import { useIsOperator, useRunSelector } from "../store/run-context";
import { Pill } from "../../ui/Pill";
import { ConvergenceBadge } from "./ConvergenceBadge";
import { PacingControls } from "./PacingControls";
import { ShareLink } from "./ShareLink";
import { VirtualClock } from "./VirtualClock";
import { RunStatusPill } from "./RunStatusPill";
import styles from "./RunHeader.module.css";

/** The run's title row and its control strip: clock, pacing and the convergence badge. */
export function RunHeader({ runId }: { runId: string }) {
  const meta = useRunSelector((v) => v.meta);
  // Viewer counts come with the run's metadata, refreshed now and then (frames do not carry them).
  const info = useQuery({ ...runQuery(runId), refetchInterval: 10_000 });
  const snapshotViewers = useRunSelector((v) => v.viewers);
  const viewers = info.data?.viewers ?? snapshotViewers;
  const operator = useIsOperator();
  return (
    <div className={styles.header} data-testid="run-header">
      <div className={styles.inner}>
        <div className={styles.titleRow}>
          <div className={styles.titles}>
            <h1 className={styles.title} data-testid="run-title">
              {meta?.title ?? "Connecting…"}
            </h1>
            <p className={styles.meta}>
              <span>
                seed{" "}
                <b className="num" data-testid="run-seed">
                  {meta?.seed ?? "–"}
                </b>
              </span>
              <span className={styles.sep}>·</span>
              <span className="mono">{runId}</span>
              {viewers !== null ? (
                <>
                  <span className={styles.sep}>·</span>
                  <span className="num">{viewers} watching</span>
                </>
              ) : null}
            </p>
          </div>
          <div className={styles.right}>
            <RunStatusPill />
            <span data-testid="role" data-role={operator ? "operator" : "viewer"}>
              {operator ? (
                <Pill tone="accent" title="This browser started the run and may steer it">
                  Operator
                </Pill>
              ) : (
                <Pill tone="muted" title="You are watching; only the operator can change the run">
                  Viewer
                </Pill>
              )}
            </span>
            <ShareLink runId={runId} />
          </div>
        </div>
        <div className={styles.strip}>
          <VirtualClock />
          <PacingControls />
          <div className={styles.spacer} />
          <ConvergenceBadge />
        </div>
      </div>
    </div>
  );
}
