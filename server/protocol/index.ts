/**
 * The live protocol between the server and the browser: one zod schema and one type for
 * every socket message in both directions, and the HTTP bodies. docs/protocol.md
 * describes each message; server/protocol/docs.test.ts keeps it in step.
 */
export * from "./version";
export * from "./wire";
export * from "./state";
export * from "./client-messages";
export * from "./server-messages";
export * from "./run-info";
export * from "./http";
export * from "./http-runs";
export { assertNever } from "./assert-never";
export type { OperatorCommand, OperatorCommandInput } from "../sim/commands";
export type { Fault, FaultKind } from "../sim/faults";
export { faultKinds, faultSchema, describeFault } from "../sim/faults";
export { operatorCommandSchema } from "../sim/commands";
export type { Scenario, NarrationStep, LookAtRegion } from "../sim/scenario";
