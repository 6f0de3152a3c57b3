/**
 * The one server process: Next.js (the dashboard and its route handlers) and socket.io
 * (live runs) on one port, and the database the runs are stored in. `npm run dev` runs
 * Next in development mode; `npm start` migrates, builds when the production build is
 * missing or older than the sources (scripts/ensure-build.mjs), and serves it.
 *
 * Environment: PORT (default 3000), HOST (default all interfaces), LIVE_COMPRESSION=1
 * to compress websocket frames (fewer bytes, more CPU per viewer), DATABASE_URL (default:
 * the SQLite file data/convergence-lab.db), DEMO_RUN=0 to start without the demo run,
 * CROSS_ORIGIN_ISOLATED=1 to serve every page cross-origin isolated (COOP and COEP), which
 * `npm run bench:live` uses so that the page's frame timestamps have 5 µs resolution
 * rather than 100 µs (docs/benchmarks.md).
 */
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { z } from "zod";
import { RunManager } from "./live/run-manager";
import { createLiveServer } from "./live/socket-server";
import { setRunManager } from "./live/registry";
import { ensureDemoRun } from "./live/demo-run";
import { closeDatabase, getDatabase, type Database } from "./db";

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  NODE_ENV: z.string().optional(),
  LIVE_COMPRESSION: z.enum(["0", "1"]).default("0"),
  DEMO_RUN: z.enum(["0", "1"]).default("1"),
  CROSS_ORIGIN_ISOLATED: z.enum(["0", "1"]).default("0"),
});

/**
 * Opens (migrates, seeds) the database and marks the runs a previous process left live as
 * interrupted. Without a database the server still starts: live runs need none, and the
 * routes that do answer 503 saying why.
 */
async function openStorage(): Promise<Database | null> {
  try {
    const db = await getDatabase();
    const interrupted = await db.runs.interruptRunning();
    console.log(
      `storage: ${db.where}${interrupted > 0 ? ` (${interrupted} run(s) the last server left live marked interrupted)` : ""}`,
    );
    return db;
  } catch (e) {
    console.error(
      `storage unavailable, runs will not be stored: ${e instanceof Error ? e.message : String(e)}`,
    );
    return null;
  }
}

async function main(): Promise<void> {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    for (const i of parsed.error.issues)
      console.error(`environment ${i.path.join(".")}: ${i.message}`);
    process.exit(2);
  }
  const env = parsed.data;
  const dev = env.NODE_ENV !== "production";
  const app = next({
    dev,
    dir: path.resolve(__dirname, ".."),
    hostname: env.HOST ?? "localhost",
    port: env.PORT,
  });
  await app.prepare();
  const handle = app.getRequestHandler();
  const upgrade = app.getUpgradeHandler();

  const db = await openStorage();
  const manager = new RunManager({ storage: db });
  setRunManager(manager);
  manager.start();
  if (env.DEMO_RUN === "1") {
    const demo = await ensureDemoRun(manager, db);
    console.log(`demo run ${demo} is ready (paused at 0)`);
  }

  const isolate = env.CROSS_ORIGIN_ISOLATED === "1";
  const server = createServer((req, res) => {
    if (isolate) {
      // Every resource the pages load is same-origin, so require-corp blocks nothing.
      res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
      res.setHeader("Cross-Origin-Embedder-Policy", "require-corp");
    }
    handle(req, res).catch((e: unknown) => {
      console.error("request failed:", e);
      if (!res.headersSent) res.writeHead(500).end("internal error");
    });
  });
  const live = createLiveServer(server, { manager, compression: env.LIVE_COMPRESSION === "1" });
  // socket.io answers its own upgrades; the others (Next's hot reload in dev) go to Next.
  server.on("upgrade", (req, socket, head) => {
    if (req.url?.startsWith("/socket.io/")) return;
    upgrade(req, socket, head).catch(() => socket.destroy());
  });

  await new Promise<void>((resolve) => {
    if (env.HOST) server.listen(env.PORT, env.HOST, resolve);
    else server.listen(env.PORT, resolve);
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : env.PORT;
  console.log(
    `Convergence Lab ready on http://${env.HOST ?? "localhost"}:${port} (${dev ? "development" : "production"})`,
  );

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: shutting down`);
    manager.stop();
    manager.closeAll();
    const force = setTimeout(() => process.exit(0), 3000);
    force.unref();
    void manager
      .flushStorage()
      .then(() => closeDatabase())
      .then(() => live.close())
      .then(() => app.close())
      .finally(() => process.exit(0));
  };
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
