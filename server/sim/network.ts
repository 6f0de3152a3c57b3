import type { ActiveFault } from "./faults";
import type { RandomStream } from "./random";
import type { LinkConfig } from "./scenario";

/**
 * Directed links between every pair of nodes, with latency (base + jitter), drop and
 * duplicate rates. Kafka talks over TCP, so a link delivers in order: jitter changes
 * when a message arrives, never lets it overtake an earlier one on the same link.
 * Reordering still happens between links (a fetch response against a produce request).
 * Faults change the effective link table; it is recomputed whenever a fault starts or ends.
 */
export class Network {
  readonly n: number;
  private readonly blocked: Uint8Array;
  private readonly dropRate: Float64Array;
  private readonly dupRate: Float64Array;
  private readonly extraMs: Float64Array;
  private readonly extraJitterMs: Float64Array;
  private readonly lastArrival: Float64Array;
  /**
   * True while no fault changes any link, so every link has the base config: transmit
   * and isBlocked then read nothing but `lastArrival`. With 200 nodes the five per-link
   * tables are 1.6 MB, and a send read a cache line from each of them.
   */
  private uniform = true;
  sent = 0;
  delivered = 0;
  dropped = 0;
  duplicated = 0;
  inFlight = 0;

  constructor(
    n: number,
    private readonly base: LinkConfig,
    private readonly rng: RandomStream,
  ) {
    this.n = n;
    this.blocked = new Uint8Array(n * n);
    this.dropRate = new Float64Array(n * n).fill(base.dropRate);
    this.dupRate = new Float64Array(n * n).fill(base.duplicateRate);
    this.extraMs = new Float64Array(n * n);
    this.extraJitterMs = new Float64Array(n * n);
    this.lastArrival = new Float64Array(n * n);
  }

  isBlocked(src: number, dst: number): boolean {
    return !this.uniform && this.blocked[src * this.n + dst] === 1;
  }

  /** Arrival times of the copies decided by the last `transmit` (no array per message). */
  readonly arrivals = new Float64Array(2);

  /**
   * Decides the fate of one message sent now: how many copies arrive (0 if it is
   * dropped, 2 if the network duplicates it), their arrival times in `arrivals`.
   */
  transmit(now: number, src: number, dst: number): number {
    this.sent++;
    const link = src * this.n + dst;
    const base = this.base;
    // The same draws either way: a uniform link's rates are the base ones.
    const uniform = this.uniform;
    const dropRate = uniform ? base.dropRate : this.dropRate[link]!;
    if ((!uniform && this.blocked[link] === 1) || this.rng.chance(dropRate)) {
      this.dropped++;
      return 0;
    }
    const copies = this.rng.chance(uniform ? base.duplicateRate : this.dupRate[link]!) ? 2 : 1;
    if (copies === 2) this.duplicated++;
    const jitter = uniform ? base.jitterMs : base.jitterMs + this.extraJitterMs[link]!;
    const latency = uniform ? base.latencyMs : base.latencyMs + this.extraMs[link]!;
    for (let c = 0; c < copies; c++) {
      let at = now + latency + (jitter > 0 ? this.rng.float() * jitter : 0);
      if (at < this.lastArrival[link]!) at = this.lastArrival[link]!;
      this.lastArrival[link] = at;
      this.arrivals[c] = at;
    }
    this.inFlight += copies;
    return copies;
  }

  /** Recomputes the effective link table from the base config and the active faults. */
  applyFaults(faults: readonly ActiveFault[], nodeIndex: (id: string) => number): void {
    const n = this.n;
    this.blocked.fill(0);
    this.dropRate.fill(this.base.dropRate);
    this.dupRate.fill(this.base.duplicateRate);
    this.extraMs.fill(0);
    this.extraJitterMs.fill(0);
    this.uniform = true;
    const eachLink = (
      f: { target?: string | undefined; link?: { from: string; to: string } | undefined },
      fn: (link: number) => void,
    ) => {
      if (f.link) {
        fn(nodeIndex(f.link.from) * n + nodeIndex(f.link.to));
        return;
      }
      const node = f.target === undefined ? -1 : nodeIndex(f.target);
      for (let a = 0; a < n; a++) {
        for (let b = 0; b < n; b++) {
          if (a !== b && (node < 0 || a === node || b === node)) fn(a * n + b);
        }
      }
    };
    for (const { fault } of faults) {
      switch (fault.kind) {
        case "isolate":
          this.uniform = false;
          eachLink({ target: fault.target }, (l) => (this.blocked[l] = 1));
          break;
        case "partition": {
          this.uniform = false;
          const side = new Int32Array(n).fill(-1);
          fault.sides.forEach((members, s) => members.forEach((id) => (side[nodeIndex(id)] = s)));
          for (let a = 0; a < n; a++) {
            for (let b = 0; b < n; b++) {
              if (side[a]! >= 0 && side[b]! >= 0 && side[a] !== side[b])
                this.blocked[a * n + b] = 1;
            }
          }
          break;
        }
        case "drop":
          this.uniform = false;
          eachLink(fault, (l) => (this.dropRate[l] = Math.max(this.dropRate[l]!, fault.rate)));
          break;
        case "duplicate":
          this.uniform = false;
          eachLink(fault, (l) => (this.dupRate[l] = Math.max(this.dupRate[l]!, fault.rate)));
          break;
        case "delay":
          this.uniform = false;
          eachLink(fault, (l) => {
            this.extraMs[l]! += fault.extraMs;
            this.extraJitterMs[l]! += fault.jitterMs;
          });
          break;
        default:
          break; // node faults (crash, pause, skew) are not link properties
      }
    }
  }
}
