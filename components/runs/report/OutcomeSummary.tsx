import type { StoredRunWire } from "../../../server/protocol";
import { Panel } from "../../ui/Panel";
import { Pill } from "../../ui/Pill";
import { formatClock, formatCount, formatDuration } from "../../ui/format";
import styles from "./Report.module.css";

/** How the run ended up: converged or not (and why), the scenario's expectation, its size. */
export function OutcomeSummary({ run }: { run: StoredRunWire }) {
  const s = run.summary;
  return (
    <Panel
      title="Outcome"
      subtitle={`At ${formatClock(run.virtualMs)} of virtual time`}
      testId="report-outcome"
    >
      {s === null ? (
        <p className={styles.muted}>
          The run has not reported an outcome yet (it is still live, or its server stopped first). A
          replay recomputes it.
        </p>
      ) : (
        <dl className={styles.facts}>
          <dt>Convergence</dt>
          <dd data-testid="report-converged" data-converged={s.converged}>
            {s.converged ? (
              <>
                <Pill tone="ok">converged</Pill>{" "}
                {s.convergedAtMs !== null ? `at ${formatClock(s.convergedAtMs)}` : null}
                {s.timeToConvergeMs !== null
                  ? `, ${formatDuration(s.timeToConvergeMs)} after the last fault ended`
                  : null}
              </>
            ) : (
              <>
                <Pill tone="warn">not converged</Pill>
                {s.notConvergedBecause.length > 0 ? (
                  <ul className={styles.reasons}>
                    {s.notConvergedBecause.slice(0, 5).map((r) => (
                      <li key={r}>{r}</li>
                    ))}
                  </ul>
                ) : null}
              </>
            )}
          </dd>
          <dt>Expectation</dt>
          <dd data-testid="report-expectation">
            {s.expectation.met ? (
              <>
                <Pill tone="ok">met</Pill> the run showed what the scenario sets out to show
              </>
            ) : (
              <>
                <Pill tone="bad">not met</Pill>
                <ul className={styles.reasons}>
                  {s.expectation.failures.slice(0, 5).map((f) => (
                    <li key={f}>{f}</li>
                  ))}
                </ul>
              </>
            )}
          </dd>
          <dt>Last fault ended</dt>
          <dd>
            {s.lastFaultEndedMs !== null ? formatClock(s.lastFaultEndedMs) : "no fault ended"}
          </dd>
          <dt>Events</dt>
          <dd className="num">{formatCount(s.events)} simulated</dd>
          <dt>Trace hash</dt>
          <dd className="mono" data-testid="report-trace-hash">
            {run.traceHash ?? "–"}
          </dd>
        </dl>
      )}
    </Panel>
  );
}
