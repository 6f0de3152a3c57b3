import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { initialLeader, run, scenario, simulate } from "./fixtures";
import { withOverrides } from "../run";

/**
 * Each test pins one behaviour Kafka documents (producer acks, min.insync.replicas,
 * unclean.leader.election.enable, offset commit policies, enable.idempotence, leader
 * epochs). A broken model gets these wrong.
 */

describe("producer acks and the ISR", () => {
  it("acks=all with min.insync.replicas=2 and no unclean election never loses an acknowledged write under any single broker crash", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 2 }),
        fc.constantFrom("kill" as const, "powerloss" as const),
        fc.integer({ min: 500, max: 6_000 }),
        fc.option(fc.integer({ min: 200, max: 6_000 }), { nil: undefined }),
        (seed, broker, mode, atMs, forMs) => {
          const s = scenario({
            topic: { minInsyncReplicas: 2, uncleanLeaderElection: false },
            producers: [{ id: "p1", ratePerSec: 200, acks: "all", stopMs: 8_000 }],
            faults: [
              {
                kind: "crash",
                target: `b${broker + 1}`,
                mode,
                atMs,
                ...(forMs !== undefined ? { untilMs: atMs + forMs } : {}),
              },
            ],
          });
          const r = run(s, seed);
          expect(r.checks.lostAckedWrites.count, `seed ${seed}`).toBe(0);
          expect(r.metrics.producers[0]!.acknowledged).toBeGreaterThan(0);
        },
      ),
      { numRuns: 30 },
    );
  });

  it("acks=1 loses acknowledged writes on leader failover", () => {
    // The leader acknowledges on its own append; followers are 40 ms behind, so the
    // writes acknowledged in the moments before the crash exist only on the dead leader.
    const s = scenario({
      producers: [{ id: "p1", ratePerSec: 300, acks: 1, stopMs: 8_000 }],
      faults: [
        { kind: "delay", target: "b2", extraMs: 20, atMs: 0, untilMs: 9_000 },
        { kind: "delay", target: "b3", extraMs: 20, atMs: 0, untilMs: 9_000 },
        { kind: "crash", target: initialLeader(scenario(), 0), atMs: 3_000, untilMs: 6_000 },
      ],
    });
    const r = run(s);
    expect(r.checks.lostAckedWrites.count).toBeGreaterThan(0);
    // ...while the same failover with acks=all loses none.
    const safe = run(withOverrides(s, [{ path: "producers.0.acks", value: "all" }]));
    expect(safe.checks.lostAckedWrites.count).toBe(0);
  });

  it("acks=all is refused with NotEnoughReplicas when the ISR is below min.insync.replicas", () => {
    const s = scenario({
      durationMs: 20_000,
      topic: { minInsyncReplicas: 2 },
      producers: [
        {
          id: "p1",
          ratePerSec: 100,
          acks: "all",
          stopMs: 12_000,
          retries: 1000,
          retryBackoffMs: 100,
        },
      ],
      faults: [
        { kind: "crash", target: "b2", atMs: 2_000, untilMs: 8_000 },
        { kind: "crash", target: "b3", atMs: 2_000, untilMs: 8_000 },
      ],
    });
    const sim = simulate(s, 1, 6_000);
    const p = sim.producers[0]!;
    const ackedAt6 = p.acknowledged;
    const refusedAt6 = { ...p.refused };
    sim.runUntil(7_500);
    // While only one replica is in sync, nothing more is acknowledged: the leader refuses,
    // before appending, with NotEnoughReplicas (not NotLeader, not a timeout).
    expect(p.acknowledged).toBe(ackedAt6);
    expect(p.retried).toBeGreaterThan(10);
    expect(p.refused.notEnoughReplicas - refusedAt6.notEnoughReplicas).toBeGreaterThan(10);
    expect(p.refused.notLeader).toBe(refusedAt6.notLeader);
    expect(sim.controller.partitions.every((x) => x.isr.length <= 1)).toBe(true);
    sim.runUntil(20_000);
    expect(p.acknowledged).toBeGreaterThan(ackedAt6);
    sim.checks.evaluate();
    expect(sim.checks.results().lostAckedWrites.count).toBe(0);
  });

  it("unclean leader election loses committed writes when an out-of-sync replica is elected", () => {
    // b3 falls out of the ISR (cut off), then the two in-sync brokers die: only b3 can lead.
    const base = {
      durationMs: 20_000,
      topic: {
        partitions: 1,
        replicationFactor: 3,
        minInsyncReplicas: 1,
        replicaLagTimeMaxMs: 1_000,
      },
      producers: [{ id: "p1", ratePerSec: 100, acks: "all" as const, stopMs: 12_000 }],
      groups: [],
      faults: [
        { kind: "isolate" as const, target: "b3", atMs: 1_000, untilMs: 6_000 },
        { kind: "crash" as const, target: "b1", atMs: 5_000, untilMs: 14_000 },
        { kind: "crash" as const, target: "b2", atMs: 5_000, untilMs: 14_000 },
      ],
    };
    const unclean = run(
      scenario({ ...base, topic: { ...base.topic, uncleanLeaderElection: true } }),
    );
    expect(unclean.metrics.controller.uncleanElections).toBeGreaterThan(0);
    expect(unclean.checks.lostAckedWrites.count).toBeGreaterThan(0);
    const clean = run(scenario(base));
    expect(clean.metrics.controller.uncleanElections).toBe(0);
    expect(clean.checks.lostAckedWrites.count).toBe(0);
  });
});

describe("durability", () => {
  it("power loss loses unflushed records that a kill keeps", () => {
    // Every replica dies at once; with no flush, only the page cache had the records.
    const crashAll = (mode: "kill" | "powerloss") =>
      scenario({
        durationMs: 20_000,
        topic: { flushIntervalMs: null },
        producers: [{ id: "p1", ratePerSec: 100, acks: "all", stopMs: 10_000 }],
        faults: ["b1", "b2", "b3"].map((b) => ({
          kind: "crash" as const,
          target: b,
          mode,
          atMs: 4_000,
          untilMs: 6_000,
        })),
      });
    const kill = run(crashAll("kill"));
    const powerloss = run(crashAll("powerloss"));
    expect(kill.checks.lostAckedWrites.count).toBe(0);
    expect(powerloss.checks.lostAckedWrites.count).toBeGreaterThan(100);
  });

  it("flushed records survive power loss (flush.ms bounds the loss)", () => {
    const s = scenario({
      durationMs: 20_000,
      topic: { flushIntervalMs: 50 },
      producers: [{ id: "p1", ratePerSec: 100, acks: "all", stopMs: 10_000 }],
      faults: ["b1", "b2", "b3"].map((b) => ({
        kind: "crash" as const,
        target: b,
        mode: "powerloss" as const,
        atMs: 4_000,
        untilMs: 6_000,
      })),
    });
    const r = run(s);
    // At most the last flush interval's worth of acknowledged records can be gone.
    expect(r.checks.lostAckedWrites.count).toBeLessThanOrEqual(10);
  });
});

describe("consumer commit policies", () => {
  it("auto-commit plus a consumer crash loses effects", () => {
    const s = scenario({
      // Consumers slower than the producer: polled records wait in memory, already committed.
      producers: [{ id: "p1", ratePerSec: 200, stopMs: 8_000 }],
      groups: [
        {
          id: "g1",
          members: 2,
          commitPolicy: "auto",
          autoCommitIntervalMs: 100,
          processingMs: 15,
          fetchMaxRecords: 50,
        },
      ],
      faults: [{ kind: "crash", target: "g1-1", atMs: 4_000, untilMs: 6_000 }],
    });
    const r = run(s);
    expect(r.checks.lostEffects.count).toBeGreaterThan(0);
    expect(r.converged).toBe(false);
  });

  it("afterProcess plus a crash redelivers, duplicating effects unless the consumer is idempotent", () => {
    const s = scenario({
      producers: [{ id: "p1", ratePerSec: 100, stopMs: 8_000 }],
      groups: [{ id: "g1", members: 2, commitPolicy: "afterProcess", fetchMaxRecords: 20 }],
      faults: [{ kind: "crashBeforeCommit", target: "g1-1", atMs: 3_000, untilMs: 5_000 }],
    });
    const r = run(s);
    expect(r.checks.lostEffects.count).toBe(0);
    expect(r.metrics.groups[0]!.redeliveries).toBeGreaterThan(0);
    expect(r.checks.duplicateEffects.count).toBeGreaterThan(0);
    const idem = run(withOverrides(s, [{ path: "groups.0.idempotent", value: true }]));
    expect(idem.metrics.groups[0]!.redeliveries).toBeGreaterThan(0);
    expect(idem.checks.duplicateEffects.count).toBe(0);
    expect(idem.metrics.groups[0]!.skippedDuplicates).toBeGreaterThan(0);
    expect(idem.converged).toBe(true);
  });

  it("atomic commit (offset stored with the projection) gives exactly-once effects across a crash", () => {
    const s = scenario({
      groups: [{ id: "g1", members: 2, commitPolicy: "atomic", fetchMaxRecords: 20 }],
      faults: [{ kind: "crashBeforeCommit", target: "g1-1", atMs: 3_000, untilMs: 5_000 }],
    });
    const r = run(s);
    expect(r.checks.duplicateEffects.count).toBe(0);
    expect(r.checks.lostEffects.count).toBe(0);
    expect(r.converged).toBe(true);
  });
});

describe("idempotent producer", () => {
  it("producer timeouts with retries duplicate records unless the producer is idempotent", () => {
    // Responses from the brokers to the producer are slower than its request timeout:
    // the writes happen, the producer does not hear of it, and it sends them again.
    const s = scenario({
      producers: [
        {
          id: "p1",
          ratePerSec: 100,
          acks: "all",
          requestTimeoutMs: 200,
          retries: 5,
          stopMs: 8_000,
        },
      ],
      faults: ["b1", "b2", "b3"].map((b) => ({
        kind: "delay" as const,
        link: { from: b, to: "p1" },
        extraMs: 300,
        atMs: 2_000,
        untilMs: 3_000,
      })),
    });
    const r = run(s);
    expect(r.metrics.producers[0]!.timedOut).toBeGreaterThan(0);
    expect(r.checks.logDuplicates.count).toBeGreaterThan(0);
    const idem = run(withOverrides(s, [{ path: "producers.0.idempotent", value: true }]));
    expect(idem.metrics.producers[0]!.timedOut).toBeGreaterThan(0);
    expect(idem.checks.logDuplicates.count).toBe(0);
  });
});

describe("leader epochs", () => {
  it("a zombie leader's writes are truncated when it rejoins", () => {
    // The leader of partition 0 is cut off from the controller and its followers, but not
    // from the producer; it keeps acknowledging acks=1 writes until it learns it was deposed.
    const leader = initialLeader(scenario(), 0);
    const others = ["b1", "b2", "b3", "ctrl", "g1-1", "g1-2"].filter((n) => n !== leader);
    const s = scenario({
      durationMs: 20_000,
      producers: [{ id: "p1", ratePerSec: 100, acks: 1, stopMs: 12_000 }],
      faults: [{ kind: "partition", sides: [[leader, "p1"], others], atMs: 3_000, untilMs: 8_000 }],
    });
    const sim = simulate(s);
    const result = sim.checks.results();
    expect(sim.elections.length).toBeGreaterThan(0);
    expect(result.lostAckedWrites.count).toBeGreaterThan(0);
    const example = result.lostAckedWrites.examples[0]!;
    const steps = sim.history.steps(example, sim.nodeName).steps.map((x) => `${x.kind}@${x.node}`);
    expect(steps).toContain(`appended@${leader}`);
    expect(steps).toContain(`acked@p1`);
    expect(steps).toContain(`truncated@${leader}`);
    // After the truncation every replica agrees again.
    expect(result.replicaDivergence.count).toBe(0);
  });
});

describe("event sourcing", () => {
  it("replay from offset 0 repairs a buggy projection", () => {
    const s = scenario({
      durationMs: 20_000,
      groups: [{ id: "g1", members: 2, handlerBug: true }],
      script: [{ atMs: 12_000, command: { type: "replay", group: "g1", fixBug: true } }],
    });
    const before = simulate(s, 1, 11_000);
    before.checks.evaluate();
    expect(before.checks.results().projectionDivergence.count).toBeGreaterThan(0);
    const r = run(s);
    expect(r.checks.projectionDivergence.count).toBe(0);
    expect(r.metrics.groups[0]!.replays).toBe(1);
    expect(r.converged).toBe(true);
  });
});

describe("consumer groups", () => {
  it("per-key order holds across a rebalance", () => {
    const s = scenario({
      groups: [{ id: "g1", members: 3, fetchMaxRecords: 20 }],
      faults: [
        { kind: "crash", target: "g1-2", atMs: 3_000, untilMs: 5_000 },
        { kind: "pause", target: "g1-3", atMs: 5_500, untilMs: 7_500 },
      ],
    });
    const r = run(s);
    expect(r.metrics.groups[0]!.rebalances).toBeGreaterThan(2);
    expect(r.checks.orderViolations.count).toBe(0);
  });
});

describe("regressions found by the property tests", () => {
  it("a broker that restarts within its session timeout after power loss does not keep leading with its emptied log (seed 1, b1 powerloss at 500 ms for 200 ms)", () => {
    // Found by the acks=all property: the controller never noticed the 200 ms outage and
    // re-sent b1 its old leadership, so b1 led partition 0 with an empty log. As in KRaft,
    // a new incarnation now fences the old one first.
    const s = scenario({
      topic: { minInsyncReplicas: 2, uncleanLeaderElection: false },
      producers: [{ id: "p1", ratePerSec: 200, acks: "all", idempotent: true, stopMs: 8_000 }],
      faults: [{ kind: "crash", target: "b1", mode: "powerloss", atMs: 500, untilMs: 700 }],
    });
    const r = run(s, 1);
    expect(r.checks.lostAckedWrites.count).toBe(0);
    expect(r.metrics.partitions[0]!.leader).not.toBe("b1");
    expect(r.converged).toBe(true);
  });
});
