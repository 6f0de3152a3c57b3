/**
 * The one server process: Next.js (the dashboard and its route handlers) and socket.io
 * (live runs) on one port. `npm run dev` runs Next in development mode; `npm start`
 * (NODE_ENV=production) serves the production build made by `npm run build`.
 *
 * Environment: PORT (default 3000), HOST (default all interfaces), LIVE_COMPRESSION=1
 * to compress websocket frames (fewer bytes, more CPU per viewer).
 */
import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { z } from "zod";
import { RunManager } from "./live/run-manager";
import { createLiveServer } from "./live/socket-server";
import { setRunManager } from "./live/registry";

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  NODE_ENV: z.string().optional(),
  LIVE_COMPRESSION: z.enum(["0", "1"]).default("0"),
});

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

  const manager = new RunManager();
  setRunManager(manager);
  manager.start();

  const server = createServer((req, res) => {
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
    void live
      .close()
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
