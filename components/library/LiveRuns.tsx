"use client";

import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { runsQuery } from "../api/queries";
import { Pill } from "../ui/Pill";
import { formatClock } from "../ui/format";
import styles from "./LiveRuns.module.css";

/** Runs in progress on this server: anyone can join one as a viewer. */
export function LiveRuns() {
  const runs = useQuery({ ...runsQuery(), refetchInterval: 5000 });
  const live = (runs.data ?? []).filter((r) => r.status === "running").slice(0, 8);
  if (live.length === 0) return null;
  return (
    <section className={styles.box} data-testid="live-runs">
      <h2 className={styles.heading}>Live runs</h2>
      <ul className={styles.list}>
        {live.map((r) => (
          <li key={r.runId}>
            <Link href={`/runs/${encodeURIComponent(r.runId)}`} className={styles.link}>
              <span className={styles.name}>{r.title}</span>
              <span className={styles.meta}>
                seed {r.seed} · {formatClock(r.nowMs)} · {r.viewers} watching
              </span>
              <Pill tone={r.pacing.paused ? "muted" : "ok"} dot={!r.pacing.paused}>
                {r.pacing.paused ? "paused" : "running"}
              </Pill>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
