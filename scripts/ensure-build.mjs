/* global process, console */
/**
 * `npm start` runs this first: it builds the Next.js production bundle when there is none,
 * or when a source file changed after the last build (a `git pull`, an edit), so that
 * `npm install && npm start` on a fresh clone serves the dashboard, and a second start is
 * quick. `FORCE_BUILD=1` builds regardless. Plain Node, no dependencies.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const buildStamp = path.join(root, ".next", "BUILD_ID");
/** What the bundle is made from; the server's own code is run by tsx and needs no build. */
const SOURCES = ["app", "components", "server", "next.config.js", "package.json", "tsconfig.json"];
const SKIP = new Set(["node_modules", ".next", "generated"]);

/** The newest modification time under `p`, in ms (0 if it does not exist). */
function newest(p) {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = st.mtimeMs;
  for (const name of readdirSync(p)) {
    if (SKIP.has(name) || name.endsWith(".test.ts")) continue;
    max = Math.max(max, newest(path.join(p, name)));
  }
  return max;
}

function why() {
  if (process.env.FORCE_BUILD === "1") return "FORCE_BUILD=1";
  if (!existsSync(buildStamp)) return "there is no production build yet";
  const built = statSync(buildStamp).mtimeMs;
  const changed = SOURCES.find((s) => newest(path.join(root, s)) > built);
  return changed ? `${changed} changed since the last build` : null;
}

const reason = why();
if (reason === null) {
  console.log("production build is up to date");
} else {
  console.log(`building the dashboard (${reason}); this takes a minute or two...`);
  const npx = process.platform === "win32" ? "npx.cmd" : "npx";
  const result = spawnSync(npx, ["next", "build"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) {
    console.error("next build failed; see above");
    process.exit(result.status ?? 1);
  }
}
