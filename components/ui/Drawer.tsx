"use client";

import { useEffect, type ReactNode } from "react";
import styles from "./Drawer.module.css";
import { Button } from "./Button";

/** A panel that slides over the right edge of the page; Escape or the backdrop closes it. */
export function Drawer({
  title,
  onClose,
  children,
  testId,
  wide = false,
}: {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  testId?: string;
  wide?: boolean;
}) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") onClose();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);

  return (
    <div className={styles.root}>
      <div className={styles.backdrop} onClick={onClose} aria-hidden />
      <aside
        className={`${styles.drawer} ${wide ? styles.wide : ""}`}
        role="dialog"
        aria-modal="true"
        data-testid={testId}
      >
        <header className={styles.head}>
          <h2 className={styles.title}>{title}</h2>
          <Button variant="ghost" size="sm" onClick={onClose} aria-label="Close">
            Close ✕
          </Button>
        </header>
        <div className={styles.body}>{children}</div>
      </aside>
    </div>
  );
}
