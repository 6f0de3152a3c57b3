"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useMutation } from "@tanstack/react-query";
import type { ScenarioSummary } from "../../server/protocol";
import { createRun } from "../api/queries";
import { saveOperatorSecret } from "../api/operator-secret";
import { Button } from "../ui/Button";
import { formatDuration } from "../ui/format";
import { parseOverrides } from "./overrides";
import styles from "./ScenarioCard.module.css";

/** One scenario: what it teaches, its shape, and a way to start it with a chosen seed. */
export function ScenarioCard({ scenario, number }: { scenario: ScenarioSummary; number: number }) {
  const router = useRouter();
  const [seed, setSeed] = useState(String(scenario.seed));
  const [overrides, setOverrides] = useState("");
  const [showAdvanced, setShowAdvanced] = useState(false);
  const [paused, setPaused] = useState(false);
  const start = useMutation({
    mutationFn: async () => {
      const seedNumber = Number(seed);
      if (!Number.isInteger(seedNumber) || seedNumber < 0)
        throw new Error("The seed is a whole number, 0 or more.");
      return createRun({
        scenario: scenario.name,
        seed: seedNumber,
        overrides: parseOverrides(overrides),
        paused,
      });
    },
    onSuccess: ({ runId, operatorSecret }) => {
      saveOperatorSecret(runId, operatorSecret);
      router.push(`/runs/${encodeURIComponent(runId)}`);
    },
  });
  const facts = [
    `${scenario.brokers} brokers`,
    `${scenario.partitions} partitions × ${scenario.replicationFactor} replicas`,
    `${scenario.producers.length} producer${scenario.producers.length === 1 ? "" : "s"}`,
    `${scenario.groups.length} group${scenario.groups.length === 1 ? "" : "s"}`,
    `${scenario.faults} scripted fault${scenario.faults === 1 ? "" : "s"}`,
    formatDuration(scenario.durationMs),
  ];
  return (
    <article className={styles.card} data-testid={`scenario-${scenario.name}`}>
      <div className={styles.number}>{String(number).padStart(2, "0")}</div>
      <h2 className={styles.title}>{scenario.title}</h2>
      <p className={styles.teaches}>
        <span className={styles.teachesLabel}>Teaches</span>
        {scenario.teaches}
      </p>
      {scenario.description ? <p className={styles.description}>{scenario.description}</p> : null}
      <ul className={styles.facts}>
        {facts.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
      <form
        className={styles.start}
        onSubmit={(e) => {
          e.preventDefault();
          start.mutate();
        }}
      >
        <label className={styles.seed}>
          <span>Seed</span>
          <input
            inputMode="numeric"
            value={seed}
            onChange={(e) => setSeed(e.target.value.trim())}
            data-testid="seed-input"
            aria-label={`Seed for ${scenario.title}`}
          />
        </label>
        <label
          className={styles.paused}
          title="Open the run paused, and press play when the class is ready"
        >
          <input
            type="checkbox"
            checked={paused}
            onChange={(e) => setPaused(e.target.checked)}
            data-testid="start-paused"
          />
          paused
        </label>
        <Button
          variant="ghost"
          size="sm"
          onClick={() => setShowAdvanced((x) => !x)}
          aria-expanded={showAdvanced}
        >
          {showAdvanced ? "Hide overrides" : "Overrides…"}
        </Button>
        <div className={styles.grow} />
        <Button variant="primary" type="submit" disabled={start.isPending} data-testid="start-run">
          {start.isPending ? "Starting…" : "Start run"}
        </Button>
        {showAdvanced ? (
          <label className={styles.overrides}>
            <span>
              One <code>path=value</code> per line, as the CLI&apos;s <code>--set</code> (e.g.{" "}
              <code>producer.acks=1</code>)
            </span>
            <textarea
              rows={3}
              value={overrides}
              onChange={(e) => setOverrides(e.target.value)}
              data-testid="overrides-input"
              spellCheck={false}
            />
          </label>
        ) : null}
      </form>
      {start.isError ? (
        <p className={styles.error} role="alert">
          {start.error.message}
        </p>
      ) : null}
    </article>
  );
}
