import { NextResponse } from "next/server";
import { listScenarios } from "../../../server/live/http-api";

export const dynamic = "force-dynamic";

/** GET /api/scenarios: the built-in scenario library, as summaries. */
export function GET() {
  const answer = listScenarios();
  return NextResponse.json(answer.body, { status: answer.status });
}
