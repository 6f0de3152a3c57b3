import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Only server/db uses Prisma and the database drivers; and the modules a route handler may
 * import (server/runs, server/db's shared, schemas and errors) load none of them, so that
 * Next.js does not bundle the drivers into the route handlers.
 */

const root = process.cwd();
const skip = new Set([
  "node_modules",
  ".next",
  "prisma",
  ".git",
  "test-results",
  "playwright-report",
]);

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (skip.has(name) || name.startsWith(".tmp") || name.startsWith(".prof")) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...sourceFiles(full));
    else if (/\.(ts|tsx|mjs|js)$/.test(name) && !name.endsWith(".d.ts")) out.push(full);
  }
  return out;
}

/** Module specifiers a file loads at run time (type-only imports are erased). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const specs: string[] = [];
  for (const m of text.matchAll(/^\s*(import|export)\s+(?!type\b)[^;]*?from\s+"([^"]+)"/gms)) {
    specs.push(m[2]!);
  }
  for (const m of text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)) specs.push(m[1]!);
  return specs;
}

const drivers = /^(@prisma\/|prisma\/|better-sqlite3$|pg$)|prisma\/generated/;

describe("storage boundaries", () => {
  it("nothing outside server/db loads Prisma or a database driver (tests and benches aside)", () => {
    const offenders = sourceFiles(root)
      .filter((f) => !f.startsWith(path.join(root, "server", "db") + path.sep))
      .filter((f) => !/\.test\.ts$/.test(f) && !f.includes(`${path.sep}scripts${path.sep}bench-db`))
      .filter((f) => runtimeImports(f).some((s) => drivers.test(s)));
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });

  it("server/runs and server/db's shared, schemas and errors load no database code", () => {
    const light = [
      ...readdirSync(path.join(root, "server", "runs"))
        .filter((n) => n.endsWith(".ts") && !n.includes("test") && !n.includes("suite"))
        .map((n) => path.join(root, "server", "runs", n)),
      ...["shared.ts", "schemas.ts", "errors.ts"].map((n) => path.join(root, "server", "db", n)),
    ];
    for (const file of light) {
      const heavy = runtimeImports(file).filter(
        (s) =>
          drivers.test(s) ||
          /(^|\/)db(\/(index|database|client|runs|scenarios|commands|command-writer|migrate))?$/.test(
            s,
          ),
      );
      expect({ file: path.relative(root, file), heavy }).toEqual({
        file: path.relative(root, file),
        heavy: [],
      });
    }
  });

  it("no route handler loads Prisma, a driver or the database module, even indirectly", () => {
    const heavyDb =
      /server\/db\/(index|database|client|runs|scenarios|commands|command-writer|migrate)\.ts$/;
    const routes = sourceFiles(path.join(root, "app", "api")).filter((f) => f.endsWith("route.ts"));
    expect(routes.length).toBeGreaterThan(5);
    for (const route of routes) {
      const seen = new Set<string>();
      const heavy: string[] = [];
      const visit = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        for (const spec of runtimeImports(file)) {
          if (drivers.test(spec)) heavy.push(`${path.relative(root, file)} -> ${spec}`);
          if (!spec.startsWith(".")) continue;
          const base = path.resolve(path.dirname(file), spec);
          const target = [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find((c) => {
            try {
              return statSync(c).isFile();
            } catch {
              return false;
            }
          });
          if (!target) continue;
          if (heavyDb.test(target)) heavy.push(`${path.relative(root, file)} -> ${spec}`);
          visit(target);
        }
      };
      visit(route);
      expect({ route: path.relative(root, route), heavy }).toEqual({
        route: path.relative(root, route),
        heavy: [],
      });
    }
  });
});
