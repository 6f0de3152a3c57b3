import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { Replica } from "../replica";
import type { LogRecord } from "../model";

/**
 * The follower's side of log reconciliation (KIP-101, KIP-279, KIP-595): a follower fetches
 * with its last epoch and LEO; a leader that sees a divergence answers with its largest epoch
 * not above the follower's and where that epoch ends; the follower cuts its log
 * (Replica.divergenceCut) and fetches again. Whatever the two logs' histories, the exchange
 * ends after a few rounds with the follower's log a prefix of the leader's, and it keeps
 * every record the two logs share.
 *
 * Histories are made the way they arise: epoch after epoch, one of three replicas leads and
 * appends records of that epoch to its own log; each other replica may have copied a prefix
 * of the leader's log in between (replication) or not (cut off, a zombie elsewhere). A
 * record is its epoch and the offset it was first written at, which is what identifies it.
 */
interface Leadership {
  leader: number;
  appended: number;
  /** For each replica: how much of the leader's log it copies afterwards (0: none). */
  copied: number[];
}

const leadershipArb: fc.Arbitrary<Leadership> = fc.record({
  leader: fc.integer({ min: 0, max: 2 }),
  appended: fc.integer({ min: 0, max: 5 }),
  copied: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 3, maxLength: 3 }),
});

type Entry = { epoch: number; id: string };

/** Builds three logs from a history; each entry is (epoch, where it was first written). */
function buildLogs(history: readonly Leadership[]): Entry[][] {
  const logs: Entry[][] = [[], [], []];
  history.forEach((h, i) => {
    const epoch = i + 1;
    const log = logs[h.leader]!;
    const start = log.length;
    for (let k = 0; k < h.appended; k++) log.push({ epoch, id: `${epoch}@${start + k}` });
    for (let r = 0; r < 3; r++) {
      if (r === h.leader || h.copied[r]! < 0.5) continue;
      // A follower that replicates ends up with a prefix of the leader's log at least as long
      // as what they share: what the reconciliation under test would give it.
      const shared = commonPrefix(logs[r]!, log);
      const upTo = shared + Math.round((log.length - shared) * (h.copied[r]! - 0.5) * 2);
      logs[r] = log.slice(0, upTo);
    }
  });
  return logs;
}

function commonPrefix(a: readonly Entry[], b: readonly Entry[]): number {
  let i = 0;
  while (i < a.length && i < b.length && a[i]!.id === b[i]!.id) i++;
  return i;
}

function replicaOf(entries: readonly Entry[]): Replica {
  const rep = new Replica(0, 0, [0, 1, 2]);
  for (const e of entries) {
    rep.append({ epoch: e.epoch, eventId: e.id, producer: -1, seq: -1 } as unknown as LogRecord);
  }
  return rep;
}

function idsOf(rep: Replica): string[] {
  return rep.log.map((r) => (r as unknown as { eventId: string }).eventId);
}

describe("log reconciliation after a leader change (KIP-279's multi-round truncation)", () => {
  it("ends with the follower a prefix of the leader, keeping every shared record", () => {
    fc.assert(
      fc.property(
        fc.array(leadershipArb, { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 0, max: 2 }),
        (history, l, f) => {
          fc.pre(l !== f);
          const logs = buildLogs(history);
          const leader = replicaOf(logs[l]!);
          const follower = replicaOf(logs[f]!);
          const shared = commonPrefix(logs[l]!, logs[f]!);
          let rounds = 0;
          while (leader.divergesAt(follower.lastEpoch(), follower.leo)) {
            const cut = follower.divergenceCut(
              leader.epochAtOrBelow(follower.lastEpoch()),
              leader.endOffsetForEpoch(follower.lastEpoch()),
            );
            // Each round cuts something, or the fetch loop would spin for ever (the bug of
            // seed 400443981 in regressions.test.ts).
            expect(cut).toBeLessThan(follower.leo);
            follower.truncateTo(cut);
            rounds++;
            expect(rounds).toBeLessThanOrEqual(history.length + 1);
          }
          const kept = idsOf(follower);
          expect(kept).toEqual(idsOf(leader).slice(0, kept.length));
          expect(kept.length).toBeGreaterThanOrEqual(shared);
        },
      ),
      { numRuns: 3_000 },
    );
  });

  it("cuts a zombie's record the leader never had, though the leader's log runs past it", () => {
    // The shape of seed 400443981: the follower wrote offset 2 as epoch 2's zombie leader;
    // the leader has offset 2 in epoch 1 and went on in epoch 3.
    const leader = replicaOf([
      { epoch: 1, id: "1@0" },
      { epoch: 1, id: "1@1" },
      { epoch: 1, id: "1@2" },
      { epoch: 3, id: "3@3" },
    ]);
    const follower = replicaOf([
      { epoch: 1, id: "1@0" },
      { epoch: 1, id: "1@1" },
      { epoch: 2, id: "2@2" },
    ]);
    expect(leader.divergesAt(2, 3)).toBe(true);
    expect(leader.epochAtOrBelow(2)).toBe(1);
    expect(leader.endOffsetForEpoch(2)).toBe(3);
    expect(follower.divergenceCut(1, 3)).toBe(2);
  });
});
