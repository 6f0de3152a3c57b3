import type { FaultWindowWire, StoredCommandWire, StoredRunWire } from "../../../server/protocol";
import { Panel } from "../../ui/Panel";
import { formatClock } from "../../ui/format";
import {
  bandRows,
  faultBands,
  tickLabel,
  timeToFraction,
  trackTicks,
} from "../../run/timeline/scrub-geometry";
import { describeCommand } from "./fault-windows";
import styles from "./Timeline.module.css";

const pct = (f: number) => `${(f * 100).toFixed(3)}%`;

/**
 * Fault windows over virtual time, one row per overlap, with the operator's commands and
 * the moments that matter (the fork point, the last fault's end, convergence) marked on
 * the same axis as the charts below.
 */
export function FaultTimeline({
  run,
  windows,
  commands,
}: {
  run: StoredRunWire;
  windows: FaultWindowWire[];
  commands: StoredCommandWire[];
}) {
  const maxMs = Math.max(run.virtualMs, 1);
  const rows = bandRows(faultBands(windows, maxMs));
  const s = run.summary;
  const marks = [
    run.forkAtMs !== null
      ? { at: run.forkAtMs, label: "forked here", kind: styles.forkMark }
      : null,
    s?.lastFaultEndedMs != null
      ? { at: s.lastFaultEndedMs, label: "last fault ended", kind: styles.endMark }
      : null,
    s?.converged && s.convergedAtMs !== null
      ? { at: s.convergedAtMs, label: "converged", kind: styles.convergedMark }
      : null,
  ].filter((m): m is { at: number; label: string; kind: string } => m !== null);
  return (
    <Panel
      title="Fault timeline"
      subtitle={`${windows.length} fault window${windows.length === 1 ? "" : "s"} over ${formatClock(run.virtualMs)} of virtual time`}
      testId="report-timeline"
    >
      <div className={styles.timeline}>
        <div className={styles.axis} aria-hidden>
          {trackTicks(maxMs).map((t) => (
            <span key={t} className={styles.tick} style={{ left: pct(timeToFraction(t, maxMs)) }}>
              {tickLabel(t)}
            </span>
          ))}
        </div>
        <div className={styles.rows}>
          {rows.length === 0 ? <p className={styles.none}>No fault in this run.</p> : null}
          {rows.map((row, i) => (
            <div key={i} className={styles.row}>
              {row.map((b) => (
                <div
                  key={b.id}
                  className={`${styles.band} ${b.endMs === null ? styles.open : ""}`}
                  style={{ left: pct(b.left), width: pct(Math.max(b.width, 0.004)) }}
                  title={`${b.label}: ${formatClock(b.startMs)} to ${b.endMs === null ? "the end" : formatClock(b.endMs)}`}
                  data-testid={`fault-band-${b.id}`}
                >
                  <span>{b.label}</span>
                </div>
              ))}
            </div>
          ))}
          {marks.map((m) => (
            <div
              key={m.label}
              className={`${styles.mark} ${m.kind}`}
              style={{ left: pct(timeToFraction(m.at, maxMs)) }}
              title={`${m.label} at ${formatClock(m.at)}`}
            />
          ))}
        </div>
        {commands.length > 0 ? (
          <div className={styles.commandRow} aria-label="Operator commands">
            {commands.map((c) => (
              <span
                key={c.seq}
                className={styles.command}
                style={{ left: pct(timeToFraction(c.atMs, maxMs)) }}
                title={`${formatClock(c.atMs)}: ${describeCommand(c.command)}`}
              />
            ))}
          </div>
        ) : null}
        <ul className={styles.legend}>
          <li>
            <span className={styles.legendBand} /> fault window
          </li>
          {commands.length > 0 ? (
            <li>
              <span className={styles.legendCommand} /> operator command
            </li>
          ) : null}
          {marks.map((m) => (
            <li key={m.label}>
              <span className={`${styles.legendMark} ${m.kind}`} /> {m.label} ({formatClock(m.at)})
            </li>
          ))}
        </ul>
      </div>
    </Panel>
  );
}
