import type { ApiAnswer } from "./http-common";
import { invalidJson } from "./http-api";

/**
 * The few lines every route file shares, kept free of Next's own types so that this
 * module is tested like the rest: reading a JSON body, and the Response of an answer.
 */
export async function readJson(
  req: Request,
): Promise<{ ok: true; body: unknown } | { ok: false; answer: ApiAnswer<never> }> {
  try {
    return { ok: true, body: await req.json() };
  } catch (e) {
    return { ok: false, answer: invalidJson((e as Error).message) };
  }
}

export function respond(answer: ApiAnswer): Response {
  return Response.json(answer.body, { status: answer.status });
}
