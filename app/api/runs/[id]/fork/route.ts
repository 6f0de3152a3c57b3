import { forkRun } from "../../../../../server/live/http-runs";
import { readJson, respond } from "../../../../../server/live/http-route";
import { getRunManager } from "../../../../../server/live/registry";
import { sharedDatabase } from "../../../../../server/db/shared";

export const dynamic = "force-dynamic";

/** POST /api/runs/:id/fork {atMs, title?}: a new run from this one's state at atMs, opened live. */
export async function POST(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  const body = await readJson(req);
  if (!body.ok) return respond(body.answer);
  return respond(await forkRun(getRunManager(), sharedDatabase(), id, body.body));
}
