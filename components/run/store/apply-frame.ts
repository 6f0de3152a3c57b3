import {
  faultSchema,
  type CommandResultMessage,
  type FrameMessage,
  type OperatorCommandInput,
} from "../../../server/protocol";
import { describeFault } from "../../../server/sim/faults";
import {
  applyGroup,
  applyLog,
  applyNodes,
  applyPartition,
  applyProducer,
  networkView,
  patchList,
} from "./apply-parts";
import { appendBounded, applyChecks, messageViews } from "./apply-messages";
import { LIMITS, type RunView } from "./run-view";

export type FrameOutcome = { view: RunView; gap: boolean };

/**
 * Applies one frame. A frame says which state it starts from; if that is not the state
 * held (a frame was missed), nothing is applied and the caller asks for a snapshot.
 */
export function applyFrame(prev: RunView, f: FrameMessage): FrameOutcome {
  const topology = prev.meta?.topology;
  if (!topology || f.from !== prev.seq) return { view: prev, gap: true };
  const parts = f.parts ?? [];
  let windows = prev.faultWindows;
  let active = prev.activeFaults;
  // A fault this browser injected may be shown already (applyCommandResult).
  const started = (f.faultsStarted ?? []).filter((a) => !active.some((x) => x.id === a.id));
  if (started.length > 0) {
    active = [...active, ...started];
    windows = [
      ...windows.filter((w) => !started.some((a) => a.id === w.id && w.endMs === null)),
      ...started.map((a) => ({
        id: a.id,
        kind: a.fault.kind,
        label: a.label,
        startMs: a.startMs,
        endMs: null,
      })),
    ];
  }
  if (f.faultsEnded && f.faultsEnded.length > 0) {
    const ended = new Map(f.faultsEnded);
    active = active.filter((a) => !ended.has(a.id));
    windows = windows.map((w) =>
      w.endMs === null && ended.has(w.id) ? { ...w, endMs: ended.get(w.id)! } : w,
    );
  }
  // The server's own account of the bands replaces what was derived above.
  for (const w of f.windows ?? []) {
    const i = windows.findIndex((x) => x.id === w.id && x.startMs === w.startMs);
    windows = i < 0 ? [...windows, w] : windows.map((x, j) => (j === i ? w : x));
  }
  const view: RunView = {
    ...prev,
    seq: f.seq,
    nowMs: f.t,
    // Sent when it changes (a new command after a seek back drops it to the present).
    headMs: Math.max(f.head ?? prev.headMs, f.t),
    events: f.ev,
    rate: f.rate,
    pacing: f.pacing ?? prev.pacing,
    status: f.status ?? prev.status,
    nodes: f.nodes ? applyNodes(prev.nodes, f.nodes) : prev.nodes,
    partitions: patchList(
      prev.partitions,
      parts,
      (d) => d.p,
      (p, d) => applyPartition(p, d, topology),
    ),
    logs: patchList(
      prev.logs,
      parts,
      (d) => d.p,
      (l, d) => applyLog(l, d, f.t),
    ),
    groups: patchList(
      prev.groups,
      f.groups,
      (d) => d.g,
      (g, d) => applyGroup(g, d, topology),
    ),
    producers: patchList(prev.producers, f.producers, (d) => d.i, applyProducer),
    network: f.net ? networkView(f.net) : prev.network,
    checks: applyChecks(prev.checks, f.checks),
    activeFaults: active,
    faultWindows: windows,
    convergence: f.convergence ?? prev.convergence,
    samples: appendBounded(prev.samples, f.samples, LIMITS.samples),
    messages: f.msgs
      ? appendBounded(prev.messages, messageViews(topology, f.msgs), LIMITS.messages)
      : prev.messages,
  };
  return { view, gap: false };
}

/**
 * The operator's own fault commands show the moment the server accepts them, without
 * waiting for the next frame; the frame that follows confirms the same fault by id.
 */
export function applyCommandResult(
  v: RunView,
  command: OperatorCommandInput,
  result: CommandResultMessage,
): RunView {
  if (command.type === "injectFault" && result.faultId !== undefined) {
    if (v.activeFaults.some((a) => a.id === result.faultId)) return v;
    const fault = faultSchema.parse(command.fault);
    const untilMs = command.durationMs !== undefined ? result.atMs + command.durationMs : null;
    const label = describeFault(fault);
    return {
      ...v,
      activeFaults: [
        ...v.activeFaults,
        { id: result.faultId, fault, label, startMs: result.atMs, untilMs },
      ],
      faultWindows: [
        ...v.faultWindows,
        { id: result.faultId, kind: fault.kind, label, startMs: result.atMs, endMs: null },
      ],
    };
  }
  if (command.type === "endFault") {
    const id = command.faultId;
    return {
      ...v,
      activeFaults: v.activeFaults.filter((a) => a.id !== id),
      faultWindows: v.faultWindows.map((w) =>
        w.id === id && w.endMs === null ? { ...w, endMs: result.atMs } : w,
      ),
    };
  }
  return v;
}
