import { z } from "zod";

/** Schemas shared by scenarios and operator commands (kept apart to avoid an import cycle). */
export const acksSchema = z.union([z.literal(0), z.literal(1), z.literal("all")]);
export type Acks = z.infer<typeof acksSchema>;

export const commitPolicySchema = z.enum(["auto", "afterProcess", "atomic"]);
export type CommitPolicy = z.infer<typeof commitPolicySchema>;
