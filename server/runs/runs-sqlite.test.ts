import { defineRunToolTests } from "./runs-suite";
import { sqliteTestDatabase } from "../db/test-support";

defineRunToolTests("SQLite", async () => sqliteTestDatabase());
