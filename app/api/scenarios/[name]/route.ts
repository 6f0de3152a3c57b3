import {
  deleteScenario,
  getScenario,
  updateScenario,
} from "../../../../server/live/http-scenarios";
import { readJson, respond } from "../../../../server/live/http-route";
import { sharedDatabase } from "../../../../server/db/shared";

export const dynamic = "force-dynamic";

type Ctx = { params: Promise<{ name: string }> };

/** GET /api/scenarios/:name: one scenario, whole. */
export async function GET(_req: Request, ctx: Ctx) {
  const { name } = await ctx.params;
  return respond(await getScenario(sharedDatabase(), name));
}

/** PUT /api/scenarios/:name {scenario}: replaces a user scenario (built-ins are read-only). */
export async function PUT(req: Request, ctx: Ctx) {
  const { name } = await ctx.params;
  const body = await readJson(req);
  if (!body.ok) return respond(body.answer);
  return respond(await updateScenario(sharedDatabase(), name, body.body));
}

/** DELETE /api/scenarios/:name: deletes a user scenario. */
export async function DELETE(_req: Request, ctx: Ctx) {
  const { name } = await ctx.params;
  return respond(await deleteScenario(sharedDatabase(), name));
}
