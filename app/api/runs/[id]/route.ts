import { deleteRun, getRun } from "../../../../server/live/http-runs";
import { respond } from "../../../../server/live/http-route";
import { getRunManager } from "../../../../server/live/registry";
import { sharedDatabase } from "../../../../server/db/shared";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ id: string }> };

/** GET /api/runs/:id: live metadata (never the operator secret), stored record, command log. */
export async function GET(_req: Request, ctx: Ctx) {
  const { id } = await ctx.params;
  return respond(await getRun(getRunManager(), sharedDatabase(), id));
}

/** DELETE /api/runs/:id: closes it if live; deletes it and its command log. */
export async function DELETE(_req: Request, ctx: Ctx) {
  const { id } = await ctx.params;
  return respond(await deleteRun(getRunManager(), sharedDatabase(), id));
}
