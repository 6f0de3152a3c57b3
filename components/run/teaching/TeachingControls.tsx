"use client";

import { useEffect } from "react";
import { useRunSelector } from "../store/run-context";
import { Button } from "../../ui/Button";
import { formatClock } from "../../ui/format";
import { useTeachingController, useTeachingStatus } from "./teaching-context";
import { nextStepIndex } from "./narration";
import styles from "./Teaching.module.css";

/**
 * The lecturer's buttons: play to the next step at the header's speed (and stop there),
 * jump straight to it, or stop a play under way. Keys: N plays on, J jumps.
 */
export function TeachingControls() {
  const controller = useTeachingController();
  const status = useTeachingStatus();
  const speed = useRunSelector((v) => v.pacing.speed);
  const over = useRunSelector((v) => v.status !== "running");
  const next = useRunSelector((v) => {
    const steps = v.meta?.scenario.narration ?? [];
    const i = nextStepIndex(steps, v.nowMs);
    return i === null ? null : { index: i, atMs: steps[i]!.atMs };
  }, sameNext);
  const busy = status.goingTo !== null;
  const label = next ? `step ${next.index + 1} (${formatClock(next.atMs)})` : "the end";

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const t = e.target as HTMLElement | null;
      if (e.ctrlKey || e.metaKey || e.altKey || t?.closest("input, select, textarea")) return;
      if (e.key === "n") void controller.next("play", speed);
      if (e.key === "j") void controller.next("jump");
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [controller, speed]);

  if (over) return <span className={styles.hint}>The run has ended.</span>;
  return (
    <div className={styles.controls}>
      {busy ? (
        <Button onClick={() => controller.stop()} data-testid="teaching-stop">
          ❚❚ Stop here
        </Button>
      ) : (
        <Button
          variant="primary"
          onClick={() => void controller.next("play", speed)}
          data-testid="teaching-next"
          title={`Plays at the header's speed (${speed === "max" ? "max" : `${speed}×`}) and pauses at ${label} (key N)`}
        >
          ▶ Play to {label}
        </Button>
      )}
      <Button
        onClick={() => void controller.next("jump")}
        disabled={busy}
        data-testid="teaching-jump"
        title={`Moves virtual time straight to ${label} and pauses there (key J)`}
      >
        Jump »
      </Button>
      {status.error ? (
        <span className={styles.error} role="alert">
          {status.error}
        </span>
      ) : null}
    </div>
  );
}

function sameNext(
  a: { index: number; atMs: number } | null,
  b: { index: number; atMs: number } | null,
): boolean {
  return a === b || (a !== null && b !== null && a.index === b.index && a.atMs === b.atMs);
}
