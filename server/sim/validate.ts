import { z } from "zod";
import { scenarioSchema, type Scenario } from "./scenario";

/** A scenario that fails validation: the message names each field that is wrong. */
export class ScenarioError extends Error {}

/** Formats zod issues as "path: message" lines. */
export function formatIssues(error: z.ZodError): string {
  return error.issues
    .map((i) => `${i.path.length > 0 ? i.path.join(".") : "(root)"}: ${i.message}`)
    .join("\n");
}

/**
 * Parses and validates a scenario: the schema (with defaults) plus the rules that span
 * fields, such as a replication factor no larger than the broker count.
 */
export function parseScenario(input: unknown): Scenario {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) throw new ScenarioError(formatIssues(parsed.error));
  const s = parsed.data;
  const problems: string[] = [];
  if (s.topic.replicationFactor > s.brokers.count) {
    problems.push(
      `topic.replicationFactor: ${s.topic.replicationFactor} replicas need at least as many brokers (brokers.count is ${s.brokers.count})`,
    );
  }
  if (s.topic.minInsyncReplicas > s.topic.replicationFactor) {
    problems.push(
      `topic.minInsyncReplicas: ${s.topic.minInsyncReplicas} is more than the replication factor ${s.topic.replicationFactor}`,
    );
  }
  const ids = [...s.producers.map((p) => p.id), ...s.groups.map((g) => g.id)];
  const dup = ids.find((id, i) => ids.indexOf(id) !== i);
  if (dup) problems.push(`"${dup}" names two producers or groups; ids must be unique`);
  const reserved = ids.find((id) => id === "ctrl" || id === "recon" || /^b\d+$/.test(id));
  if (reserved) problems.push(`"${reserved}" is a reserved node name (ctrl, recon, b1, b2, ...)`);
  if (s.reconciliation && !s.groups.some((g) => g.id === s.reconciliation!.group)) {
    problems.push(`reconciliation.group: no group "${s.reconciliation.group}"`);
  }
  const nodes = nodeNames(s);
  s.faults.forEach((f, i) => {
    const names: string[] = [];
    if ("target" in f && f.target !== undefined) names.push(f.target);
    if ("link" in f && f.link !== undefined) names.push(f.link.from, f.link.to);
    if (f.kind === "partition") names.push(...f.sides.flat());
    for (const n of names) if (!nodes.has(n)) problems.push(`faults.${i}: unknown node "${n}"`);
  });
  if (problems.length > 0) throw new ScenarioError(problems.join("\n"));
  return s;
}

export function nodeNames(s: Scenario): Set<string> {
  const names = new Set<string>(["ctrl"]);
  for (let b = 1; b <= s.brokers.count; b++) names.add(`b${b}`);
  for (const p of s.producers) names.add(p.id);
  for (const g of s.groups) for (let i = 1; i <= g.members; i++) names.add(`${g.id}-${i}`);
  if (s.reconciliation) names.add("recon");
  return names;
}
