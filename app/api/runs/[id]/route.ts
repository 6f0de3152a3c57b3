import { NextResponse } from "next/server";
import { getRun } from "../../../../server/live/http-api";
import { getRunManager } from "../../../../server/live/registry";

export const dynamic = "force-dynamic";

/** GET /api/runs/:id: a live run's metadata (never its operator secret). */
export async function GET(_req: Request, ctx: { params: Promise<{ id: string }> }) {
  const { id } = await ctx.params;
  const answer = getRun(getRunManager(), id);
  return NextResponse.json(answer.body, { status: answer.status });
}
