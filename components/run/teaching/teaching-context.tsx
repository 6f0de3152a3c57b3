"use client";

import { createContext, useContext, useState, useSyncExternalStore, type ReactNode } from "react";
import type { NarrationStep } from "../../../server/protocol";
import { useRunActions, useRunSelector, useRunStore } from "../store/run-context";
import { TeachingController, type TeachingStatus } from "./controller";
import { stepIndexAt } from "./narration";

const TeachingContext = createContext<TeachingController | null>(null);

/** Holds the run's one TeachingController, for the teaching panel and the automation hooks. */
export function TeachingProvider({ runId, children }: { runId: string; children: ReactNode }) {
  const actions = useRunActions();
  const store = useRunStore();
  const [controller] = useState(() => new TeachingController(runId, actions, store));
  return <TeachingContext.Provider value={controller}>{children}</TeachingContext.Provider>;
}

export function useTeachingController(): TeachingController {
  const c = useContext(TeachingContext);
  if (!c) throw new Error("teaching components must be inside <TeachingProvider>");
  return c;
}

export function useTeachingStatus(): TeachingStatus {
  const c = useTeachingController();
  return useSyncExternalStore(c.subscribe, c.getStatus, c.getStatus);
}

const NO_STEPS: NarrationStep[] = [];

/** The scenario's narration and the index of the step the run's clock is on (-1 before the first). */
export function useCurrentStep(): { steps: NarrationStep[]; index: number } {
  const steps = useRunSelector((v) => v.meta?.scenario.narration ?? NO_STEPS);
  const index = useRunSelector((v) => stepIndexAt(v.meta?.scenario.narration ?? NO_STEPS, v.nowMs));
  return { steps, index };
}
