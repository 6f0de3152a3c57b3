/** Message types grouped the way a reader thinks of them, each with one colour. */
export type MessageFamily = "data" | "replication" | "control" | "group";

const FAMILY: Record<string, MessageFamily> = {
  produce: "data",
  produceResponse: "data",
  fetch: "replication",
  fetchResponse: "replication",
  brokerHeartbeat: "control",
  leaderAndIsr: "control",
  alterIsr: "control",
  metadataRequest: "control",
  metadataResponse: "control",
  joinGroup: "group",
  leaveGroup: "group",
  groupHeartbeat: "group",
  heartbeatResponse: "group",
  assignment: "group",
  offsetCommit: "group",
  offsetCommitResponse: "group",
  completion: "group",
  redrive: "group",
};

export function familyOf(type: string): MessageFamily {
  return FAMILY[type] ?? "control";
}

export const FAMILIES: { family: MessageFamily; label: string; colour: string }[] = [
  { family: "data", label: "produce", colour: "#2f5bd3" },
  { family: "replication", label: "fetch (replication, consumers)", colour: "#1c9a8a" },
  { family: "group", label: "group & commits", colour: "#b9458f" },
  { family: "control", label: "control (heartbeats, ISR)", colour: "#8a94a3" },
];

export const FAMILY_COLOUR: Record<MessageFamily, string> = Object.fromEntries(
  FAMILIES.map((f) => [f.family, f.colour]),
) as Record<MessageFamily, string>;
