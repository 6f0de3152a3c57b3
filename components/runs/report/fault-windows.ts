import {
  assertNever,
  describeFault,
  type Fault,
  type FaultWindowWire,
  type Scenario,
} from "../../../server/protocol";
import type { OperatorCommand } from "../../../server/protocol";

export interface TimedCommand {
  atMs: number;
  command: OperatorCommand;
}

/**
 * The fault windows of a stored run, read from what reproduces it: the scenario's fault
 * script and the operator's injectFault / endFault commands, up to `untilMs`. The same
 * ids and labels as the engine's (server/sim/fault-book.ts), so the bands match the live
 * page's. A window still open at `untilMs` has `endMs` null.
 */
export function faultWindowsOf(
  scenario: Pick<Scenario, "faults">,
  commands: readonly TimedCommand[],
  untilMs: number,
): FaultWindowWire[] {
  const windows: FaultWindowWire[] = [];
  const open = (id: string, fault: Fault, startMs: number, endMs: number | null) =>
    windows.push({
      id,
      kind: fault.kind,
      label: describeFault(fault),
      startMs,
      endMs: endMs !== null && endMs <= untilMs ? endMs : null,
    });
  scenario.faults.forEach((spec, i) => {
    if (spec.atMs > untilMs) return;
    const { id, atMs, untilMs: end, ...fault } = spec;
    open(id ?? `f${i + 1}`, fault as Fault, atMs, end ?? null);
  });
  let operatorCount = 0;
  const used = (id: string) => windows.some((w) => w.id === id);
  for (const { atMs, command } of commands) {
    if (atMs > untilMs) break;
    if (command.type === "injectFault") {
      let id = command.id;
      if (id === undefined) {
        do id = `op${++operatorCount}`;
        while (used(id));
      }
      open(
        id,
        command.fault,
        atMs,
        command.durationMs !== undefined ? atMs + command.durationMs : null,
      );
    } else if (command.type === "endFault") {
      const w = windows.find(
        (x) => x.id === command.faultId && x.endMs === null && x.startMs <= atMs,
      );
      if (w) w.endMs = atMs;
    }
  }
  return windows.sort((a, b) => a.startMs - b.startMs);
}

/** One line for an operator command in the report's log. */
export function describeCommand(command: OperatorCommand): string {
  switch (command.type) {
    case "injectFault":
      return `inject ${describeFault(command.fault)}${command.durationMs !== undefined ? ` for ${command.durationMs} ms` : ""}`;
    case "endFault":
      return `end fault ${command.faultId}`;
    case "replay":
      return `replay ${command.group} from offset 0${command.fixBug ? ", handler bug fixed" : ""}`;
    case "setHandlerBug":
      return `${command.enabled ? "introduce" : "fix"} the handler bug of ${command.group}`;
    case "setProducer": {
      const parts = [
        command.acks !== undefined ? `acks=${command.acks}` : null,
        command.ratePerSec !== undefined ? `${command.ratePerSec}/s` : null,
        command.idempotent !== undefined ? `idempotent=${command.idempotent}` : null,
        command.stopped !== undefined ? (command.stopped ? "stopped" : "started") : null,
      ].filter(Boolean);
      return `producer ${command.producer}: ${parts.join(", ")}`;
    }
    case "setGroup": {
      const parts = [
        command.commitPolicy !== undefined ? `commit ${command.commitPolicy}` : null,
        command.idempotent !== undefined ? `idempotent=${command.idempotent}` : null,
      ].filter(Boolean);
      return `group ${command.group}: ${parts.join(", ")}`;
    }
    default:
      return assertNever(command, "operator command");
  }
}
