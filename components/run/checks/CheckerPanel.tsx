"use client";

import { useState } from "react";
import type { CheckName } from "../../../server/protocol";
import { useRunSelector } from "../store/run-context";
import { formatCount } from "../../ui/format";
import { CHECKS } from "./check-info";
import { CheckExamples } from "./CheckExamples";
import styles from "./Checks.module.css";

/**
 * The seven checkers' live counts in one strip. Zero reads as a calm tick; any other
 * count is red and opens the examples behind it.
 */
export function CheckerPanel() {
  const checks = useRunSelector((v) => v.checks);
  const [open, setOpen] = useState<CheckName | null>(null);
  return (
    <section className={styles.strip} data-testid="checker-panel" aria-label="Checkers">
      {CHECKS.map((c) => {
        const result = checks?.[c.name];
        const count = result?.count ?? 0;
        const bad = count > 0;
        return (
          <button
            key={c.name}
            type="button"
            className={`${styles.tile} ${bad ? styles.bad : styles.ok}`}
            onClick={() => setOpen(c.name)}
            data-testid={`check-${c.name}`}
            data-count={count}
            title={c.explains}
          >
            <span className={`${styles.count} num`} data-testid={`check-count-${c.name}`}>
              {result ? formatCount(count) : "–"}
            </span>
            <span className={styles.tileTitle}>{c.title}</span>
          </button>
        );
      })}
      {open ? <CheckExamples name={open} onClose={() => setOpen(null)} /> : null}
    </section>
  );
}
