import { describe, expect, it } from "vitest";
import { RandomStream } from "../random";

/** xoshiro128** as published, on unsigned state words, seeded through splitmix32 as RandomStream is. */
function reference(seed: number): () => number {
  let x = seed >>> 0;
  const next = () => {
    x = (x + 0x9e3779b9) >>> 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  const s = [next(), next(), next(), (next() | 1) >>> 0];
  const rotl = (v: number, k: number) => ((v << k) | (v >>> (32 - k))) >>> 0;
  return () => {
    const result = Math.imul(rotl(Math.imul(s[1]!, 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1]! << 9) >>> 0;
    s[2] = (s[2]! ^ s[0]!) >>> 0;
    s[3] = (s[3]! ^ s[1]!) >>> 0;
    s[1] = (s[1]! ^ s[2]!) >>> 0;
    s[0] = (s[0]! ^ s[3]!) >>> 0;
    s[2] = (s[2]! ^ t) >>> 0;
    s[3] = rotl(s[3]!, 11);
    return result;
  };
}

// RandomStream keeps its state as signed int32s for speed; the numbers must not change.
describe("random streams", () => {
  it("draw the same numbers as the reference generator", () => {
    for (const seed of [0, 1, 2, 0x7fffffff, 0xdeadbeef]) {
      const ref = reference(seed);
      const rng = new RandomStream(seed);
      for (let i = 0; i < 1000; i++) expect(rng.nextUint32()).toBe(ref());
    }
  });

  it("draw unsigned 32-bit integers and floats in [0, 1)", () => {
    const rng = new RandomStream(42);
    let high = false;
    for (let i = 0; i < 1000; i++) {
      const u = rng.nextUint32();
      expect(Number.isInteger(u) && u >= 0 && u < 2 ** 32).toBe(true);
      if (u >= 2 ** 31) high = true;
      const f = rng.float();
      expect(f >= 0 && f < 1).toBe(true);
    }
    expect(high).toBe(true);
  });
});
