import { z } from "zod";
import {
  MAX_INCOMING_MESSAGE_BYTES,
  clientMessageSchema,
  clientMessageTypes,
  requestIdSchema,
  type ClientMessage,
  type ErrorMessage,
} from "../protocol";

const knownTypes = new Set<string>(clientMessageTypes);
const MAX_ERROR_TEXT = 600;

export type ParsedInput = { ok: true; message: ClientMessage } | { ok: false; error: ErrorMessage };

/**
 * The trust boundary for socket input: anything a client sends is checked here, in this
 * order: size, shape, type, schema. The answer to bad input is a typed error that echoes
 * the request id when one could be read; nothing here throws.
 */
export function parseClientInput(payload: unknown): ParsedInput {
  const requestId = readRequestId(payload);
  const fail = (code: ErrorMessage["code"], message: string): ParsedInput => ({
    ok: false,
    error: {
      type: "error",
      code,
      message: message.slice(0, MAX_ERROR_TEXT),
      ...(requestId !== undefined ? { requestId } : {}),
    },
  });
  if (Buffer.isBuffer(payload) || payload instanceof ArrayBuffer || ArrayBuffer.isView(payload))
    return fail("malformed", "binary messages are not part of the protocol");
  let size: number;
  try {
    const text = JSON.stringify(payload);
    size = text === undefined ? 0 : Buffer.byteLength(text);
  } catch {
    return fail("malformed", "the message is not JSON data");
  }
  if (size > MAX_INCOMING_MESSAGE_BYTES)
    return fail(
      "tooLarge",
      `the message is ${size} bytes; at most ${MAX_INCOMING_MESSAGE_BYTES} are accepted`,
    );
  if (typeof payload !== "object" || payload === null || Array.isArray(payload))
    return fail("malformed", 'a message is a JSON object with a "type" field');
  const type = (payload as { type?: unknown }).type;
  if (typeof type !== "string") return fail("malformed", 'the message has no string "type"');
  if (!knownTypes.has(type))
    return fail(
      "unknownType",
      `unknown message type "${type.slice(0, 64)}"; types are ${clientMessageTypes.join(", ")}`,
    );
  const parsed = clientMessageSchema.safeParse(payload);
  if (!parsed.success) return fail("malformed", `${type}: ${formatIssues(parsed.error)}`);
  return { ok: true, message: parsed.data };
}

function readRequestId(payload: unknown): string | undefined {
  if (typeof payload !== "object" || payload === null) return undefined;
  const parsed = requestIdSchema.safeParse((payload as { requestId?: unknown }).requestId);
  return parsed.success ? parsed.data : undefined;
}

function formatIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length > 0 ? i.path.join(".") : "(message)"}: ${i.message}`)
    .join("; ");
}

/** A token bucket: `capacity` messages at once, refilled at `perSecond`. */
export class RateLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now: number,
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  take(now: number): boolean {
    this.tokens = Math.min(
      this.capacity,
      this.tokens + ((now - this.last) / 1000) * this.perSecond,
    );
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
