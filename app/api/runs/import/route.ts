import { importRunFile } from "../../../../server/live/http-runs";
import { respond } from "../../../../server/live/http-route";
import { getRunManager } from "../../../../server/live/registry";
import { sharedDatabase } from "../../../../server/db/shared";

export const dynamic = "force-dynamic";

/** POST /api/runs/import: the body is a run file's text; it is verified before anything is stored. */
export async function POST(req: Request) {
  const text = await req.text();
  return respond(await importRunFile(getRunManager(), sharedDatabase(), text));
}
