"use client";

import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { replayQuery } from "../../api/stored-runs";
import type { StoredRunWire } from "../../../server/protocol";
import { Button } from "../../ui/Button";
import { Panel } from "../../ui/Panel";
import { formatClock } from "../../ui/format";
import styles from "./Report.module.css";

/**
 * Replays the stored run on the server (scenario + seed + command log) and compares the
 * trace hash it reaches with the one the run stored: equal means the run is reproduced
 * event for event.
 */
export function ReplayCheck({ run }: { run: StoredRunWire }) {
  const [asked, setAsked] = useState(false);
  const replay = useQuery({ ...replayQuery(run.id), enabled: asked });
  const result = replay.data;
  return (
    <Panel
      title="Replay"
      subtitle="Re-simulate from scenario, seed and command log"
      testId="report-replay"
      actions={
        <Button
          variant="primary"
          size="sm"
          onClick={() => (asked ? void replay.refetch() : setAsked(true))}
          disabled={replay.isFetching}
          data-testid="replay-run"
        >
          {replay.isFetching ? "Replaying…" : asked ? "Replay again" : "Replay now"}
        </Button>
      }
    >
      {!asked ? (
        <p className={styles.muted}>
          A run is a pure function of its scenario, seed and timed operator commands. Replaying it
          must reach the same trace hash
          {run.traceHash ? (
            <>
              {" "}
              (<code>{run.traceHash}</code>)
            </>
          ) : null}
          ; a different hash means the engine changed since the run was recorded.
        </p>
      ) : replay.isPending ? (
        <p className={styles.muted}>Replaying {formatClock(run.virtualMs)} of virtual time…</p>
      ) : replay.error ? (
        <p className={styles.error} role="alert">
          The replay failed: {replay.error.message}
        </p>
      ) : result ? (
        <div data-testid="replay-result" data-matches={String(result.matches)}>
          <dl className={styles.hashes}>
            <dt>Stored</dt>
            <dd className="mono" data-testid="replay-stored-hash">
              {result.storedTraceHash ?? "none"}
            </dd>
            <dt>Replayed</dt>
            <dd className="mono" data-testid="replay-hash">
              {result.replayedTraceHash}
            </dd>
          </dl>
          <p
            className={
              result.matches === true
                ? styles.match
                : result.matches === false
                  ? styles.mismatch
                  : styles.muted
            }
            data-testid="replay-verdict"
          >
            {result.matches === true
              ? `✓ Equal: the replay reproduced the run event for event (${result.commands} command${result.commands === 1 ? "" : "s"}, to ${formatClock(result.untilMs)}).`
              : result.matches === false
                ? "✕ Different: the engine no longer produces this run. It was recorded by another version of the simulation."
                : `Replayed to ${formatClock(result.untilMs)}; the run stored no hash at that time to compare with.`}
          </p>
        </div>
      ) : null}
    </Panel>
  );
}
