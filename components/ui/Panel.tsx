import type { ReactNode } from "react";
import styles from "./Panel.module.css";

/** A titled card: every section of the run page is one. */
export function Panel({
  title,
  subtitle,
  actions,
  children,
  testId,
  className,
  flush = false,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  testId?: string;
  className?: string;
  /** No inner padding (for content that draws edge to edge). */
  flush?: boolean;
}) {
  return (
    <section className={`${styles.panel} ${className ?? ""}`} data-testid={testId}>
      <header className={styles.head}>
        <div className={styles.titles}>
          <h2 className={styles.title}>{title}</h2>
          {subtitle ? <p className={styles.subtitle}>{subtitle}</p> : null}
        </div>
        {actions ? <div className={styles.actions}>{actions}</div> : null}
      </header>
      <div className={flush ? styles.flush : styles.body}>{children}</div>
    </section>
  );
}
