import { describe, expect, it } from "vitest";
import { Simulation } from "../engine";
import { Timeline } from "../timeline";
import type { CommandLogEntry } from "../apply-command";
import { scenario } from "./fixtures";
import { resultOf } from "../run";
import { findBuiltin } from "../../scenarios";

const s = scenario({
  durationMs: 40_000,
  producers: [{ id: "p1", ratePerSec: 100, stopMs: 30_000 }],
  faults: [{ kind: "crash", target: "b1", atMs: 5_000, untilMs: 9_000 }],
});
const commands: CommandLogEntry[] = [
  {
    atMs: 12_000,
    command: { type: "injectFault", fault: { kind: "isolate", target: "b2" }, durationMs: 3_000 },
  },
  { atMs: 20_000, command: { type: "setHandlerBug", group: "g1", enabled: true } },
];

/** A live run: advanced in slices, commands applied at their times, checkpoints taken. */
function liveRun(untilMs: number) {
  const sim = new Simulation(s, 3);
  const timeline = new Timeline(sim, 5_000);
  let next = 0;
  for (let t = 250; t <= untilMs; t += 250) {
    while (next < commands.length && commands[next]!.atMs <= t) {
      sim.runUntil(commands[next]!.atMs);
      sim.command(commands[next]!.command);
      next++;
    }
    sim.runUntil(t);
    timeline.observe(sim);
  }
  return { sim, timeline };
}

/** The same run straight through to `atMs`, for comparison. */
function straight(atMs: number): Simulation {
  const sim = new Simulation(s, 3);
  for (const c of commands) {
    if (c.atMs > atMs) break;
    sim.runUntil(c.atMs);
    sim.command(c.command);
  }
  sim.runUntil(atMs);
  return sim;
}

describe("time travel", () => {
  it("seeking rebuilds exactly the state a straight run has at that time", () => {
    const { sim, timeline } = liveRun(36_000);
    expect(timeline.count).toBeGreaterThan(3);
    for (const at of [0, 2_500, 5_000, 7_777, 12_000, 13_001, 20_000, 29_999, 36_000]) {
      const seeked = timeline.seek(at, sim.commandLog);
      const expected = straight(at);
      expect(seeked.now).toBe(at);
      expect(seeked.hash.digest(), `at ${at}`).toBe(expected.hash.digest());
      const a = resultOf(seeked);
      const b = resultOf(expected);
      expect(a.checks).toEqual(b.checks);
      expect(a.metrics).toEqual(b.metrics);
    }
    // The live run itself is untouched by seeking.
    expect(sim.hash.digest()).toBe(straight(36_000).hash.digest());
  });

  it("seeking forward from a state rebuilt earlier starts from that state, exactly", () => {
    const { sim, timeline } = liveRun(36_000);
    // Back to 11 s (before both commands), then forward past them from there.
    const back = timeline.seek(11_000, sim.commandLog);
    expect(back.commandLog).toHaveLength(0);
    for (const at of [11_000, 12_000, 17_500, 33_333]) {
      const forward = timeline.seek(at, sim.commandLog, {}, back);
      expect(forward.hash.digest(), `at ${at}`).toBe(straight(at).hash.digest());
      expect(resultOf(forward).checks).toEqual(resultOf(straight(at)).checks);
    }
    // The state it started from is left as it was.
    expect(back.now).toBe(11_000);
    expect(back.hash.digest()).toBe(straight(11_000).hash.digest());
  });

  it("a fork from a point goes its own way and leaves the parent as it was", () => {
    const { sim, timeline } = liveRun(20_000);
    const parentHash = sim.hash.digest();
    const fork = timeline.seek(10_000, sim.commandLog);
    fork.command({
      type: "injectFault",
      fault: { kind: "crash", target: "b3", mode: "powerloss" },
    });
    fork.runUntil(20_000);
    expect(fork.hash.digest()).not.toBe(parentHash);
    expect(fork.commandLog.map((c) => c.atMs)).toEqual([10_000]);
    expect(sim.hash.digest()).toBe(parentHash);
    expect(sim.nodes[2]!.up).toBe(true);
  });

  it("keeps a bounded number of checkpoints as a run grows", () => {
    const sim = new Simulation(s, 1);
    const timeline = new Timeline(sim, 1_000, 8);
    for (let t = 500; t <= 40_000; t += 500) {
      sim.runUntil(t);
      timeline.observe(sim);
    }
    expect(timeline.count).toBeLessThanOrEqual(8);
    expect(timeline.times()[0]).toBe(0);
  });
});

describe("time travel keeps each run's own past", () => {
  // Regression: checkpoints shared the event table's `abandoned` column with the live run.
  // Events the live run's producer later lost in a crash showed as abandoned in a fork
  // taken before that crash, although the fork's producer never crashed.
  it("a fork taken before a producer crash does not see the events that crash abandoned", () => {
    const crashAt = 10_000;
    const own = new Simulation(
      scenario({ durationMs: 30_000, producers: [{ id: "p1", ratePerSec: 200, stopMs: 25_000 }] }),
      5,
    );
    const timeline = new Timeline(own, 2_000);
    for (let t = 250; t <= 20_000; t += 250) {
      if (t === crashAt) {
        own.runUntil(crashAt);
        own.command({
          type: "injectFault",
          fault: { kind: "crash", target: "p1" },
          durationMs: 1_000,
        });
      }
      own.runUntil(t);
      timeline.observe(own);
    }
    const abandonedIn = (sim: Simulation) => {
      const ids: number[] = [];
      for (let id = 0; id < sim.events.count; id++)
        if (sim.events.abandoned.get(id) === 1) ids.push(id);
      return ids;
    };
    expect(abandonedIn(own).length).toBeGreaterThan(0);
    // The fork keeps none of the live run's commands: its producer never crashes.
    const fork = timeline.seek(crashAt - 500, []);
    fork.runUntil(20_000);
    expect(abandonedIn(fork)).toEqual([]);
  });
});

describe("time travel across truncations", () => {
  // Checkpoints keep replica logs and the committed view as prefixes of the live arrays; a
  // truncation after a checkpoint (a deposed leader's suffix, records lost to power loss,
  // a committed-history rollback) must copy the prefix out first. These scenarios truncate.
  for (const name of ["acks-failover", "power-loss", "zombie-leader"]) {
    it(`${name}: every seek equals a straight run, with checkpoints a second apart`, () => {
      const s = findBuiltin(name)!;
      const sim = new Simulation(s, 1);
      const timeline = new Timeline(sim, 1_000, 1_000);
      const leos = () => sim.brokers.flatMap((b) => b.replicas.map((r) => r?.leo ?? 0));
      let before = leos();
      let truncated = false;
      for (let t = 200; t <= s.durationMs; t += 200) {
        sim.runUntil(t);
        timeline.observe(sim);
        const now = leos();
        if (now.some((leo, i) => leo < before[i]!)) truncated = true;
        before = now;
      }
      // A deposed leader's truncation counts in truncatedTotal; power loss shows as a shorter log.
      if (sim.brokers.some((b) => b.replicas.some((r) => r && r.truncatedTotal > 0)))
        truncated = true;
      expect(truncated, "a log was cut back between two checkpoints").toBe(true);
      for (let at = 1_500; at < s.durationMs; at += 2_300) {
        const seeked = timeline.seek(at, sim.commandLog);
        const straightRun = new Simulation(s, 1);
        straightRun.runUntil(at);
        expect(seeked.hash.digest(), `at ${at}`).toBe(straightRun.hash.digest());
        seeked.runUntil(s.durationMs);
        expect(resultOf(seeked), `from ${at} to the end`).toEqual(resultOf(sim));
      }
    });
  }
});

describe("message history across a seek", () => {
  const stepsOf = (sim: Simulation, id: number) => sim.history.steps(id, sim.nodeName);

  it("a run seeked back has every message's whole history, as a straight run has it", () => {
    const { sim, timeline } = liveRun(36_000);
    for (const at of [7_777, 20_000]) {
      const seeked = timeline.seek(at, sim.commandLog, {}, sim);
      const expected = straight(at);
      expect(seeked.events.count).toBe(expected.events.count);
      for (let id = 0; id < expected.events.count; id += 37) {
        const got = stepsOf(seeked, id);
        expect(got, `event ${id} at ${at}`).toEqual(stepsOf(expected, id));
        expect(got.steps.length).toBeGreaterThan(0);
      }
      // And it goes on recording as the straight run does.
      seeked.runUntil(at + 3_000);
      expected.runUntil(at + 3_000);
      for (let id = 0; id < expected.events.count; id += 41)
        expect(stepsOf(seeked, id), `event ${id} after ${at}`).toEqual(stepsOf(expected, id));
    }
  });

  it("with a ring that has wrapped, a seek shows the most recent steps it still holds, marked truncated", () => {
    const small = { historyCapacity: 4_000 };
    const run = new Simulation(s, 3, small);
    const timeline = new Timeline(run, 5_000);
    for (let t = 250; t <= 30_000; t += 250) {
      run.runUntil(t);
      timeline.observe(run);
    }
    const at = 26_000;
    const seeked = timeline.seek(at, run.commandLog, {}, run);
    const expected = new Simulation(s, 3, small);
    expected.runUntil(at);
    let compared = 0;
    for (let id = 0; id < expected.events.count; id++) {
      const got = stepsOf(seeked, id);
      const want = stepsOf(expected, id);
      // What the seeked run holds is the end of what a straight run holds.
      expect(want.steps.slice(want.steps.length - got.steps.length)).toEqual(got.steps);
      if (got.steps.length < want.steps.length) expect(got.truncated).toBe(true);
      if (got.steps.length > 0) compared++;
    }
    expect(compared).toBeGreaterThan(100);
  });
});

describe("scrubbing back and forth, as the live server seeks", () => {
  it("every state equals a straight run's, and each message's history is the end of the straight run's", () => {
    const { sim, timeline } = liveRun(36_000);
    const tape = sim.commandLog.slice();
    let current = sim;
    for (const at of [30_000, 8_000, 33_000, 5_000, 21_000, 21_500, 2_000, 36_000]) {
      current = timeline.seek(at, tape, {}, current, true);
      const expected = straight(at);
      expect(current.hash.digest(), `at ${at}`).toBe(expected.hash.digest());
      for (let id = 0; id < expected.events.count; id += 29) {
        const got = current.history.steps(id, current.nodeName);
        const want = expected.history.steps(id, expected.nodeName);
        expect(
          want.steps.slice(want.steps.length - got.steps.length),
          `event ${id} at ${at}`,
        ).toEqual(got.steps);
        if (got.steps.length < want.steps.length) expect(got.truncated).toBe(true);
      }
    }
  });
});
