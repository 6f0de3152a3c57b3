import { exportRunFile } from "../../../../../server/live/http-runs";
import { respond } from "../../../../../server/live/http-route";
import { sharedDatabase } from "../../../../../server/db/shared";

export const dynamic = "force-dynamic";

/** GET /api/runs/:id/export: the run as one versioned JSON file, as an attachment. */
export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  const result = await exportRunFile(sharedDatabase(), id);
  if (!("text" in result)) return respond(result);
  return new Response(result.text, {
    status: 200,
    headers: {
      "content-type": "application/json; charset=utf-8",
      "content-disposition": `attachment; filename="${result.filename}"`,
    },
  });
}
