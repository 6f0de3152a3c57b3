"use client";

import { useState } from "react";
import { useIsOperator, useRunActions, useRunSelector } from "../store/run-context";
import type { PacingRequest } from "../store/run-actions";
import { Button } from "../../ui/Button";
import { formatSpeed } from "../../ui/format";
import styles from "./PacingControls.module.css";

export const SPEEDS: (number | "max")[] = [0.1, 0.25, 0.5, 1, 2, 5, 10, 25, 50, 100, "max"];

/** Pause, resume, step and speed: pacing the simulation against the wall clock. */
export function PacingControls() {
  const actions = useRunActions();
  const operator = useIsOperator();
  const pacing = useRunSelector((v) => v.pacing);
  const status = useRunSelector((v) => v.status);
  const [error, setError] = useState<string | null>(null);
  const over = status === "finished" || status === "failed";
  const disabled = !operator || over;
  const why = !operator
    ? "Only the operator of this run can change its pace."
    : over
      ? "The run has ended."
      : undefined;

  const send = async (request: PacingRequest) => {
    setError(null);
    const result = await actions.pace(request);
    if (!result.ok) setError(result.message);
  };

  return (
    <div className={styles.controls} data-testid="pacing-controls" title={why}>
      {pacing.paused ? (
        <Button
          variant="primary"
          onClick={() => send({ type: "resume" })}
          disabled={disabled}
          data-testid="resume"
          className={styles.play}
        >
          ▶ Play
        </Button>
      ) : (
        <Button
          onClick={() => send({ type: "pause" })}
          disabled={disabled}
          data-testid="pause"
          className={styles.play}
        >
          ❚❚ Pause
        </Button>
      )}
      <div className={styles.group} role="group" aria-label="Step">
        <Button
          size="sm"
          variant="ghost"
          onClick={() => send({ type: "step", by: "event" })}
          disabled={disabled}
          data-testid="step-event"
          title="Run the next event"
        >
          Next event
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => send({ type: "step", by: "100ms" })}
          disabled={disabled}
          data-testid="step-100ms"
        >
          +100 ms
        </Button>
        <Button
          size="sm"
          variant="ghost"
          onClick={() => send({ type: "step", by: "1s" })}
          disabled={disabled}
          data-testid="step-1s"
        >
          +1 s
        </Button>
      </div>
      <label className={styles.speed}>
        <span className={styles.caption}>speed</span>
        <select
          value={String(pacing.speed)}
          onChange={(e) =>
            send({
              type: "speed",
              speed: e.target.value === "max" ? "max" : Number(e.target.value),
            })
          }
          disabled={disabled}
          data-testid="speed"
        >
          {SPEEDS.map((s) => (
            <option key={String(s)} value={String(s)}>
              {formatSpeed(s)}
            </option>
          ))}
        </select>
      </label>
      {error ? (
        <span className={styles.error} role="alert">
          {error}
        </span>
      ) : null}
    </div>
  );
}
