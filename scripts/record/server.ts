import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * The production server the recorder films: the one at `url` when given (nothing is
 * started or stopped), else its own, started with `npm run start` on a free port (after
 * `npm run build` when there is no build yet) and stopped when the recording is done.
 */
export async function productionServer(url: string | undefined): Promise<RunningServer> {
  if (url) return { url: url.replace(/\/$/, ""), stop: async () => {} };
  if (!existsSync(".next/BUILD_ID")) {
    console.log("record: no production build yet; running npm run build");
    const build = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
    if (build.status !== 0) throw new Error("npm run build failed");
  }
  const port = await freePort();
  const child = spawn("npm", ["run", "start"], {
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", NODE_ENV: "production" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const started = `http://127.0.0.1:${port}`;
  try {
    await waitUntilUp(started, child);
  } catch (e) {
    stopGroup(child);
    throw e;
  }
  console.log(`record: started a production server at ${started}`);
  return {
    url: started,
    stop: async () => {
      stopGroup(child);
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}

/** npm starts tsx, which starts node: end the whole process group this script started. */
function stopGroup(child: ChildProcess): void {
  if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
}

async function waitUntilUp(url: string, child: ChildProcess): Promise<void> {
  let log = "";
  child.stdout?.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (log += d.toString()));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited:\n${log.slice(-2000)}`);
    try {
      const res = await fetch(`${url}/api/scenarios`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`the server did not come up at ${url} within 2 minutes:\n${log.slice(-2000)}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const address = srv.address();
      const port = typeof address === "object" && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
