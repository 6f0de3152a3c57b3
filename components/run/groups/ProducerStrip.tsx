"use client";

import { useRunSelector } from "../store/run-context";
import { Pill } from "../../ui/Pill";
import { formatCount, formatDuration } from "../../ui/format";
import styles from "./Groups.module.css";

/**
 * Producers as a table, one row each: acks and idempotence, then the counts of what was
 * sent and how it ended, and the latency. A table because these numbers are read across
 * producers (which one times out, which one retries); the network's totals follow.
 */
export function ProducerStrip() {
  const producers = useRunSelector((v) => v.producers);
  const network = useRunSelector((v) => v.network);
  return (
    <section
      className={styles.producers}
      data-testid="producers"
      aria-label="Producers and network"
    >
      <table className={`${styles.table} ${styles.producerTable}`}>
        <thead>
          <tr>
            <th>producer</th>
            <th>settings</th>
            <th className={styles.numCol}>sent</th>
            <th className={styles.numCol}>acked</th>
            <th className={styles.numCol}>failed</th>
            <th className={styles.numCol}>timed out</th>
            <th className={styles.numCol}>retried</th>
            <th className={styles.numCol}>latency avg</th>
          </tr>
        </thead>
        <tbody>
          {producers.map((p) => (
            <tr key={p.id} data-testid={`producer-${p.id}`}>
              <td className={styles.producerName}>{p.id}</td>
              <td>
                <span className={styles.settings}>
                  <Pill tone="accent">acks={p.acks}</Pill>
                  {p.idempotent ? <Pill tone="ok">idempotent</Pill> : null}
                  {p.stopped ? <Pill>stopped</Pill> : null}
                </span>
              </td>
              <td className={`${styles.numCol} num`}>{formatCount(p.sent)}</td>
              <td className={`${styles.numCol} num`} data-testid={`producer-acked-${p.id}`}>
                {formatCount(p.acknowledged)}
              </td>
              <td className={`${styles.numCol} num ${p.failed > 0 ? styles.badText : ""}`}>
                {formatCount(p.failed)}
              </td>
              <td className={`${styles.numCol} num ${p.timedOut > 0 ? styles.warnText : ""}`}>
                {formatCount(p.timedOut)}
              </td>
              <td className={`${styles.numCol} num`}>{formatCount(p.retried)}</td>
              <td className={`${styles.numCol} num`}>{formatDuration(p.latencyMsAvg)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className={styles.producer} data-testid="network-totals">
        <span className={styles.producerName}>network</span>
        <span className={styles.stat}>
          sent <b className="num">{formatCount(network.sent)}</b>
        </span>
        <span className={styles.stat}>
          delivered <b className="num">{formatCount(network.delivered)}</b>
        </span>
        <span className={`${styles.stat} ${network.dropped > 0 ? styles.warnText : ""}`}>
          dropped <b className="num">{formatCount(network.dropped)}</b>
        </span>
        <span className={styles.stat}>
          duplicated <b className="num">{formatCount(network.duplicated)}</b>
        </span>
        <span className={styles.stat}>
          in flight <b className="num">{formatCount(network.inFlight)}</b>
        </span>
      </div>
    </section>
  );
}
