import type { NodeView } from "../store/run-view";

export interface PartitionLeadership {
  partition: number;
  leader: string | null;
  isr: string[];
  /** Brokers acting as leader: the leader, and any zombie that has not learned it was replaced. */
  acting: string[];
}

export interface GroupOwners {
  members: string[];
  owners: (string | null)[];
}

/**
 * The links worth drawing: who actually talks to whom right now. Brokers to the
 * controller and to the brokers they replicate with; producers to partition leaders;
 * group members to the leaders of their partitions and to the coordinator. Drawing
 * all n² links would hide the ones that matter.
 */
export function activeEdges(
  nodes: readonly NodeView[],
  partitions: readonly PartitionLeadership[],
  groups: readonly GroupOwners[],
  assignment: readonly (readonly string[])[],
): [string, string][] {
  const set = new Set<string>();
  const add = (a: string, b: string) => {
    if (a === b) return;
    set.add(a < b ? `${a}|${b}` : `${b}|${a}`);
  };
  const ctrl = nodes.find((n) => n.role === "controller")?.id;
  const brokers = nodes.filter((n) => n.role === "broker");
  if (ctrl) for (const b of brokers) add(ctrl, b.id);
  for (const replicas of assignment)
    for (let i = 0; i < replicas.length; i++)
      for (let j = i + 1; j < replicas.length; j++) add(replicas[i]!, replicas[j]!);

  const clientEdges = nodes.length <= 30;
  if (clientEdges) {
    const leaders = partitions.map((p) => p.leader);
    for (const n of nodes) {
      if (n.role === "producer" || n.role === "reconciler")
        for (const l of leaders) if (l) add(n.id, l);
    }
    for (const g of groups) {
      for (const m of g.members) if (ctrl) add(m, ctrl);
      g.owners.forEach((owner, p) => {
        const l = leaders[p];
        if (owner && l) add(owner, l);
      });
    }
  }
  return [...set].map((k) => k.split("|") as [string, string]);
}
