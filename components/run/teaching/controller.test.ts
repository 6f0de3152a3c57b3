import { beforeAll, describe, expect, it } from "vitest";
import type { NarrationStep, OperatorCommandInput } from "../../../server/protocol";
import type { ReadableStore } from "../store/gated-store";
import type { RunActions } from "../store/run-actions";
import { emptyRunView, type RunMeta, type RunView } from "../store/run-view";
import { TeachingController } from "./controller";

/**
 * Next moves the clock to the next step's time and sends that step's own commands, once;
 * scripted faults are the simulation's and are never sent. A fake server stands in: its
 * `advance` moves the page's clock at once.
 */
beforeAll(() => {
  const storage = new Map<string, string>();
  const g = globalThis as unknown as { window: unknown };
  g.window = {
    setTimeout,
    clearTimeout,
    localStorage: {
      getItem: (k: string) => storage.get(k) ?? null,
      setItem: (k: string, v: string) => void storage.set(k, v),
    },
  };
});

const kill: NarrationStep["commands"][number] = {
  type: "injectFault",
  fault: { kind: "crash", target: "b1", mode: "kill" },
};
const steps: NarrationStep[] = [
  { atMs: 0, title: "a", text: "a", lookAt: [], commands: [] },
  { atMs: 5000, title: "b", text: "b", lookAt: [], commands: [kill] },
  { atMs: 8000, title: "c", text: "c", lookAt: [], commands: [] },
];

function fakeRun() {
  let view: RunView = {
    ...emptyRunView,
    status: "running",
    meta: { durationMs: 10_000, scenario: { narration: steps } } as unknown as RunMeta,
  };
  const listeners = new Set<() => void>();
  const store: ReadableStore<RunView> = {
    getSnapshot: () => view,
    latest: () => view,
    subscribe: (l) => (listeners.add(l), () => listeners.delete(l)),
    update: (change) => {
      view = change(view);
      for (const l of listeners) l();
    },
  };
  const sent: OperatorCommandInput[] = [];
  const actions = {
    role: "operator",
    advance: async (ms: number) => {
      const atMs = Math.min(10_000, view.nowMs + ms);
      store.update((v) => ({ ...v, nowMs: atMs }));
      return { ok: true as const, atMs };
    },
    command: async (c: OperatorCommandInput) => {
      sent.push(c);
      return { ok: true as const };
    },
  } as unknown as RunActions;
  return { store, actions, sent };
}

describe("TeachingController", () => {
  it("Next jumps to each step's time and fires a step's commands once, on arrival", async () => {
    const { store, actions, sent } = fakeRun();
    const c = new TeachingController("run-a", actions, store);
    await c.next("jump");
    expect(store.getSnapshot().nowMs).toBe(5000);
    expect(sent).toEqual([kill]);
    await c.next("jump");
    expect(store.getSnapshot().nowMs).toBe(8000);
    await c.next("jump");
    expect(store.getSnapshot().nowMs).toBe(10_000);
    expect(sent).toEqual([kill]);
    expect(c.getStatus()).toEqual({ goingTo: null, error: null });
  });

  it("a reloaded page (a new controller) does not fire a step again", async () => {
    const first = fakeRun();
    await new TeachingController("run-b", first.actions, first.store).next("jump");
    expect(first.sent).toHaveLength(1);
    // The same run seen by a fresh page standing at the step's time: Next moves on.
    const again = new TeachingController("run-b", first.actions, first.store);
    await again.next("jump");
    expect(first.sent).toHaveLength(1);
    expect(first.store.getSnapshot().nowMs).toBe(8000);
  });
});
