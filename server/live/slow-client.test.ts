import { afterAll, beforeAll, expect, it } from "vitest";
import { TestClient, sleep, startTestServer, type TestServer } from "./test-helpers";

let server: TestServer;
const blocked = new Set<string>();
let sent = 0;

beforeAll(async () => {
  server = await startTestServer(
    { tickRing: 20 },
    {
      // Stand in for a client whose socket has not drained (its reader is slow).
      isDrained: (socket) => {
        const conn = socket.conn as unknown as { writeBuffer: unknown[] };
        sent = Math.max(sent, conn.writeBuffer.length);
        return !blocked.has(socket.id);
      },
    },
  );
});

afterAll(async () => {
  await server.close();
});

it("gives a slow client fewer, fuller frames and never queues for it", async () => {
  const { runId } = server.manager.create({ scenario: "replication-basics" });
  const slow = await TestClient.connect(server.url);
  const fast = await TestClient.connect(server.url);
  const snap = await slow.join(runId);
  await fast.join(runId);
  // socket.io gives a socket the same id on both ends.
  const slowId = slow.socket.id!;
  blocked.add(slowId);
  const during = await slow.collect("frame", 1000);
  const fastFrames = await fast.collect("frame", 1);
  expect(during.length).toBeLessThanOrEqual(1);
  blocked.delete(slowId);
  const after = await slow.next("frame");
  // One frame covers every tick the client missed, and follows on from what it had.
  expect(after.seq - after.from).toBeGreaterThan(5);
  const before = slow.messages.slice(0, slow.messages.indexOf(after));
  const known = Math.max(
    snap.seq,
    ...before.map((m) => (m.type === "frame" || m.type === "snapshot" ? m.seq : 0)),
  );
  expect(after.from).toBe(known);
  expect(after.samples!.length).toBeLessThanOrEqual(10);
  expect(fastFrames).toBeDefined();
  // Nothing was ever queued in the socket for the blocked client.
  expect(sent).toBe(0);
  expect(slow.invalid).toEqual([]);
  slow.close();
  fast.close();
});

it("sends a snapshot to a client further behind than the ring of ticks", async () => {
  const { runId } = server.manager.create({ scenario: "replication-basics" });
  const c = await TestClient.connect(server.url);
  const first = await c.join(runId);
  const id = c.socket.id!;
  blocked.add(id);
  await sleep(2500); // 25 ticks > ring of 20
  blocked.delete(id);
  const snap = await c.next("snapshot");
  expect(snap.seq).toBeGreaterThan(first.seq + 20);
  const f = await c.next("frame");
  expect(f.from).toBe(snap.seq);
  c.close();
});
