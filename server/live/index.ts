/** The live layer: runs paced against the wall clock and streamed over socket.io. */
export {
  RunManager,
  CreateRunError,
  type CreateRunInput,
  type RunManagerOptions,
} from "./run-manager";
export { LiveRun, type SimulationFactory, type WallClock } from "./live-run";
export { LiveServer, createLiveServer, type LiveServerDeps } from "./socket-server";
export { getRunManager, setRunManager } from "./registry";
