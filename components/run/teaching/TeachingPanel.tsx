"use client";

import { useEffect, useRef, useState } from "react";
import { useIsOperator, useRunSelector } from "../store/run-context";
import { formatClock } from "../../ui/format";
import { LookHere } from "./LookHere";
import { REGIONS } from "./regions";
import { TeachingControls } from "./TeachingControls";
import { useCurrentStep, useTeachingStatus } from "./teaching-context";
import styles from "./Teaching.module.css";

/**
 * Teaching mode: the scenario's narration as captions along the bottom of the page, one
 * step at a time, with the regions the step is about highlighted. The step shown is the
 * one the run's clock is on, so every viewer sees what the operator sees; only the
 * operator has the buttons that move on. It can be folded away to a small tab.
 */
export function TeachingPanel() {
  const { steps, index } = useCurrentStep();
  const operator = useIsOperator();
  const status = useTeachingStatus();
  const teaches = useRunSelector((v) => v.meta?.scenario.teaches ?? "");
  const [open, setOpen] = useState(true);
  const [height, setHeight] = useState(0);
  const ref = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver(() => setHeight(el.getBoundingClientRect().height));
    ro.observe(el);
    return () => ro.disconnect();
  }, [open]);

  if (steps.length === 0) return null;
  const step = index >= 0 ? steps[index] : undefined;
  if (!open)
    return (
      <button
        type="button"
        className={styles.tab}
        onClick={() => setOpen(true)}
        data-testid="teaching-toggle"
      >
        Teaching · step {index + 1} of {steps.length}
      </button>
    );
  return (
    <>
      {/* Keeps the bottom of the page scrollable above the fixed captions. */}
      <div style={{ height: height + 16 }} aria-hidden />
      <section
        ref={ref}
        className={styles.panel}
        data-testid="teaching-panel"
        data-step={index}
        data-steps={steps.length}
        data-going-to={status.goingTo ?? ""}
        aria-label="Teaching mode"
        aria-live="polite"
      >
        <div className={styles.top}>
          <span className={styles.kicker}>
            Teaching · step {Math.max(1, index + 1)} of {steps.length}
            {step ? ` · at ${formatClock(step.atMs)}` : ""}
          </span>
          <ol className={styles.dots} aria-hidden>
            {steps.map((s, i) => (
              <li key={s.atMs} className={i <= index ? styles.dotDone : styles.dot} />
            ))}
          </ol>
          <button
            type="button"
            className={styles.fold}
            onClick={() => setOpen(false)}
            data-testid="teaching-toggle"
          >
            Hide
          </button>
        </div>
        <h2 className={styles.title} data-testid="teaching-step-title">
          {step?.title ?? "Before the first step"}
        </h2>
        <p className={styles.text} data-testid="teaching-step-text">
          {step?.text ?? teaches}
        </p>
        <div className={styles.bottom}>
          {step && step.lookAt.length > 0 ? (
            <span className={styles.lookAt} data-testid="teaching-look-at">
              Look at:{" "}
              {step.lookAt.map((r) => (
                <b key={r} className={styles.chip}>
                  {REGIONS[r].label}
                </b>
              ))}
            </span>
          ) : (
            <span />
          )}
          {operator ? (
            <TeachingControls />
          ) : (
            <span className={styles.hint}>The operator moves through the steps.</span>
          )}
        </div>
      </section>
      {step ? <LookHere regions={step.lookAt} stepNumber={index + 1} /> : null}
    </>
  );
}
