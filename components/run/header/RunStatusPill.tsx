"use client";

import { useRunSelector } from "../store/run-context";
import { Pill, type Tone } from "../../ui/Pill";

const TONE: Record<string, Tone> = {
  connecting: "muted",
  running: "ok",
  paused: "muted",
  finished: "info",
  failed: "bad",
};

/** Whether the simulation is running, paused, over, or failed. */
export function RunStatusPill() {
  // A running run whose clock is held reads as paused: that is what the viewer sees.
  const status = useRunSelector((v) =>
    v.status === "running" && v.pacing.paused ? "paused" : v.status,
  );
  const error = useRunSelector((v) => v.error);
  return (
    <span data-testid="run-status" data-status={status} title={error ?? undefined}>
      <Pill tone={TONE[status]} dot={status === "running"}>
        {status}
      </Pill>
    </span>
  );
}
