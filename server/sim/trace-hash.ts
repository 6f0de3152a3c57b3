/**
 * A running 64-bit hash (two 32-bit lanes, murmur-style mixing) of every dispatched
 * event. Equal hashes mean the two runs dispatched the same events at the same
 * virtual times in the same order; it is what "same inputs, same trace" is checked by.
 */
export class TraceHash {
  // Stored as signed 32-bit values (the same bits): both constants are above 2^31, and a
  // field first given a non-small-integer number is kept boxed as a double for good.
  private h1 = 0x9747b28c | 0;
  private h2 = 0x85ebca6b | 0;

  mix(k: number): void {
    k = Math.imul(k | 0, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    this.h1 ^= k;
    this.h1 = (this.h1 << 13) | (this.h1 >>> 19);
    this.h1 = (Math.imul(this.h1, 5) + 0xe6546b64) | 0;
    this.h2 = (Math.imul(this.h2 ^ k, 0x27d4eb2f) + this.h1) | 0;
  }

  /** Mixes a virtual time at microsecond precision (two 32-bit halves of the microsecond count). */
  mixTime(t: number): void {
    const us = Math.round(t * 1000);
    this.mix(us | 0);
    this.mix((us / 4294967296) | 0);
  }

  mixString(s: string): void {
    for (let i = 0; i < s.length; i++) this.mix(s.charCodeAt(i));
  }

  digest(): string {
    let a = this.h1 ^ (this.h2 >>> 1);
    a = Math.imul(a ^ (a >>> 16), 0x85ebca6b);
    a = Math.imul(a ^ (a >>> 13), 0xc2b2ae35);
    a ^= a >>> 16;
    let b = this.h2 ^ (this.h1 >>> 3);
    b = Math.imul(b ^ (b >>> 16), 0x85ebca6b);
    b = Math.imul(b ^ (b >>> 13), 0xc2b2ae35);
    b ^= b >>> 16;
    return hex(a) + hex(b);
  }
}

function hex(n: number): string {
  return (n >>> 0).toString(16).padStart(8, "0");
}
