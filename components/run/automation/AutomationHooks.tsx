"use client";

import { useEffect } from "react";
import { checkNames } from "../../../server/protocol";
import { useRunActions, useRunSelector, useRunStore } from "../store/run-context";
import { sameJson } from "../store/equal";
import { useTeachingController } from "../teaching/teaching-context";
import { createLabApi } from "./install-api";
import { labHeadline } from "./lab-state";

/**
 * Installs `window.convergenceLab` for browser scripts, and renders a hidden element
 * whose data attributes carry the main numbers, for scripts that would rather wait on
 * the DOM (`expect(locator).toHaveAttribute("data-converged", "true")`).
 */
export function AutomationHooks({ runId }: { runId: string }) {
  const actions = useRunActions();
  const store = useRunStore();
  const teaching = useTeachingController();
  useEffect(() => {
    const api = createLabApi(runId, actions, store, teaching);
    window.convergenceLab = api;
    return () => {
      if (window.convergenceLab === api) delete window.convergenceLab;
    };
  }, [runId, actions, store, teaching]);

  // Only the numbers the element shows: the whole lab state (every partition, group and
  // producer) is built when a script asks for it, not at every frame.
  const s = useRunSelector((v) => ({ ready: v.meta !== null, ...labHeadline(v) }), sameJson);
  const checkAttributes = Object.fromEntries(
    checkNames.map((n) => [`data-check-${kebab(n)}`, s.checks[n]]),
  );
  return (
    <div
      hidden
      data-testid="lab-state"
      data-ready={s.ready}
      data-virtual-ms={s.nowMs}
      data-status={s.status}
      data-paused={s.paused}
      data-convergence={s.convergence ?? ""}
      data-converged={s.convergence === "converged"}
      data-step={s.step}
      {...checkAttributes}
    />
  );
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
