import Link from "next/link";
import styles from "./RunPage.module.css";

/** A run link that leads nowhere: the server does not hold it (it ended long ago, or restarted). */
export function RunNotFound({ runId }: { runId: string }) {
  return (
    <main className={styles.notFound} data-testid="run-not-found">
      <h1>No live run “{runId}”</h1>
      <p>
        The server does not hold this run: it may have been closed after everyone left, or the
        server was restarted. A run is reproducible from its scenario and seed, so you can start it
        again.
      </p>
      <p>
        If it was stored, its <Link href={`/runs/${encodeURIComponent(runId)}/report`}>report</Link>{" "}
        can replay, fork or reopen it; <Link href="/runs">all runs</Link> lists every stored run.
      </p>
      <p>
        <Link href="/">Back to the scenario library</Link>
      </p>
    </main>
  );
}
