"use client";

import { useRef, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { saveOperatorSecret } from "../../api/operator-secret";
import { Button } from "../../ui/Button";
import { formatClock, formatDuration } from "../../ui/format";
import { useIsOperator, useRunActions, useRunSelector } from "../store/run-context";
import { Scrubber } from "./Scrubber";
import styles from "./Timeline.module.css";

/**
 * Time travel on the live run: the scrubber (seek back and forth over the time the run
 * has reached) and "Fork from here", which starts a new run from the state shown and
 * takes the operator to it.
 */
export function TimeTravel() {
  const router = useRouter();
  const actions = useRunActions();
  const operator = useIsOperator();
  const nowMs = useRunSelector((v) => v.nowMs);
  const headMs = useRunSelector((v) => v.headMs);
  const windows = useRunSelector((v) => v.faultWindows);
  const status = useRunSelector((v) => v.status);
  const runId = useRunSelector((v) => v.meta?.runId ?? null);
  const parent = useRunSelector((v) => v.meta?.parentRunId ?? null);
  const forkAtMs = useRunSelector((v) => v.meta?.forkAtMs ?? null);
  const [busy, setBusy] = useState<"seek" | "fork" | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Where the operator asked to go: the thumb stays there while the seek is under way.
  const [target, setTarget] = useState<number | null>(null);
  const inFlight = useRef(false);
  const queued = useRef<number | null>(null);
  const canTravel = operator && status !== "failed" && status !== "connecting" && busy !== "fork";

  /** One seek at a time; a thumb moved again meanwhile seeks once the current one is done. */
  const seek = async (toMs: number) => {
    setTarget(toMs);
    setError(null);
    if (inFlight.current) {
      queued.current = toMs;
      return;
    }
    inFlight.current = true;
    setBusy("seek");
    let next: number | null = toMs;
    while (next !== null) {
      queued.current = null;
      const result = await actions.seek(next);
      if (!result.ok) setError(result.message);
      next = queued.current;
    }
    inFlight.current = false;
    setBusy(null);
    setTarget(null);
  };
  const fork = async () => {
    setBusy("fork");
    setError(null);
    const result = await actions.fork(nowMs);
    if (!result.ok) {
      setBusy(null);
      setError(result.message);
      return;
    }
    saveOperatorSecret(result.runId, result.operatorSecret);
    router.push(`/runs/${encodeURIComponent(result.runId)}`);
  };

  const behind = headMs - nowMs;
  return (
    <section className={styles.bar} data-testid="time-travel" aria-label="Time travel">
      <div className={styles.label}>
        <span className={styles.caption}>time travel</span>
        <span className={styles.state} data-testid="time-travel-state">
          {busy === "seek"
            ? "seeking…"
            : behind >= 100
              ? `${formatDuration(behind)} back`
              : "at the furthest point"}
        </span>
        {parent ? (
          <span className={styles.parent} data-testid="fork-parent">
            fork of{" "}
            <Link href={`/runs/${encodeURIComponent(parent)}/report`} className="mono">
              {parent}
            </Link>
            {forkAtMs !== null ? ` at ${formatClock(forkAtMs)}` : ""}
          </span>
        ) : null}
      </div>
      <Scrubber
        nowMs={target ?? nowMs}
        headMs={headMs}
        windows={windows}
        forkAtMs={parent ? forkAtMs : null}
        canSeek={canTravel}
        onSeek={(t) => void seek(t)}
      />
      <div className={styles.side}>
        <Button
          size="sm"
          onClick={() => void fork()}
          disabled={!canTravel || busy !== null}
          title={
            operator
              ? `Start a new run from the state at ${formatClock(nowMs)}; this run stays as it is`
              : "Only the operator can fork this run"
          }
          data-testid="fork-here"
        >
          {busy === "fork" ? "Forking…" : "Fork from here"}
        </Button>
        {runId ? (
          <Link href={`/runs/${encodeURIComponent(runId)}/report`} className={styles.report}>
            Report
          </Link>
        ) : null}
      </div>
      <p className={styles.note}>
        {error ? (
          <span className={styles.error} role="alert">
            {error}
          </span>
        ) : operator ? (
          "Drag or click the track (or use the arrow keys) to go back to any moment; the run pauses there, and playing on replays the same future until you change something."
        ) : (
          "The operator controls time travel; this view follows."
        )}
      </p>
    </section>
  );
}
