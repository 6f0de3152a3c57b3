"use client";

import { useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { exportUrl, openStoredRun } from "../../api/stored-runs";
import type { StoredRunWire } from "../../../server/protocol";
import { Button } from "../../ui/Button";
import { Pill } from "../../ui/Pill";
import { formatClock } from "../../ui/format";
import { statusView } from "../run-status";
import { formatCreated } from "../format-time";
import { ForkDialog } from "./ForkDialog";
import styles from "./Report.module.css";

const liveHref = (id: string) => `/runs/${encodeURIComponent(id)}`;

/** Title, where the run comes from, and what can be done with it. */
export function ReportHeader({ run, live }: { run: StoredRunWire; live: boolean }) {
  const router = useRouter();
  const [forking, setForking] = useState(false);
  const open = useMutation({
    mutationFn: () => openStoredRun(run.id),
    onSuccess: (answer) => router.push(liveHref(answer.live?.runId ?? run.id)),
  });
  const status = statusView(run.status);
  const canReopen = !live && run.status !== "failed";
  return (
    <header className={styles.header}>
      <div className={styles.headerText}>
        <p className={styles.crumbs}>
          <Link href="/runs">Runs</Link> <span aria-hidden>/</span> report
        </p>
        <h1 className={styles.title} data-testid="report-title">
          {run.title}
        </h1>
        <p className={styles.meta}>
          <Pill tone={status.tone} title={run.error ?? status.explains}>
            {status.label}
          </Pill>
          <span>
            scenario <b title={run.scenario.title}>{run.scenarioName}</b>
          </span>
          <span>
            seed{" "}
            <b className="num" data-testid="report-seed">
              {run.seed}
            </b>
          </span>
          <span className="mono">{run.id}</span>
          <span>created {formatCreated(run.createdAt)}</span>
          {run.parentRunId ? (
            <span data-testid="report-parent">
              fork of{" "}
              <Link href={`/runs/${encodeURIComponent(run.parentRunId)}/report`} className="mono">
                {run.parentRunId}
              </Link>
              {run.forkAtMs !== null ? ` at ${formatClock(run.forkAtMs)}` : ""}
            </span>
          ) : null}
          <Link href={`/runs?parent=${encodeURIComponent(run.id)}`}>its forks</Link>
        </p>
        {run.overrides.length > 0 ? (
          <p className={styles.overrides}>
            overrides:{" "}
            {run.overrides.map((o) => (
              <code key={o.path}>
                {o.path}={JSON.stringify(o.value)}
              </code>
            ))}
          </p>
        ) : null}
        {run.error ? <p className={styles.error}>{run.error}</p> : null}
      </div>
      <div className={styles.headerActions}>
        {live ? (
          <Link
            href={liveHref(run.id)}
            className={styles.linkButton}
            data-testid="report-open-live"
          >
            {run.status === "ended" ? "Open run page" : "Watch live"}
          </Link>
        ) : canReopen ? (
          <Button
            onClick={() => open.mutate()}
            disabled={open.isPending}
            title="Start it again on this server, paused where it stopped"
            data-testid="report-reopen"
          >
            Open live again
          </Button>
        ) : null}
        <Button onClick={() => setForking(true)} data-testid="report-fork">
          Fork…
        </Button>
        <a
          href={exportUrl(run.id)}
          download
          className={`${styles.linkButton} ${styles.primaryLink}`}
          data-testid="report-export"
          title="Download the run as one JSON file that replays anywhere"
        >
          Export JSON
        </a>
        {open.error ? (
          <p className={styles.error} role="alert">
            {open.error.message}
          </p>
        ) : null}
      </div>
      {forking ? <ForkDialog run={run} onClose={() => setForking(false)} /> : null}
    </header>
  );
}
