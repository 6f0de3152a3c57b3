import { describe } from "vitest";
import { defineRepositoryTests } from "./repository-suite";
import { postgresForTests, postgresTestDatabase } from "./test-support";

// Fails the file under CI=true when no server answers; skips with a message otherwise.
const available = await postgresForTests();

describe.skipIf(!available)("PostgreSQL", () => {
  defineRepositoryTests("PostgreSQL", () => postgresTestDatabase());
});
