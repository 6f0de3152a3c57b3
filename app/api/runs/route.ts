import { createRun } from "../../../server/live/http-api";
import { listRuns } from "../../../server/live/http-runs";
import { readJson, respond } from "../../../server/live/http-route";
import { getRunManager } from "../../../server/live/registry";
import { sharedDatabase } from "../../../server/db/shared";

export const dynamic = "force-dynamic";

/** POST /api/runs {scenario, seed?, overrides?, paused?}: starts a run; answers {runId, operatorSecret}. */
export async function POST(req: Request) {
  const body = await readJson(req);
  if (!body.ok) return respond(body.answer);
  return respond(await createRun(getRunManager(), body.body, sharedDatabase()));
}

/** GET /api/runs?scenario&status&seed&text&parent&limit&offset: live runs and a page of stored ones. */
export async function GET(req: Request) {
  const params = new URL(req.url).searchParams;
  return respond(await listRuns(getRunManager(), sharedDatabase(), params));
}
