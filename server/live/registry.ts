import type { RunManager } from "./run-manager";

/**
 * The process's run manager, shared between the custom server (server/main.ts, which
 * owns it and its timers) and Next's route handlers. Next bundles route handlers
 * separately, so they would get their own copy of any module-level variable: the one
 * instance lives on globalThis instead.
 */
const KEY = Symbol.for("convergence-lab.run-manager");

type Holder = { [KEY]?: RunManager };

export function setRunManager(manager: RunManager | undefined): void {
  (globalThis as Holder)[KEY] = manager;
}

/** The run manager, or null when the app runs without the live server (plain `next dev`). */
export function getRunManager(): RunManager | null {
  return (globalThis as Holder)[KEY] ?? null;
}
