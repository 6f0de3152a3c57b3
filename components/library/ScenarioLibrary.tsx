"use client";

import { useQuery } from "@tanstack/react-query";
import { scenariosQuery } from "../api/queries";
import { ScenarioCard } from "./ScenarioCard";
import { LiveRuns } from "./LiveRuns";
import styles from "./ScenarioLibrary.module.css";

/** The scenario library: one card per built-in scenario, each saying what it teaches. */
export function ScenarioLibrary() {
  const scenarios = useQuery(scenariosQuery());
  return (
    <main className={styles.page}>
      <div className={styles.intro}>
        <h1 className={styles.title}>Scenario library</h1>
        <p className={styles.lead}>
          Each scenario is a small Kafka-like cluster with producers and consumer groups, a fault
          script, and an outcome to watch for. Start one with a seed: the same seed replays the same
          run, event for event.
        </p>
      </div>
      <LiveRuns />
      {scenarios.isPending ? (
        <div className={styles.grid} aria-busy>
          {[0, 1, 2].map((i) => (
            <div key={i} className={styles.placeholder} />
          ))}
        </div>
      ) : scenarios.isError ? (
        <p className={styles.error} role="alert">
          Could not load the scenarios: {scenarios.error.message}
        </p>
      ) : (
        <div className={styles.grid} data-testid="scenario-list">
          {scenarios.data.map((s, i) => (
            <ScenarioCard key={s.name} scenario={s} number={i + 1} />
          ))}
        </div>
      )}
    </main>
  );
}
