"use client";

import { createContext, useContext, useMemo, useState, type ReactNode } from "react";

/**
 * What the viewer has picked on the page (not run data): the selected node, which
 * highlights it everywhere and pre-fills the fault form, and the message open in the
 * inspector.
 */
interface RunUi {
  selectedNode: string | null;
  selectNode: (id: string | null) => void;
  inspectedEvent: number | null;
  inspectEvent: (eventId: number | null) => void;
}

const RunUiContext = createContext<RunUi | null>(null);

export function RunUiProvider({ children }: { children: ReactNode }) {
  const [selectedNode, selectNode] = useState<string | null>(null);
  const [inspectedEvent, inspectEvent] = useState<number | null>(null);
  const value = useMemo(
    () => ({ selectedNode, selectNode, inspectedEvent, inspectEvent }),
    [selectedNode, inspectedEvent],
  );
  return <RunUiContext.Provider value={value}>{children}</RunUiContext.Provider>;
}

export function useRunUi(): RunUi {
  const ui = useContext(RunUiContext);
  if (!ui) throw new Error("useRunUi must be inside <RunUiProvider>");
  return ui;
}
