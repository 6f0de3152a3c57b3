"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { StoredRunError, storedRunQuery } from "../../api/stored-runs";
import { StoreUnavailable } from "../StoreUnavailable";
import { ReportHeader } from "./ReportHeader";
import { OutcomeSummary } from "./OutcomeSummary";
import { ReplayCheck } from "./ReplayCheck";
import { VerdictList } from "./VerdictList";
import { FaultTimeline } from "./FaultTimeline";
import { ReportCharts } from "./ReportCharts";
import { CommandLog } from "./CommandLog";
import { faultWindowsOf } from "./fault-windows";
import { formatClock } from "../../ui/format";
import styles from "./Report.module.css";

/** A stored run's report: verdicts, outcome, fault timeline, charts, and replay, fork, export. */
export function RunReport({ runId }: { runId: string }) {
  const detail = useQuery(storedRunQuery(runId));
  if (detail.isPending) return <div className={styles.loading}>Loading the report of {runId}…</div>;
  if (detail.error) return <ReportProblem runId={runId} error={detail.error} />;
  const { stored, commands, live, storageError } = detail.data;
  if (!stored)
    return (
      <main className={styles.page}>
        {storageError ? (
          <StoreUnavailable detail={storageError} live={live === null} />
        ) : (
          <p>This run was never stored, so it has no report.</p>
        )}
        {live ? (
          <p className={styles.back}>
            The run is live and goes on without the store:{" "}
            <Link href={`/runs/${encodeURIComponent(runId)}`}>watch it live</Link>.
          </p>
        ) : null}
      </main>
    );
  const log = commands ?? [];
  const windows = faultWindowsOf(stored.scenario, log, stored.virtualMs);
  return (
    <main className={styles.page} data-testid="run-report">
      <ReportHeader run={stored} live={live !== null} />
      {live && live.nowMs > stored.virtualMs + 50 ? (
        <p className={styles.liveNote} data-testid="report-live-note">
          This run is live, now at {formatClock(live.nowMs)}. The report shows it as last stored, at{" "}
          {formatClock(stored.virtualMs)}: its outcome is stored each time it pauses, and when it
          ends. <Link href={`/runs/${encodeURIComponent(runId)}`}>Watch it live</Link>
        </p>
      ) : null}
      <div className={styles.twoUp}>
        <OutcomeSummary run={stored} />
        <ReplayCheck run={stored} />
      </div>
      <VerdictList checks={stored.checks} />
      <FaultTimeline run={stored} windows={windows} commands={log} />
      <ReportCharts run={stored} commands={log} windows={windows} />
      <CommandLog commands={log} />
    </main>
  );
}

function ReportProblem({ runId, error }: { runId: string; error: Error }) {
  return (
    <main className={styles.page} data-testid="report-problem">
      {error instanceof StoredRunError && error.unavailable ? (
        <StoreUnavailable detail={error.message} />
      ) : error instanceof StoredRunError && error.status === 404 ? (
        <div className={styles.notFound} data-testid="report-not-found">
          <h1>No run “{runId}”</h1>
          <p>It is not stored here: it may have been deleted, or it was made on another server.</p>
        </div>
      ) : (
        <p className={styles.error} role="alert">
          Could not load the report: {error.message}
        </p>
      )}
      <p className={styles.back}>
        <Link href="/runs">All runs</Link>
      </p>
    </main>
  );
}
