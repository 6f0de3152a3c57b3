/**
 * The operator secret of each run this browser started, kept in localStorage (so a
 * reload or a second tab of the same browser still steers the run) and keyed by run id.
 * The viewer link never carries it.
 */
const PREFIX = "convergence-lab:operator:";

export function saveOperatorSecret(runId: string, secret: string): void {
  try {
    window.localStorage.setItem(PREFIX + runId, secret);
  } catch {
    window.sessionStorage.setItem(PREFIX + runId, secret);
  }
}

export function loadOperatorSecret(runId: string): string | null {
  try {
    return (
      window.localStorage.getItem(PREFIX + runId) ?? window.sessionStorage.getItem(PREFIX + runId)
    );
  } catch {
    return null;
  }
}
