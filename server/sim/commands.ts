import { z } from "zod";
import { acksSchema, commitPolicySchema } from "./scenario-parts";
import { faultSchema } from "./faults";

/**
 * Operator commands. A command applies at the current virtual time and is recorded,
 * so that scenario, seed and command log reproduce the run. Anything that fails this
 * schema, or names a node, group or fault the run does not have, is refused with a
 * typed error and changes nothing.
 */
const ref = z.string().min(1).max(64);

export const operatorCommandSchema = z.discriminatedUnion("type", [
  z.strictObject({
    type: z.literal("injectFault"),
    fault: faultSchema,
    /** End the fault automatically after this long; absent = until ended by hand. */
    durationMs: z.number().positive().max(86_400_000).optional(),
    id: z.string().min(1).max(64).optional(),
  }),
  z.strictObject({ type: z.literal("endFault"), faultId: ref }),
  z.strictObject({
    type: z.literal("replay"),
    group: ref,
    /** Fix the handler bug as part of the replay (the usual reason to replay). */
    fixBug: z.boolean().default(true),
  }),
  z.strictObject({ type: z.literal("setHandlerBug"), group: ref, enabled: z.boolean() }),
  z.strictObject({
    type: z.literal("setProducer"),
    producer: ref,
    acks: acksSchema.optional(),
    ratePerSec: z.number().min(0).max(100_000).optional(),
    idempotent: z.boolean().optional(),
    /** Stop producing new events (true) or start again (false). */
    stopped: z.boolean().optional(),
  }),
  z.strictObject({
    type: z.literal("setGroup"),
    group: ref,
    commitPolicy: commitPolicySchema.optional(),
    idempotent: z.boolean().optional(),
  }),
]);
export type OperatorCommand = z.infer<typeof operatorCommandSchema>;
export type OperatorCommandInput = z.input<typeof operatorCommandSchema>;

export type CommandErrorCode = "invalid" | "unknownTarget" | "unknownFault" | "notApplicable";
export interface CommandError {
  code: CommandErrorCode;
  message: string;
}
export type CommandResult = { ok: true; faultId?: string } | { ok: false; error: CommandError };
