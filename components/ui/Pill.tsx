import type { ReactNode } from "react";
import styles from "./Pill.module.css";

export type Tone = "ok" | "warn" | "bad" | "info" | "accent" | "muted";

/** A small rounded label in a status tone. */
export function Pill({
  tone = "muted",
  children,
  title,
  testId,
  dot = false,
}: {
  tone?: Tone;
  children: ReactNode;
  title?: string;
  testId?: string;
  dot?: boolean;
}) {
  return (
    <span className={`${styles.pill} ${styles[tone]}`} title={title} data-testid={testId}>
      {dot ? <span className={styles.dot} aria-hidden /> : null}
      {children}
    </span>
  );
}
