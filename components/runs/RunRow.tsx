import Link from "next/link";
import type { RunListItem } from "../api/stored-runs";
import { Button } from "../ui/Button";
import { Pill } from "../ui/Pill";
import { formatClock } from "../ui/format";
import { noFilters, type RunFilters } from "./run-filters";
import { listTitle, statusView } from "./run-status";
import { summarizeVerdicts } from "./verdicts";
import { formatAgo, formatCreated } from "./format-time";
import styles from "./Runs.module.css";

const runHref = (id: string) => `/runs/${encodeURIComponent(id)}`;
export const reportHref = (id: string) => `${runHref(id)}/report`;

/** One stored run: what, how it went, and where to go from it. */
export function RunRow({
  run,
  reachedMs,
  onDelete,
  onFilter,
}: {
  run: RunListItem;
  /** The virtual time it reached (for a live run, where it is now). */
  reachedMs: number;
  onDelete: (run: RunListItem) => void;
  onFilter: (filters: RunFilters) => void;
}) {
  const status = statusView(run.status);
  const verdict = summarizeVerdicts(run.verdicts);
  return (
    <tr data-testid={`run-row-${run.id}`} data-status={run.status}>
      <td>
        <Link href={reportHref(run.id)} className={styles.runTitle} title={run.title}>
          {listTitle(run.title, run.seed)}
        </Link>
        <div className={styles.sub}>
          <span className="mono">{run.id}</span>
          {run.parentRunId ? (
            <>
              {" · fork of "}
              <Link href={reportHref(run.parentRunId)} className="mono" data-testid="parent-link">
                {run.parentRunId}
              </Link>
              {run.forkAtMs !== null ? ` at ${formatClock(run.forkAtMs)}` : null}
            </>
          ) : null}
        </div>
      </td>
      <td>
        <button
          type="button"
          className={styles.linkButton}
          title="Show only runs of this scenario"
          onClick={() => onFilter({ ...noFilters, scenario: run.scenarioName })}
        >
          {run.scenarioName}
        </button>
      </td>
      <td className={`${styles.numCol} num`}>{run.seed}</td>
      <td title={run.error ?? status.explains}>
        <Pill tone={status.tone} dot={run.status === "running"}>
          {status.label}
        </Pill>
      </td>
      <td className={styles.created} title={new Date(run.createdAt).toLocaleString()}>
        {formatCreated(run.createdAt)}
        <div className={styles.sub}>{formatAgo(run.createdAt)}</div>
      </td>
      <td className={`${styles.numCol} num`} data-testid="run-reached">
        {formatClock(reachedMs)}
      </td>
      <td>
        <span
          className={`${styles.verdict} ${styles[verdict.kind]}`}
          title={verdict.failing.map((f) => `${f.title}: ${f.count}`).join("\n") || undefined}
          data-testid="run-verdict"
          data-kind={verdict.kind}
        >
          {verdict.kind === "clean" ? "✓ " : verdict.kind === "anomalies" ? "✕ " : ""}
          {verdict.text}
        </span>
      </td>
      <td className={styles.actionsCol}>
        <div className={styles.rowActions}>
          {run.live ? (
            <Link href={runHref(run.id)} className={styles.action} data-testid="open-live">
              Open live
            </Link>
          ) : null}
          <Link href={reportHref(run.id)} className={styles.action} data-testid="open-report">
            Report
          </Link>
          <Button
            size="sm"
            variant="ghost"
            onClick={() => onDelete(run)}
            aria-label={`Delete ${run.title}`}
            data-testid="delete-run"
          >
            Delete
          </Button>
        </div>
      </td>
    </tr>
  );
}
