"use client";

import { useRunSelector } from "../store/run-context";
import { formatClock, formatDuration } from "../../ui/format";
import styles from "./ConvergenceBadge.module.css";

const LABEL = { converged: "Converged", converging: "Converging", diverged: "Diverged" } as const;

/**
 * Whether the system has converged, since when, and what stands in the way: the one
 * answer a viewer looks for first.
 */
export function ConvergenceBadge() {
  const c = useRunSelector((v) => v.convergence);
  const status = c?.status ?? "converging";
  const since =
    c?.status === "converged" && c.convergedAtMs !== null
      ? `since ${formatClock(c.convergedAtMs)}`
      : null;
  const took =
    c?.status === "converged" && c.timeToConvergeMs !== null
      ? `${formatDuration(c.timeToConvergeMs)} after the last fault`
      : null;
  const why = c && c.status !== "converged" ? c.reasons[0] : null;
  return (
    <div
      className={`${styles.badge} ${styles[status]}`}
      data-testid="convergence-badge"
      data-status={status}
      title={c?.reasons.join("\n") || undefined}
    >
      <span className={styles.icon} aria-hidden>
        {status === "converged" ? "✓" : status === "diverged" ? "≠" : "↻"}
      </span>
      <span className={styles.text}>
        <span className={styles.label}>{LABEL[status]}</span>
        <span className={styles.detail} data-testid="convergence-detail">
          {since ?? why ?? "waiting for the first check"}
          {took ? ` · ${took}` : ""}
        </span>
      </span>
    </div>
  );
}
