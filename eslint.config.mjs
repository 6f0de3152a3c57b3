// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

// The simulation core must be a pure function of (scenario, seed, commands):
// nothing in server/sim may reach for wall-clock time, ambient randomness,
// timers or I/O. These rules are what "deterministic core" means in code.
const simPurity = {
  files: ["server/sim/**/*.ts"],
  ignores: ["server/sim/**/*.test.ts"],
  rules: {
    "no-restricted-globals": [
      "error",
      { name: "setTimeout", message: "server/sim schedules through its own scheduler." },
      { name: "setInterval", message: "server/sim schedules through its own scheduler." },
      { name: "setImmediate", message: "server/sim schedules through its own scheduler." },
      { name: "queueMicrotask", message: "server/sim is synchronous." },
      { name: "performance", message: "server/sim runs on virtual time only." },
      { name: "process", message: "server/sim takes no input from the environment." },
      { name: "fetch", message: "server/sim performs no I/O." },
      { name: "crypto", message: "server/sim draws randomness only from its seeded streams." },
      // The whole Date global, not only Date.now and new Date: Date() reads the clock too.
      { name: "Date", message: "server/sim runs on virtual time only." },
      // Reaching the globals through their holder would get round every rule above.
      { name: "globalThis", message: "server/sim uses no ambient globals." },
      { name: "global", message: "server/sim uses no ambient globals." },
      { name: "require", message: "server/sim imports statically, and nothing of I/O." },
    ],
    "no-restricted-properties": [
      "error",
      { object: "Math", property: "random", message: "Use the run's seeded random streams." },
      { object: "Date", property: "now", message: "server/sim runs on virtual time only." },
    ],
    "no-restricted-syntax": [
      "error",
      {
        selector: "NewExpression[callee.name='Date']",
        message: "server/sim runs on virtual time only.",
      },
      {
        selector: "ImportExpression",
        message: "server/sim imports statically: a dynamic import could load anything.",
      },
    ],
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          {
            group: [
              "node:*",
              "fs",
              "path",
              "os",
              "child_process",
              "net",
              "http",
              "https",
              "crypto",
              "timers",
              "worker_threads",
            ],
            message: "server/sim performs no I/O.",
          },
          {
            group: [
              "react",
              "react-dom",
              "next",
              "next/*",
              "socket.io",
              "socket.io-client",
              "@prisma/*",
              "**/live/**",
              "**/db/**",
              "**/protocol/**",
            ],
            message: "server/sim imports nothing of the app.",
          },
        ],
      },
    ],
  },
};

export default tseslint.config(
  {
    ignores: [
      "node_modules",
      ".next",
      "next-env.d.ts",
      "test-results",
      "playwright-report",
      "recordings",
      "prisma/generated",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
    },
  },
  simPurity,
);
