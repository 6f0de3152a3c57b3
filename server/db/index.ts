/**
 * Convergence Lab's storage. The only part of the server that uses Prisma; everything it
 * takes and returns is plain data. docs/data-model.md describes the tables and how the live
 * run manager, the route handlers and the run tools (server/runs) call it.
 */
export {
  openDatabase,
  getDatabase,
  closeDatabase,
  type Database,
  type OpenOptions,
} from "./database";
export { sharedDatabase } from "./shared";
export type { ScenarioRepository } from "./scenarios";
export type { RunRepository } from "./runs";
export type { CommandRepository, CommandRecorder } from "./commands";
export { validateScenario } from "./scenarios";
export { newStoredRunId } from "./runs";
export {
  DbError,
  NotFoundError,
  ConflictError,
  InvalidInputError,
  DatabaseUnavailableError,
  type FieldIssue,
} from "./errors";
export {
  resolveDatabaseTarget,
  describeTarget,
  DatabaseUrlError,
  type DatabaseTarget,
} from "./target";
export * from "./schemas";
