import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient, startTestServer, type TestServer } from "./test-helpers";

/**
 * `advance` is what teaching mode and browser automation stand on: the ack must come only
 * once the run is exactly at the target, paused, and a frame at that time must follow.
 */
let server: TestServer;
const clients: TestClient[] = [];

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  for (const c of clients) c.close();
  await server.close();
});

describe("advance", () => {
  it("acks at exactly the target, paused, and a frame at that time follows", async () => {
    const { runId, operatorSecret } = server.manager.create({
      scenario: "acks-failover",
      paused: true,
    });
    const c = await TestClient.connect(server.url);
    clients.push(c);
    await c.join(runId, operatorSecret);
    // Teaching mode and the automation hooks send one advance at a time, each after the
    // last was answered.
    c.send({ type: "advance", runId, ms: 2500, requestId: "a1" });
    expect(await c.next("ack", (m) => m.requestId === "a1")).toMatchObject({ atMs: 2500 });
    c.send({ type: "advance", runId, ms: 500, requestId: "a2" });
    expect(await c.next("ack", (m) => m.requestId === "a2")).toMatchObject({ atMs: 3000 });
    const frame = await c.next("frame", (f) => f.t === 3000);
    expect(frame.t).toBe(3000);
    expect(server.manager.get(runId)!.pacing().paused).toBe(true);
  });

  it("stops at the end of the run, and a viewer may not advance", async () => {
    const { runId, operatorSecret } = server.manager.create({
      scenario: "acks-failover",
      paused: true,
    });
    const viewer = await TestClient.connect(server.url);
    clients.push(viewer);
    await viewer.join(runId);
    viewer.send({ type: "advance", runId, ms: 10, requestId: "v" });
    expect((await viewer.next("error")).code).toBe("forbidden");
    const c = await TestClient.connect(server.url);
    clients.push(c);
    await c.join(runId, operatorSecret);
    c.send({ type: "advance", runId, ms: 10_000_000, requestId: "end" });
    expect(await c.next("ack", (m) => m.requestId === "end")).toMatchObject({ atMs: 25_000 });
  });
});
