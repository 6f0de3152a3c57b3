import { describe } from "vitest";
import { defineRunToolTests } from "./runs-suite";
import { postgresForTests, postgresTestDatabase } from "../db/test-support";

// Fails the file under CI=true when no server answers; skips with a message otherwise.
const available = await postgresForTests();

describe.skipIf(!available)("PostgreSQL", () => {
  defineRunToolTests("PostgreSQL", () => postgresTestDatabase());
});
