"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import { forkStoredRun } from "../../api/stored-runs";
import type { StoredRunWire } from "../../../server/protocol";
import { ConfirmDialog } from "../../ui/ConfirmDialog";
import { formatClock } from "../../ui/format";
import styles from "./Report.module.css";

/**
 * Fork a stored run at a virtual time: a new run with the same scenario, seed and the
 * commands up to that time, paused there. This browser becomes its operator.
 */
export function ForkDialog({ run, onClose }: { run: StoredRunWire; onClose: () => void }) {
  const router = useRouter();
  const [seconds, setSeconds] = useState((run.virtualMs / 1000).toFixed(1));
  const atMs = Math.round(Number(seconds) * 1000);
  const valid =
    seconds.trim() !== "" && Number.isFinite(atMs) && atMs >= 0 && atMs <= run.virtualMs;
  const fork = useMutation({
    mutationFn: () => forkStoredRun(run.id, atMs),
    onSuccess: (answer) =>
      router.push(
        answer.live
          ? `/runs/${encodeURIComponent(answer.live.runId)}`
          : `/runs/${encodeURIComponent(answer.run.id)}/report`,
      ),
  });
  return (
    <ConfirmDialog
      title="Fork this run"
      confirmLabel="Fork and open"
      busy={fork.isPending || !valid}
      error={fork.error ? `Not forked: ${fork.error.message}` : null}
      onConfirm={() => valid && fork.mutate()}
      onCancel={onClose}
      testId="fork-dialog"
    >
      <p>
        A new run starts from this one&apos;s state at the time you choose, with the same scenario,
        seed and operator commands up to then, paused there, ready for you to try something else.
      </p>
      <label className={styles.forkField}>
        <span>Fork at (virtual seconds, 0 to {formatClock(run.virtualMs)})</span>
        <input
          type="number"
          min={0}
          max={run.virtualMs / 1000}
          step={0.1}
          value={seconds}
          onChange={(e) => setSeconds(e.target.value)}
          aria-invalid={!valid}
          data-testid="fork-at"
        />
      </label>
    </ConfirmDialog>
  );
}
