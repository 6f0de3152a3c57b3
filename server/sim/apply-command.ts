import type { Simulation } from "./engine";
import { operatorCommandSchema, type CommandResult, type OperatorCommand } from "./commands";

export interface CommandLogEntry {
  atMs: number;
  command: OperatorCommand;
}

const refuse = (
  code: "invalid" | "unknownTarget" | "unknownFault" | "notApplicable",
  message: string,
): CommandResult => ({
  ok: false,
  error: { code, message },
});

/**
 * Validates and applies one operator command at the current virtual time. A refused
 * command changes nothing and is not recorded; an applied one is recorded (when it
 * came from an operator) and mixed into the trace hash.
 */
export function applyCommand(sim: Simulation, input: unknown, record: boolean): CommandResult {
  const parsed = operatorCommandSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const path = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
    return refuse("invalid", `invalid command: ${path}${issue.message}`);
  }
  const cmd = parsed.data;
  const result = apply(sim, cmd);
  if (result.ok) {
    if (record) sim.commandLog.push({ atMs: sim.now, command: cmd });
    sim.hash.mixString(JSON.stringify(cmd));
  }
  return result;
}

function groupIndex(sim: Simulation, id: string): number {
  return sim.scenario.groups.findIndex((g) => g.id === id);
}

function apply(sim: Simulation, cmd: OperatorCommand): CommandResult {
  switch (cmd.type) {
    case "injectFault": {
      const why = sim.faults.validate(cmd.fault);
      if (why !== null) return refuse("unknownTarget", why);
      if (cmd.id !== undefined && sim.faults.isActive(cmd.id))
        return refuse("invalid", `a fault with id "${cmd.id}" is already active`);
      const id = cmd.id ?? sim.faults.nextOperatorId();
      sim.faults.start(
        cmd.fault,
        id,
        cmd.durationMs !== undefined ? sim.now + cmd.durationMs : null,
      );
      return { ok: true, faultId: id };
    }
    case "endFault":
      return sim.faults.end(cmd.faultId)
        ? { ok: true }
        : refuse(
            "unknownFault",
            `no active fault "${cmd.faultId}"; active: ${sim.faults.active.map((f) => f.id).join(", ") || "none"}`,
          );
    case "replay": {
      const g = groupIndex(sim, cmd.group);
      if (g < 0) return refuse("unknownTarget", `unknown group "${cmd.group}"`);
      replayGroup(sim, g, cmd.fixBug);
      return { ok: true };
    }
    case "setHandlerBug": {
      const g = groupIndex(sim, cmd.group);
      if (g < 0) return refuse("unknownTarget", `unknown group "${cmd.group}"`);
      sim.projections[g]!.config.handlerBug = cmd.enabled;
      return { ok: true };
    }
    case "setProducer": {
      const p = sim.producers.find((x) => x.config.id === cmd.producer);
      if (!p) return refuse("unknownTarget", `unknown producer "${cmd.producer}"`);
      if (cmd.acks !== undefined) p.acks = cmd.acks;
      if (cmd.ratePerSec !== undefined) p.ratePerSec = cmd.ratePerSec;
      if (cmd.idempotent !== undefined) p.idempotent = cmd.idempotent;
      if (cmd.stopped !== undefined) p.stopped = cmd.stopped;
      return { ok: true };
    }
    case "setGroup": {
      const g = groupIndex(sim, cmd.group);
      if (g < 0) return refuse("unknownTarget", `unknown group "${cmd.group}"`);
      const config = sim.projections[g]!.config;
      if (cmd.idempotent !== undefined) config.idempotent = cmd.idempotent;
      if (cmd.commitPolicy !== undefined && cmd.commitPolicy !== config.commitPolicy) {
        config.commitPolicy = cmd.commitPolicy;
        for (const m of sim.members)
          if (m.group === g && sim.nodes[m.node]!.up) m.ensureAutoCommitTimer(sim);
      }
      return { ok: true };
    }
  }
}

/**
 * Replay from offset 0 (event sourcing): the group's projection is emptied, its offsets
 * reset to the start of the log, and the group rebalanced so every member starts over.
 */
function replayGroup(sim: Simulation, g: number, fixBug: boolean): void {
  // Kafka resets offsets only for an inactive group: the members stop, dropping work in progress.
  for (const m of sim.members) if (m.group === g) m.abandonWork();
  const projection = sim.projections[g]!;
  projection.reset();
  if (fixBug) projection.config.handlerBug = false;
  sim.checks.onReplay(g);
  const membership = sim.coordinator.groups[g]!;
  membership.committed.fill(0);
  sim.coordinator.reassignNow(sim, g);
}
