import type { Role } from "./model";
import type { SimEvent } from "./scheduler";
import type { Message } from "./model";
import type { Scenario } from "./scenario";

/** A process on the simulated network. */
export interface SimNode {
  index: number;
  id: string;
  role: Role;
  /** Index into the role's own table (broker number, producer number, member number). */
  roleIndex: number;
  up: boolean;
  paused: boolean;
  /** Bumped at every crash, so that timers and messages of a previous life are ignored. */
  incarnation: number;
  clockSkewMs: number;
  /** Events that arrived while the node was paused; they run when it resumes. */
  deferred: SimEvent<Message>[];
}

export const CONTROLLER_ID = "ctrl";
export const RECONCILER_ID = "recon";

export function brokerId(i: number): string {
  return `b${i + 1}`;
}

export function memberId(group: string, i: number): string {
  return `${group}-${i + 1}`;
}

/** The node table: brokers first, then the controller, producers, group members and the reconciler. */
export function layoutNodes(scenario: Scenario): SimNode[] {
  const nodes: SimNode[] = [];
  const add = (id: string, role: Role, roleIndex: number) =>
    nodes.push({
      index: nodes.length,
      id,
      role,
      roleIndex,
      up: true,
      paused: false,
      incarnation: 0,
      clockSkewMs: 0,
      deferred: [],
    });
  for (let b = 0; b < scenario.brokers.count; b++) add(brokerId(b), "broker", b);
  add(CONTROLLER_ID, "controller", 0);
  scenario.producers.forEach((p, i) => add(p.id, "producer", i));
  let m = 0;
  for (const g of scenario.groups) {
    for (let i = 0; i < g.members; i++) add(memberId(g.id, i), "consumer", m++);
  }
  if (scenario.reconciliation) add(RECONCILER_ID, "reconciler", 0);
  return nodes;
}
