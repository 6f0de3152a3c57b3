import { createScenario, listScenarios } from "../../../server/live/http-scenarios";
import { readJson, respond } from "../../../server/live/http-route";
import { sharedDatabase } from "../../../server/db/shared";

export const dynamic = "force-dynamic";

/** GET /api/scenarios: the library (built-ins, then the user's own), as summaries. */
export async function GET() {
  return respond(await listScenarios(sharedDatabase()));
}

/** POST /api/scenarios {scenario}: a new user scenario. */
export async function POST(req: Request) {
  const body = await readJson(req);
  if (!body.ok) return respond(body.answer);
  return respond(await createScenario(sharedDatabase(), body.body));
}
