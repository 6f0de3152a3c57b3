"use client";

import { useEffect, useRef } from "react";
import type { WireRecord } from "../../../server/protocol";
import { useRunActions, useRunStore } from "../store/run-context";
import { recordAt } from "../store/apply-parts";
import type { PartitionLogView, PartitionView } from "../store/run-view";

const RETRY_MS = 700;

/**
 * Frames carry only the newest records when many were appended at once, and a window
 * scrolled back shows offsets no frame brought. For every replica lane, the records
 * the window shows but the browser lacks are asked of the server (logRange), at most
 * one request per lane at a time, and merged into the store. Not while `enabled` is false:
 * a window following the tail of a run at max speed moves past its records before an
 * answer could come back (a medium run appends about a window's width per partition
 * between two frames), so asking would only cost requests and renders.
 */
export function useFillRecords(
  partitions: readonly PartitionView[],
  logs: readonly PartitionLogView[],
  starts: readonly number[],
  cells: number,
  shown: number,
  enabled: boolean = true,
) {
  const actions = useRunActions();
  const store = useRunStore();
  const asked = useRef(new Map<string, number>());
  useEffect(() => {
    if (!enabled) return;
    const now = performance.now();
    partitions.slice(0, shown).forEach((part, p) => {
      const log = logs[p];
      const start = starts[p] ?? 0;
      if (!log) return;
      part.replicas.forEach((rep, r) => {
        const end = Math.min(rep.leo, start + cells);
        let first = -1;
        let last = -1;
        for (let o = start; o < end; o++) {
          if (recordAt(log, r, o) !== undefined) continue;
          if (first < 0) first = o;
          last = o;
        }
        if (first < 0) return;
        const key = `${p}/${r}`;
        if (now - (asked.current.get(key) ?? -Infinity) < RETRY_MS) return;
        asked.current.set(key, now);
        void actions.logRange(p, r, first, last - first + 1).then((recs) => {
          asked.current.delete(key);
          if (recs.length === 0) return;
          store.update((v) => {
            const cur = v.logs[p];
            if (!cur) return v;
            // Keep what lies near the window: the rest would only grow with time.
            const older: Record<number, WireRecord> = {};
            for (const [o, rec] of Object.entries(cur.older[r] ?? {}))
              if (Math.abs(Number(o) - first) < 2000) older[Number(o)] = rec;
            recs.forEach((rec, i) => {
              older[first + i] = rec.slice(0, 5) as unknown as WireRecord;
            });
            const logsNext = v.logs.slice();
            logsNext[p] = { ...cur, older: { ...cur.older, [r]: older } };
            return { ...v, logs: logsNext };
          });
        });
      });
    });
  }, [partitions, logs, starts, cells, shown, enabled, actions, store]);
}
