import type { Database } from "../db/database";
import type { RunManager } from "./run-manager";

/** The scenario the library page has ready to play on a fresh start. */
export const DEMO_SCENARIO = "replication-basics";
export const DEMO_TITLE = "Demo: replication basics";

/**
 * One live run of a preset scenario, paused at 0, so that the first page a user opens
 * has something to press play on (it shows under "Live runs"). A previous start's demo
 * run that nobody touched (no command, still at 0) is opened again rather than stored
 * twice; one that was played with is left in the run list and a new one is made. The
 * demo run is pinned: it stays open however long nobody watches it.
 */
export async function ensureDemoRun(
  manager: RunManager,
  db: Pick<Database, "runs" | "commands"> | null,
): Promise<string> {
  const reused = db ? await reusableDemo(db).catch(() => null) : null;
  if (reused && !manager.get(reused.id)) {
    const { runId } = await manager.open(reused.id, reused, {
      commands: [],
      untilMs: 0,
      parentRunId: null,
      forkAtMs: null,
    });
    manager.pin(runId);
    return runId;
  }
  const { runId } = manager.create({ scenario: DEMO_SCENARIO, paused: true, title: DEMO_TITLE });
  manager.pin(runId);
  return runId;
}

async function reusableDemo(db: Pick<Database, "runs" | "commands">) {
  const page = await db.runs.list({ text: DEMO_TITLE, scenario: DEMO_SCENARIO, limit: 5 });
  for (const item of page.items) {
    if (item.title !== DEMO_TITLE || item.virtualMs !== 0 || item.parentRunId !== null) continue;
    if (item.status !== "interrupted" && item.status !== "paused") continue;
    if ((await db.commands.count(item.id)) > 0) continue;
    return db.runs.get(item.id);
  }
  return null;
}
