/**
 * The narration steps whose commands this browser has fired, per run, kept in
 * localStorage so that a reload, or Next pressed twice, never fires a step's commands
 * a second time. Only the operator fires commands, and the operator is one browser
 * (the one holding the secret), so this browser's memory is the run's.
 */
const key = (runId: string) => `convergence-lab:teaching-fired:${runId}`;

export function firedSteps(runId: string): Set<number> {
  try {
    const raw = window.localStorage.getItem(key(runId));
    const parsed: unknown = raw ? JSON.parse(raw) : [];
    return new Set(Array.isArray(parsed) ? parsed.filter((n) => typeof n === "number") : []);
  } catch {
    return new Set();
  }
}

export function markFired(runId: string, index: number): void {
  const fired = firedSteps(runId);
  fired.add(index);
  try {
    window.localStorage.setItem(key(runId), JSON.stringify([...fired]));
  } catch {
    // Storage full or blocked: the step may fire again after a reload, nothing worse.
  }
}
