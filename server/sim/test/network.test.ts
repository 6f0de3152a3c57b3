import { describe, expect, it } from "vitest";
import type { ActiveFault } from "../faults";
import { Network } from "../network";
import { RandomStream } from "../random";

const base = { latencyMs: 2, jitterMs: 0, dropRate: 0, duplicateRate: 0 };
const nodeIndex = (id: string) => Number(id.slice(1));

function active(fault: ActiveFault["fault"]): ActiveFault {
  return { id: "f", fault, startMs: 0, untilMs: null };
}

/** Network skips its per-link tables while no fault touches a link; these pin that down. */
describe("network: links with and without faults", () => {
  it("a delayed link is slower and the others are not; ending the fault restores it", () => {
    const net = new Network(3, base, new RandomStream(1));
    net.applyFaults(
      [active({ kind: "delay", link: { from: "n0", to: "n1" }, extraMs: 10, jitterMs: 0 })],
      nodeIndex,
    );
    expect(net.transmit(100, 0, 1)).toBe(1);
    expect(net.arrivals[0]).toBe(112);
    expect(net.transmit(100, 0, 2)).toBe(1);
    expect(net.arrivals[0]).toBe(102);
    net.applyFaults([], nodeIndex);
    expect(net.transmit(200, 0, 1)).toBe(1);
    expect(net.arrivals[0]).toBe(202);
  });

  it("an isolated node's links are blocked until the fault ends", () => {
    const net = new Network(3, base, new RandomStream(1));
    net.applyFaults([active({ kind: "isolate", target: "n1" })], nodeIndex);
    expect(net.isBlocked(0, 1)).toBe(true);
    expect(net.isBlocked(1, 2)).toBe(true);
    expect(net.isBlocked(0, 2)).toBe(false);
    expect(net.transmit(0, 0, 1)).toBe(0);
    expect(net.transmit(0, 0, 2)).toBe(1);
    net.applyFaults([], nodeIndex);
    expect(net.isBlocked(0, 1)).toBe(false);
    expect(net.transmit(1, 0, 1)).toBe(1);
  });

  it("a dropping link drops, a node fault leaves the links as they were", () => {
    const net = new Network(3, base, new RandomStream(1));
    net.applyFaults([active({ kind: "drop", link: { from: "n0", to: "n1" }, rate: 1 })], nodeIndex);
    expect(net.transmit(0, 0, 1)).toBe(0);
    expect(net.transmit(0, 1, 0)).toBe(1);
    net.applyFaults([active({ kind: "pause", target: "n1" })], nodeIndex);
    expect(net.transmit(10, 0, 1)).toBe(1);
    expect(net.arrivals[0]).toBe(12);
  });

  it("draws the same numbers with the base config as with an explicit equal one", () => {
    const jittery = { ...base, jitterMs: 5, dropRate: 0.1, duplicateRate: 0.1 };
    const a = new Network(3, jittery, new RandomStream(7));
    const b = new Network(3, jittery, new RandomStream(7));
    // A delay of 0 ms on another link takes b off the fast path without changing any rate.
    b.applyFaults(
      [active({ kind: "delay", link: { from: "n2", to: "n1" }, extraMs: 0, jitterMs: 0 })],
      nodeIndex,
    );
    for (let i = 0; i < 200; i++) {
      const src = i % 3;
      const dst = (i + 1) % 3;
      const copies = a.transmit(i, src, dst);
      expect(b.transmit(i, src, dst)).toBe(copies);
      expect(Array.from(b.arrivals.subarray(0, copies))).toEqual(
        Array.from(a.arrivals.subarray(0, copies)),
      );
    }
  });
});
