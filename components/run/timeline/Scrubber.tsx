"use client";

import {
  useEffect,
  useRef,
  useState,
  type CSSProperties,
  type KeyboardEvent,
  type PointerEvent,
} from "react";
import type { FaultWindowWire } from "../../../server/protocol";
import { formatClock } from "../../ui/format";
import { fractionToTime, keyToTime, timeToFraction, tickLabel, trackTicks } from "./scrub-geometry";
import styles from "./Timeline.module.css";

const KEY_COMMIT_MS = 350;
const pct = (f: number) => `${(f * 100).toFixed(3)}%`;

/**
 * Fault bands and ticks are placed in virtual ms, against the track's length in the
 * scrubber's `--track-ms` variable (Timeline.module.css): as the run moves on, only that
 * variable changes, not a style on every band and tick. While a run plays, the track's
 * end moves with every frame, and rewriting each band's left and width (two styles per
 * fault, ten times a second) was most of the page's style changes once a few faults had
 * been injected.
 */
const msVars = (vars: Record<string, number>) => vars as CSSProperties;

/**
 * A track over virtual time, 0 to the furthest time the run reached, with the fault
 * windows as bands. The operator drags the thumb (or clicks, or uses the arrow keys) and
 * the run seeks there when the thumb is let go; for viewers it only shows where the run is.
 */
export function Scrubber({
  nowMs,
  headMs,
  windows,
  forkAtMs,
  canSeek,
  onSeek,
}: {
  nowMs: number;
  headMs: number;
  windows: FaultWindowWire[];
  /** Where this run was forked from its parent: marked on the track. */
  forkAtMs: number | null;
  canSeek: boolean;
  onSeek: (toMs: number) => void;
}) {
  const track = useRef<HTMLDivElement | null>(null);
  const keyTimer = useRef<number | null>(null);
  // The time the last key moved the thumb to, at once: keys can come faster than renders.
  const keyTarget = useRef<number | null>(null);
  const [dragMs, setDragMs] = useState<number | null>(null);
  const [hoverMs, setHoverMs] = useState<number | null>(null);
  const maxMs = Math.max(headMs, nowMs, 1);
  const shownMs = dragMs ?? nowMs;
  useEffect(
    () => () => {
      if (keyTimer.current !== null) window.clearTimeout(keyTimer.current);
    },
    [],
  );

  const timeAt = (clientX: number) => {
    const r = track.current?.getBoundingClientRect();
    return r && r.width > 0 ? fractionToTime((clientX - r.left) / r.width, maxMs) : nowMs;
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (!canSeek || e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    setDragMs(timeAt(e.clientX));
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const t = timeAt(e.clientX);
    setHoverMs(t);
    if (dragMs !== null) setDragMs(t);
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    if (dragMs === null) return;
    const t = timeAt(e.clientX);
    setDragMs(null);
    if (t !== nowMs) onSeek(t);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!canSeek) return;
    const t = keyToTime(e.key, e.shiftKey, keyTarget.current ?? shownMs, maxMs);
    if (t === null) return;
    e.preventDefault();
    keyTarget.current = t;
    setDragMs(t);
    // Held keys move the thumb; the run seeks once they rest.
    if (keyTimer.current !== null) window.clearTimeout(keyTimer.current);
    keyTimer.current = window.setTimeout(() => {
      keyTimer.current = null;
      setDragMs(null);
      if (t !== nowMs) onSeek(t);
    }, KEY_COMMIT_MS);
  };

  const nowFraction = timeToFraction(nowMs, maxMs);
  const thumbFraction = timeToFraction(shownMs, maxMs);
  return (
    <div className={styles.scrubber} style={msVars({ "--track-ms": maxMs })}>
      <div
        ref={track}
        className={`${styles.track} ${canSeek ? styles.seekable : ""}`}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={() => setDragMs(null)}
        onPointerLeave={() => setHoverMs(null)}
        data-testid="scrubber-track"
        data-max-ms={Math.round(maxMs)}
      >
        <div className={styles.rail} />
        <div className={styles.played} style={{ width: pct(nowFraction) }} />
        {windows
          .filter((w) => w.startMs <= maxMs)
          .map((w) => (
            <div
              key={`${w.id}@${w.startMs}`}
              className={styles.faultBand}
              // An open window has no --end-ms and runs to the track's end.
              style={msVars(
                w.endMs === null
                  ? { "--start-ms": w.startMs }
                  : { "--start-ms": w.startMs, "--end-ms": Math.min(w.endMs, maxMs) },
              )}
              data-testid={`scrubber-band-${w.id}`}
              title={`${w.label}: ${formatClock(w.startMs)} to ${w.endMs === null ? "now" : formatClock(w.endMs)}`}
            />
          ))}
        {forkAtMs !== null ? (
          <div
            className={styles.forkMark}
            style={{ left: pct(timeToFraction(forkAtMs, maxMs)) }}
            title={`This run was forked from its parent at ${formatClock(forkAtMs)}`}
          />
        ) : null}
        {hoverMs !== null && dragMs === null ? (
          <div className={styles.hover} style={{ left: pct(timeToFraction(hoverMs, maxMs)) }}>
            <span>{formatClock(hoverMs)}</span>
          </div>
        ) : null}
        <div
          className={`${styles.thumb} ${dragMs !== null ? styles.dragging : ""}`}
          style={{ left: pct(thumbFraction) }}
          role="slider"
          tabIndex={canSeek ? 0 : -1}
          aria-label="Virtual time"
          aria-valuemin={0}
          aria-valuemax={Math.round(maxMs)}
          aria-valuenow={Math.round(shownMs)}
          aria-valuetext={formatClock(shownMs)}
          aria-readonly={!canSeek}
          onKeyDown={onKeyDown}
          data-testid="scrubber-thumb"
        >
          {dragMs !== null ? (
            <span className={styles.thumbLabel}>{formatClock(dragMs)}</span>
          ) : null}
        </div>
      </div>
      <div className={styles.ticks} aria-hidden>
        {trackTicks(maxMs, 10).map((t) => (
          <span key={t} style={msVars({ "--at-ms": t })}>
            {tickLabel(t)}
          </span>
        ))}
      </div>
    </div>
  );
}
