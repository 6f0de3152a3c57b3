import type { Scenario } from "../sim/scenario";
import { parseScenario } from "../sim/validate";
import replicationBasics from "./01-replication-basics.json";
import acksFailover from "./02-acks-failover.json";
import powerLoss from "./03-power-loss.json";
import autoCommitLoss from "./04-auto-commit-loss.json";
import atLeastOnce from "./05-at-least-once.json";
import retryDuplicates from "./06-retry-duplicates.json";
import partitionHeal from "./07-partition-heal.json";
import zombieLeader from "./08-zombie-leader.json";
import replayRepair from "./09-replay-repair.json";
import reconciliation from "./10-reconciliation.json";
import rebalance from "./11-rebalance.json";
import clockSkew from "./12-clock-skew.json";

/**
 * The built-in scenario library (DESIGN.md section 8), in the order a course would
 * teach it. Each file is validated when first loaded; a broken file fails loudly.
 * docs/scenarios.md describes the format and what each scenario teaches.
 */
const files: Record<string, unknown> = {
  "01-replication-basics.json": replicationBasics,
  "02-acks-failover.json": acksFailover,
  "03-power-loss.json": powerLoss,
  "04-auto-commit-loss.json": autoCommitLoss,
  "05-at-least-once.json": atLeastOnce,
  "06-retry-duplicates.json": retryDuplicates,
  "07-partition-heal.json": partitionHeal,
  "08-zombie-leader.json": zombieLeader,
  "09-replay-repair.json": replayRepair,
  "10-reconciliation.json": reconciliation,
  "11-rebalance.json": rebalance,
  "12-clock-skew.json": clockSkew,
};

let cache: Scenario[] | null = null;

export function builtinScenarios(): Scenario[] {
  if (cache === null) cache = Object.entries(files).map(([file, json]) => parseBuiltin(file, json));
  return cache;
}

export function findBuiltin(name: string): Scenario | undefined {
  return builtinScenarios().find((s) => s.name === name);
}

function parseBuiltin(file: string, json: unknown): Scenario {
  try {
    return parseScenario(json);
  } catch (e) {
    throw new Error(`built-in scenario ${file} is invalid:\n${(e as Error).message}`);
  }
}

export function registerForTests(name: string, json: unknown): void {
  files[name] = json;
  cache = null;
}
