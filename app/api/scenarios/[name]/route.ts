import { NextResponse } from "next/server";
import { getScenario } from "../../../../server/live/http-api";

export const dynamic = "force-dynamic";

/** GET /api/scenarios/:name: one built-in scenario, whole. */
export async function GET(_req: Request, ctx: { params: Promise<{ name: string }> }) {
  const { name } = await ctx.params;
  const answer = getScenario(name);
  return NextResponse.json(answer.body, { status: answer.status });
}
