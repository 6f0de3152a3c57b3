import type { Message } from "./model";

/** A number per message type, so the trace hash can include what was delivered. */
export const messageTypeCode: Record<Message["type"], number> = {
  produce: 1,
  produceResponse: 2,
  fetch: 3,
  fetchResponse: 4,
  brokerHeartbeat: 5,
  leaderAndIsr: 6,
  alterIsr: 7,
  metadataRequest: 8,
  metadataResponse: 9,
  joinGroup: 10,
  leaveGroup: 11,
  groupHeartbeat: 12,
  heartbeatResponse: 13,
  assignment: 14,
  offsetCommit: 15,
  offsetCommitResponse: 16,
  completion: 17,
  redrive: 18,
  rebalance: 19,
};
