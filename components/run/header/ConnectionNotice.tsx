"use client";

import { useRunSelector } from "../store/run-context";
import styles from "./ConnectionNotice.module.css";

/** A thin bar when the socket is down or the run failed, so stale numbers are never mistaken for live ones. */
export function ConnectionNotice() {
  const connection = useRunSelector((v) => v.connection);
  const status = useRunSelector((v) => v.status);
  const error = useRunSelector((v) => v.error);
  if (status === "failed")
    return (
      <div className={`${styles.bar} ${styles.bad}`} role="alert" data-testid="run-failed">
        The simulation failed and the run stopped: {error ?? "unknown error"}
      </div>
    );
  if (connection === "reconnecting")
    return (
      <div className={styles.bar} role="status">
        Connection lost; reconnecting… The numbers below are from before the break.
      </div>
    );
  if (connection === "lost")
    return (
      <div className={`${styles.bar} ${styles.bad}`} role="alert" data-testid="run-missing">
        {error ?? "This run does not exist on the server (it may have been restarted)."}
      </div>
    );
  return null;
}
