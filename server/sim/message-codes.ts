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

/**
 * `messageTypeCode[type]` for the engine's dispatch, which mixes the type of every
 * delivered message into the trace hash. Indexing the table with a string that could be
 * any of the 19 types is a megamorphic keyed load (a property lookup in the V8 runtime's
 * cache every time), about 2 % of the small benchmark case; a switch over the type names,
 * the most frequent first, compares interned strings. A test checks it agrees with the table.
 */
export function typeCodeOf(type: Message["type"]): number {
  switch (type) {
    case "fetch":
      return 3;
    case "fetchResponse":
      return 4;
    case "offsetCommit":
      return 15;
    case "offsetCommitResponse":
      return 16;
    case "produce":
      return 1;
    case "produceResponse":
      return 2;
    case "groupHeartbeat":
      return 12;
    case "heartbeatResponse":
      return 13;
    case "brokerHeartbeat":
      return 5;
    case "leaderAndIsr":
      return 6;
    case "alterIsr":
      return 7;
    case "metadataRequest":
      return 8;
    case "metadataResponse":
      return 9;
    case "joinGroup":
      return 10;
    case "leaveGroup":
      return 11;
    case "assignment":
      return 14;
    case "completion":
      return 17;
    case "redrive":
      return 18;
    case "rebalance":
      return 19;
  }
}
