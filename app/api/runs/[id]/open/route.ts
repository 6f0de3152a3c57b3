import { openRun } from "../../../../../server/live/http-runs";
import { respond } from "../../../../../server/live/http-route";
import { getRunManager } from "../../../../../server/live/registry";
import { sharedDatabase } from "../../../../../server/db/shared";

export const dynamic = "force-dynamic";

/** POST /api/runs/:id/open: a stored run goes live again, paused where it stopped. */
export async function POST(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  return respond(await openRun(getRunManager(), sharedDatabase(), id));
}
