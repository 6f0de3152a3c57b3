import { replayRun } from "../../../../../server/live/http-runs";
import { respond } from "../../../../../server/live/http-route";
import { sharedDatabase } from "../../../../../server/db/shared";

export const dynamic = "force-dynamic";

/** GET /api/runs/:id/replay?untilMs=: re-simulates the stored run; reports both trace hashes. */
export async function GET(req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  return respond(await replayRun(sharedDatabase(), id, new URL(req.url).searchParams));
}
