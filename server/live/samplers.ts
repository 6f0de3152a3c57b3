import type { MessageTrace, Simulation } from "../sim/engine";
import { messageTypeCode } from "../sim/message-codes";
import type { MessageSample, MetricSample } from "../protocol";
import { committedOffset } from "./partition-tracker";
import { roundMs } from "./records";

/** Messages of the sequence-diagram sample per tick, plus drops and duplicates. */
export const MESSAGES_PER_TICK = 6;
export const ANOMALIES_PER_TICK = 3;

/**
 * Samples the messages the simulation sends for the space-time diagram: an even stride
 * through each tick's messages (the stride follows the previous tick's volume, so the
 * sample stays about MESSAGES_PER_TICK whatever the speed), plus the drops and
 * duplicates, which are what the diagram is there to show.
 */
export class MessageSampler {
  private stride = 1;
  private seen = 0;
  private regular: MessageSample[] = [];
  private anomalies: MessageSample[] = [];

  readonly onMessage = (trace: MessageTrace): void => {
    const anomaly = trace.arrivals.length !== 1;
    if (anomaly) {
      if (this.anomalies.length < ANOMALIES_PER_TICK) this.anomalies.push(encode(trace));
    } else if (this.seen % this.stride === 0) {
      if (this.regular.length >= MESSAGES_PER_TICK * 2) this.regular.shift();
      this.regular.push(encode(trace));
    }
    this.seen++;
  };

  /** This tick's sample, oldest first; starts the next tick. */
  take(): MessageSample[] {
    const regular =
      this.regular.length > MESSAGES_PER_TICK
        ? this.regular.slice(-MESSAGES_PER_TICK)
        : this.regular;
    const out = [...regular, ...this.anomalies].sort((a, b) => a[0] - b[0]);
    this.stride = Math.max(1, Math.floor(this.seen / MESSAGES_PER_TICK));
    this.seen = 0;
    this.regular = [];
    this.anomalies = [];
    return out;
  }
}

function encode(t: MessageTrace): MessageSample {
  return [
    roundMs(t.atMs),
    t.src,
    t.dst,
    messageTypeCode[t.type],
    t.arrivals.length > 0 ? roundMs(t.arrivals[0]!) : -1,
    t.arrivals.length > 1 ? roundMs(t.arrivals[1]!) : -1,
  ];
}

/** One metric sample of the run now (DESIGN.md section 3, the parts the charts draw). */
export function metricSample(sim: Simulation): MetricSample {
  const now = sim.now;
  const partitions = sim.scenario.topic.partitions;
  const rl: number[] = [];
  const rlMs: number[] = [];
  const brokers = sim.scenario.brokers.count;
  const rb = new Array<number>(brokers).fill(0);
  const rbMs = new Array<number>(brokers).fill(0);
  for (let p = 0; p < partitions; p++) {
    const leader = sim.authoritativeReplica(p)!;
    let lag = 0;
    let lagMs = 0;
    for (const rep of sim.replicasOf(p)) {
      const behind = leader.leo - rep.leo;
      if (behind > lag) lag = behind;
      const first = behind > 0 ? leader.log[rep.leo] : undefined;
      const behindMs = first ? now - first.appendMs : 0;
      if (behindMs > lagMs) lagMs = behindMs;
      if (behind > rb[rep.broker]!) rb[rep.broker] = behind;
      if (behindMs > rbMs[rep.broker]!) rbMs[rep.broker] = Math.round(behindMs);
    }
    rl.push(lag);
    rlMs.push(Math.round(lagMs));
  }
  const gl: number[] = [];
  const glMs: number[] = [];
  const glMsP: number[] = [];
  sim.scenario.groups.forEach((_, g) => {
    let lag = 0;
    let lagMs = 0;
    let lagMsP = 0;
    for (let p = 0; p < partitions; p++) {
      const leader = sim.authoritativeReplica(p)!;
      const committed = committedOffset(sim, g, p);
      lag += Math.max(0, leader.hw - committed);
      const first = committed < leader.hw ? leader.log[committed] : undefined;
      if (first) {
        lagMs = Math.max(lagMs, now - first.appendMs);
        lagMsP = Math.max(lagMsP, now - first.timestampMs);
      }
    }
    gl.push(lag);
    glMs.push(Math.round(lagMs));
    glMsP.push(Math.round(lagMsP));
  });
  let ack = 0;
  let sent = 0;
  for (const p of sim.producers) {
    ack += p.acknowledged;
    sent += p.sent;
  }
  return {
    t: roundMs(now),
    rl,
    rlMs,
    rb,
    rbMs,
    gl,
    glMs,
    glMsP,
    rd: sim.checks.groups.map((g) => g.redeliveries),
    de: sim.checks.groups.map((g) => g.duplicateEffects),
    ack,
    sent,
    app: sim.projections.reduce((n, p) => n + p.applied, 0),
  };
}

/**
 * The run's metric history for snapshots: every sample while there are few, then every
 * second one, and so on, so the whole run fits in a bounded number of points.
 */
export class SampleHistory {
  private samples: MetricSample[] = [];
  private every = 1;
  private skipped = 0;

  constructor(private readonly max = 400) {}

  add(s: MetricSample): void {
    if (++this.skipped < this.every) return;
    this.skipped = 0;
    this.samples.push(s);
    if (this.samples.length >= this.max) {
      this.samples = this.samples.filter((_, i) => i % 2 === 1);
      this.every *= 2;
    }
  }

  all(): MetricSample[] {
    return this.samples.slice();
  }

  /** A copy holding the samples up to virtual time `t`: the charts' past after a seek back. */
  until(t: number): SampleHistory {
    const out = new SampleHistory(this.max);
    out.samples = this.samples.filter((s) => s.t <= t);
    out.every = this.every;
    return out;
  }
}
