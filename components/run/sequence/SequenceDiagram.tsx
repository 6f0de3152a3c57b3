"use client";

import { useMemo, useState } from "react";
import { useRunSelector } from "../store/run-context";
import { Panel } from "../../ui/Panel";
import { useElementWidth } from "../lanes/useElementWidth";
import { FAMILIES, familyOf, type MessageFamily } from "./message-kinds";
import { SequenceSvg } from "./SequenceSvg";
import styles from "./Sequence.module.css";

const WINDOWS = [100, 500, 2000, 5000];
const MAX_DRAWN = 160;

/**
 * A space-time diagram of recent messages: one vertical line per node, time flowing
 * down, each message an arrow from its send to its arrival. Dropped messages end in
 * a cross; duplicated ones arrive twice.
 */
export function SequenceDiagram() {
  const messages = useRunSelector((v) => v.messages);
  const nodes = useRunSelector((v) => v.nodes);
  const nowMs = useRunSelector((v) => v.nowMs);
  const [windowMs, setWindowMs] = useState(500);
  const [hidden, setHidden] = useState<Set<MessageFamily>>(() => new Set(["control"]));
  const [ref, width] = useElementWidth<HTMLDivElement>(640);

  const shown = useMemo(() => {
    const from = nowMs - windowMs;
    const recent = messages.filter((m) => m.atMs >= from && !hidden.has(familyOf(m.type)));
    return recent.slice(-MAX_DRAWN);
  }, [messages, nowMs, windowMs, hidden]);
  const columns = useMemo(() => {
    const involved = new Set(shown.flatMap((m) => [m.src, m.dst]));
    return nodes.filter((n) => involved.has(n.id)).map((n) => n.id);
  }, [shown, nodes]);
  const dropped = shown.filter((m) => m.arrivals.length === 0).length;
  const duplicated = shown.filter((m) => m.arrivals.length > 1).length;

  return (
    <Panel
      title="Messages"
      subtitle={`The last ${windowMs >= 1000 ? `${windowMs / 1000} s` : `${windowMs} ms`} of virtual time, sampled · ${dropped} dropped · ${duplicated} duplicated`}
      testId="sequence-diagram"
      actions={
        <div className={styles.windows} role="radiogroup" aria-label="Time window">
          {WINDOWS.map((w) => (
            <button
              key={w}
              type="button"
              role="radio"
              aria-checked={w === windowMs}
              className={w === windowMs ? styles.on : styles.off}
              onClick={() => setWindowMs(w)}
            >
              {w >= 1000 ? `${w / 1000} s` : `${w} ms`}
            </button>
          ))}
        </div>
      }
    >
      <div className={styles.filters}>
        {FAMILIES.map((f) => (
          <label key={f.family} className={styles.filter}>
            <input
              type="checkbox"
              checked={!hidden.has(f.family)}
              onChange={() =>
                setHidden((h) => {
                  const next = new Set(h);
                  if (next.has(f.family)) next.delete(f.family);
                  else next.add(f.family);
                  return next;
                })
              }
            />
            <span className={styles.familySwatch} style={{ background: f.colour }} />
            {f.label}
          </label>
        ))}
        <span className={styles.key}>
          <span className={styles.dropKey}>✕</span> dropped
        </span>
        <span className={styles.key}>
          <span className={styles.dupKey}>×2</span> duplicated
        </span>
      </div>
      <div ref={ref} className={styles.canvas}>
        {shown.length === 0 ? (
          <p className={styles.empty}>No sampled message in this window yet.</p>
        ) : (
          <SequenceSvg
            messages={shown}
            columns={columns}
            width={width}
            fromMs={nowMs - windowMs}
            toMs={nowMs}
          />
        )}
      </div>
    </Panel>
  );
}
