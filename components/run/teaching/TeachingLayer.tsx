"use client";

import { AutomationHooks } from "../automation/AutomationHooks";
import { TeachingProvider } from "./teaching-context";
import { TeachingPanel } from "./TeachingPanel";

/**
 * Everything teaching mode adds to the run page, in one element: the narration captions
 * and highlights, and the automation hooks that share their Next. Both sit over the page
 * (fixed or hidden), so the run page only has to place this once.
 */
export function TeachingLayer({ runId }: { runId: string }) {
  return (
    <TeachingProvider runId={runId}>
      <TeachingPanel />
      <AutomationHooks runId={runId} />
    </TeachingProvider>
  );
}
