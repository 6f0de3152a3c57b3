import { afterAll, beforeAll, expect, it } from "vitest";
import fc from "fast-check";
import { PROTOCOL_VERSION, clientMessageTypes } from "../protocol";
import { TestClient, startTestServer, type TestServer } from "./test-helpers";

let server: TestServer;
let runId: string;
let secret: string;
let operator: TestClient;
let viewer: TestClient;

beforeAll(async () => {
  server = await startTestServer({}, { messagesPerSecond: 100_000, messageBurst: 100_000 });
  ({ runId, operatorSecret: secret } = server.manager.create({ scenario: "replication-basics" }));
  operator = await TestClient.connect(server.url);
  viewer = await TestClient.connect(server.url);
  await operator.join(runId, secret);
  await viewer.join(runId);
});

afterAll(async () => {
  operator.close();
  viewer.close();
  await server.close();
});

/** Anything at all, and near-misses: a real message type with random fields. */
const junk = fc.oneof(
  fc.anything(),
  fc.record(
    {
      type: fc.constantFrom(...clientMessageTypes, "frame", "snapshot", ""),
      requestId: fc.oneof(fc.string(), fc.integer()),
      v: fc.oneof(fc.constant(PROTOCOL_VERSION), fc.integer()),
      runId: fc.oneof(fc.constant("nope"), fc.string()),
      eventId: fc.oneof(fc.integer(), fc.double(), fc.string()),
      command: fc.anything(),
      speed: fc.oneof(fc.double(), fc.constant("max"), fc.string()),
      by: fc.string(),
      p: fc.integer(),
      r: fc.integer(),
      from: fc.integer(),
      count: fc.integer(),
    },
    { requiredKeys: ["type"] },
  ),
  fc.string(),
  fc.array(fc.anything(), { maxLength: 20 }),
);

it("junk from a viewer never crashes the server, closes the connection or touches the run", async () => {
  const run = server.manager.get(runId)!;
  await fc.assert(
    fc.asyncProperty(fc.array(junk, { minLength: 1, maxLength: 15 }), async (messages) => {
      for (const m of messages) {
        // A well-formed leave would (rightly) stop the answers this property waits for.
        if ((m as { type?: unknown } | null)?.type === "leave") continue;
        viewer.send(m);
      }
      // The server is still there and still answers this client in order.
      const requestId = `probe-${Math.random()}`;
      viewer.send({ type: "history", eventId: 0, requestId });
      await viewer.next("history", (h) => h.requestId === requestId);
      expect(viewer.socket.connected).toBe(true);
      expect(run.status).toBe("running");
      expect(run.sim.commandLog).toEqual([]);
    }),
    { numRuns: 60 },
  );
  expect(viewer.invalid).toEqual([]);
});

it("junk from the operator is refused or applied, and never breaks the run", async () => {
  const run = server.manager.get(runId)!;
  await fc.assert(
    fc.asyncProperty(fc.array(junk, { minLength: 1, maxLength: 10 }), async (messages) => {
      for (const m of messages) {
        // Keep the operator on this run: a junk join or leave would end its role.
        const t = (m as { type?: unknown } | null)?.type;
        if (t === "join" || t === "leave") continue;
        operator.send(m);
      }
      const requestId = `probe-${Math.random()}`;
      operator.send({ type: "history", eventId: 0, requestId });
      await operator.next("history", (h) => h.requestId === requestId);
      expect(operator.socket.connected).toBe(true);
      expect(run.status).not.toBe("failed");
    }),
    { numRuns: 60 },
  );
  expect(operator.invalid).toEqual([]);
});
