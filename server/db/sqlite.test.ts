import { defineRepositoryTests } from "./repository-suite";
import { sqliteTestDatabase } from "./test-support";

defineRepositoryTests("SQLite", async () => sqliteTestDatabase());
