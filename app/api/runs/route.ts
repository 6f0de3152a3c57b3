import { NextResponse } from "next/server";
import { createRun, invalidJson, listRuns } from "../../../server/live/http-api";
import { getRunManager } from "../../../server/live/registry";

export const dynamic = "force-dynamic";

/** POST /api/runs {scenario, seed?, overrides?, paused?}: starts a run; answers {runId, operatorSecret}. */
export async function POST(req: Request) {
  let body: unknown;
  try {
    body = await req.json();
  } catch (e) {
    const answer = invalidJson((e as Error).message);
    return NextResponse.json(answer.body, { status: answer.status });
  }
  const answer = createRun(getRunManager(), body);
  return NextResponse.json(answer.body, { status: answer.status });
}

/** GET /api/runs: the live runs. */
export function GET() {
  const answer = listRuns(getRunManager());
  return NextResponse.json(answer.body, { status: answer.status });
}
