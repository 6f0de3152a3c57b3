import { describe, expect, it } from "vitest";
import { ESLint } from "eslint";

/**
 * The deterministic core is enforced by lint: code in server/sim that reaches for the
 * wall clock, ambient randomness, timers or I/O fails `npm run lint`. This test lints
 * offending snippets as if they lived in server/sim, and the same snippets elsewhere.
 */
const offences: Record<string, string> = {
  "Math.random": "export const x = Math.random();\n",
  "Date.now": "export const x = Date.now();\n",
  "new Date": "export const x = new Date();\n",
  "Date()": "export const x = Date();\n",
  "globalThis.setTimeout": "globalThis.setTimeout(() => undefined, 10);\n",
  "globalThis.performance": "export const x = globalThis.performance.now();\n",
  "global.process": "export const x = global.process.hrtime();\n",
  require: 'export const fs = require("fs");\n',
  "dynamic import": 'export const fs = import("node:fs");\n',
  setTimeout: "setTimeout(() => undefined, 10);\n",
  setInterval: "setInterval(() => undefined, 10);\n",
  performance: "export const x = performance.now();\n",
  "process.env": "export const x = process.env.SEED;\n",
  "fs import": 'import { readFileSync } from "node:fs";\nexport const x = readFileSync;\n',
  "socket.io import": 'import { Server } from "socket.io";\nexport const x = Server;\n',
  "prisma import":
    'import { PrismaClient } from "@prisma/client";\nexport const x = PrismaClient;\n',
};

const eslint = new ESLint({ cwd: process.cwd() });

async function errorsFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.filter((m) => m.severity === 2).map((m) => m.ruleId ?? m.message);
}

describe("lint keeps server/sim pure", () => {
  for (const [name, code] of Object.entries(offences)) {
    it(`refuses ${name} in server/sim`, async () => {
      const errors = await errorsFor(code, "server/sim/purity-fixture.ts");
      expect(errors.some((e) => e.startsWith("no-restricted"))).toBe(true);
    });
  }

  it("allows the same code outside server/sim (the live layer paces against the wall clock)", async () => {
    const errors = await errorsFor(
      offences["Date.now"]! + offences.setTimeout!,
      "server/live/purity-fixture.ts",
    );
    expect(errors.filter((e) => e.startsWith("no-restricted"))).toEqual([]);
  });

  it("passes the engine as it is", async () => {
    const results = await eslint.lintFiles(["server/sim/**/*.ts"]);
    const errors = results.flatMap((r) =>
      r.messages.filter((m) => m.severity === 2).map((m) => `${r.filePath}: ${m.message}`),
    );
    expect(errors).toEqual([]);
  });
});
