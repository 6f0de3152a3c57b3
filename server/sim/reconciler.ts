import type { Simulation } from "./engine";
import type { Message } from "./model";
import { Timer as TimerCodes } from "./model";
import { GrowableInt32 } from "./growable";
import type { Scenario } from "./scenario";

// A module-local copy: transpiled to CommonJS, every access through the import would be a getter call on the hot path.
const Timer = TimerCodes;

type Reconciliation = NonNullable<Scenario["reconciliation"]>;

/**
 * A reconciliation job: consumers report a completion for each record they apply; the
 * job scans the committed log and re-drives (sends again to the owning member) every
 * record whose completion has not arrived within a grace period. It repairs work that
 * was lost, and re-does work whose completion alone was lost: only an idempotent
 * consumer keeps the second delivery from becoming a second effect.
 * The job reads the committed log and the group's assignment directly, as an admin
 * client would; what it sends and receives crosses the network.
 */
export class Reconciler {
  private readonly completed = new GrowableInt32();
  /** Per partition: offsets below this are completed or settled. */
  private readonly scanFrom: number[];
  private readonly lastRedriveMs = new Map<number, number>();
  redriven = 0;
  completionsReceived = 0;

  constructor(
    readonly node: number,
    readonly config: Reconciliation,
    readonly group: number,
    partitions: number,
  ) {
    this.scanFrom = new Array<number>(partitions).fill(0);
  }

  start(sim: Simulation): void {
    sim.timer(this.node, this.config.intervalMs, Timer.reconcile, 0);
  }

  onMessage(_sim: Simulation, msg: Message): void {
    if (msg.type === "completion" && msg.group === this.group) {
      if (this.completed.get(msg.eventId) === 0) this.completionsReceived++;
      this.completed.set(msg.eventId, 1);
    }
  }

  onTimer(sim: Simulation, kind: number): void {
    if (kind !== Timer.reconcile) return;
    this.scan(sim);
    sim.timer(this.node, this.config.intervalMs, Timer.reconcile, 0);
  }

  private scan(sim: Simulation): void {
    const now = sim.now;
    for (let p = 0; p < this.scanFrom.length; p++) {
      const view = sim.checks.log.view[p]!;
      let o = this.scanFrom[p]!;
      // Settled prefix: completed records need no more attention.
      while (o < view.length && this.completed.get(view[o]!.eventId) === 1) o++;
      this.scanFrom[p] = o;
      const owner = sim.coordinator.ownerOf(this.group, p);
      for (; o < view.length; o++) {
        const rec = view[o]!;
        if (this.completed.get(rec.eventId) === 1) continue;
        if (now - rec.appendMs < this.config.graceMs) break;
        const last = this.lastRedriveMs.get(rec.eventId) ?? -Infinity;
        if (owner < 0 || now - last < this.config.graceMs) continue;
        this.lastRedriveMs.set(rec.eventId, now);
        this.redriven++;
        sim.send(this.node, owner, {
          type: "redrive",
          group: this.group,
          partition: p,
          record: rec,
          offset: o,
        });
      }
    }
  }
}
