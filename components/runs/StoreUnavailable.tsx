import Link from "next/link";
import styles from "./Runs.module.css";

/**
 * What the run pages say when the run store cannot be reached (the routes answer 503):
 * stored runs are out of reach, live runs are not, since they never wait for storage.
 */
export function StoreUnavailable({ detail, live = true }: { detail: string; live?: boolean }) {
  return (
    <div className={styles.unavailable} role="alert" data-testid="store-unavailable">
      <p className={styles.unavailableTitle}>The run store cannot be reached</p>
      <p>
        Stored runs, reports, exports and imports need the database, and the server could not reach
        it: <span className={styles.detail}>{detail}</span>.
        {live ? (
          <>
            {" "}
            Live runs do not depend on it and keep running; start one from the{" "}
            <Link href="/">scenario library</Link>.
          </>
        ) : null}
      </p>
    </div>
  );
}
