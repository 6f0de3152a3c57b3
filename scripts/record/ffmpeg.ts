import { existsSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import path from "node:path";

const SYSTEM_FFMPEG = "/usr/bin/ffmpeg";

/**
 * Playwright records video with its own build of ffmpeg, which it downloads; machines
 * without internet cannot (ENVIRONMENT.md). When the system has ffmpeg (Debian's) and
 * Playwright's is missing, link the system one where Playwright looks for it:
 * <browsers path>/ffmpeg-<revision>/ffmpeg-linux. Elsewhere (macOS, Windows, a machine
 * where `npx playwright install` worked) this does nothing. Returns what it did.
 */
export function ensurePlaywrightFfmpeg(): string {
  if (process.platform !== "linux") return "not linux: Playwright's own ffmpeg";
  const target = playwrightFfmpegPath();
  if (existsSync(target)) return `Playwright's ffmpeg at ${target}`;
  if (!existsSync(SYSTEM_FFMPEG))
    return `no ffmpeg at ${target} nor ${SYSTEM_FFMPEG}: install one (apt-get install ffmpeg)`;
  mkdirSync(path.dirname(target), { recursive: true });
  symlinkSync(SYSTEM_FFMPEG, target);
  return `linked ${SYSTEM_FFMPEG} to ${target}`;
}

function playwrightFfmpegPath(): string {
  const require = createRequire(path.join(process.cwd(), "package.json"));
  // browsers.json is not an export of the package: find it next to the package's entry.
  const browsersJson = path.join(
    path.dirname(require.resolve("playwright-core/package.json")),
    "browsers.json",
  );
  const { browsers } = JSON.parse(readFileSync(browsersJson, "utf8")) as {
    browsers: { name: string; revision: string }[];
  };
  const revision = browsers.find((b) => b.name === "ffmpeg")?.revision ?? "";
  const env = process.env.PLAYWRIGHT_BROWSERS_PATH;
  const base =
    env && env !== "0"
      ? path.resolve(env)
      : env === "0"
        ? path.join(path.dirname(browsersJson), ".local-browsers")
        : path.join(process.env.XDG_CACHE_HOME ?? path.join(homedir(), ".cache"), "ms-playwright");
  return path.join(base, `ffmpeg-${revision}`, "ffmpeg-linux");
}
