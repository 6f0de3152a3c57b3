"use client";

import { useRunSelector } from "../store/run-context";
import { Pill } from "../../ui/Pill";
import { formatCount, formatDuration } from "../../ui/format";
import styles from "./Groups.module.css";

/** Producers in one line each: acks, counts of the three outcomes (and the timeout), latency. */
export function ProducerStrip() {
  const producers = useRunSelector((v) => v.producers);
  const network = useRunSelector((v) => v.network);
  return (
    <section
      className={styles.producers}
      data-testid="producers"
      aria-label="Producers and network"
    >
      {producers.map((p) => (
        <div key={p.id} className={styles.producer} data-testid={`producer-${p.id}`}>
          <span className={styles.producerName}>{p.id}</span>
          <Pill tone="accent">acks={p.acks}</Pill>
          {p.idempotent ? <Pill tone="ok">idempotent</Pill> : null}
          {p.stopped ? <Pill>stopped</Pill> : null}
          <span className={styles.stat}>
            sent <b className="num">{formatCount(p.sent)}</b>
          </span>
          <span className={styles.stat}>
            acked{" "}
            <b className="num" data-testid={`producer-acked-${p.id}`}>
              {formatCount(p.acknowledged)}
            </b>
          </span>
          <span className={`${styles.stat} ${p.failed > 0 ? styles.badText : ""}`}>
            failed <b className="num">{formatCount(p.failed)}</b>
          </span>
          <span className={`${styles.stat} ${p.timedOut > 0 ? styles.warnText : ""}`}>
            timed out <b className="num">{formatCount(p.timedOut)}</b>
          </span>
          <span className={styles.stat}>
            retried <b className="num">{formatCount(p.retried)}</b>
          </span>
          <span className={styles.stat}>
            latency <b className="num">{formatDuration(p.latencyMsAvg)}</b> avg
          </span>
        </div>
      ))}
      <div className={styles.producer}>
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
