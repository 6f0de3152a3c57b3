"use client";

import { useEffect, useState } from "react";
import type { FaultKind } from "../../../server/protocol";
import { useRunActions, useRunSelector } from "../store/run-context";
import { useRunUi } from "../store/run-ui";
import { Button } from "../../ui/Button";
import { FAULT_KINDS } from "./fault-kinds";
import { buildFault, type FaultDraft } from "./build-fault";
import { FaultParams } from "./FaultParams";
import { FaultTarget } from "./FaultTarget";
import styles from "./Faults.module.css";

const INITIAL: FaultDraft = {
  kind: "crash",
  target: "",
  aim: "node",
  linkFrom: "",
  linkTo: "",
  mode: "kill",
  ratePercent: "30",
  extraMs: "500",
  jitterMs: "0",
  skewMs: "5000",
  sideA: [],
};

/** Choose a fault kind, aim it at a node, a link or a split, and inject it now. */
export function FaultForm({ disabled }: { disabled: boolean }) {
  const actions = useRunActions();
  const nodes = useRunSelector((v) => v.nodes);
  const { selectedNode } = useRunUi();
  const [draft, setDraft] = useState<FaultDraft>(INITIAL);
  const [duration, setDuration] = useState("");
  const [message, setMessage] = useState<{ tone: "ok" | "bad"; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const ids = nodes.map((n) => n.id);
  const spec = FAULT_KINDS.find((k) => k.kind === draft.kind)!;

  // A node picked on the topology becomes the target.
  useEffect(() => {
    if (selectedNode) setDraft((d) => ({ ...d, target: selectedNode, linkFrom: selectedNode }));
  }, [selectedNode]);

  const set = (patch: Partial<FaultDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const setKind = (kind: FaultKind) => {
    setMessage(null);
    set({ kind, aim: "node" });
  };

  const inject = async () => {
    setMessage(null);
    const built = buildFault(draft, ids);
    if (!built.ok) return setMessage({ tone: "bad", text: built.message });
    const durationMs = duration.trim() === "" ? undefined : Number(duration) * 1000;
    if (durationMs !== undefined && !(durationMs > 0))
      return setMessage({ tone: "bad", text: "The duration is a number of seconds above 0." });
    setBusy(true);
    const result = await actions.command({
      type: "injectFault",
      fault: built.fault,
      ...(durationMs !== undefined ? { durationMs } : {}),
    });
    setBusy(false);
    setMessage(
      result.ok
        ? { tone: "ok", text: `Injected${result.faultId ? ` as ${result.faultId}` : ""}.` }
        : { tone: "bad", text: result.message },
    );
  };

  return (
    <form
      className={styles.form}
      onSubmit={(e) => {
        e.preventDefault();
        void inject();
      }}
    >
      <fieldset className={styles.fieldset} disabled={disabled}>
        <div className={styles.kinds} role="radiogroup" aria-label="Fault kind">
          {FAULT_KINDS.map((k) => (
            <button
              key={k.kind}
              type="button"
              role="radio"
              aria-checked={draft.kind === k.kind}
              className={`${styles.kind} ${draft.kind === k.kind ? styles.kindOn : ""}`}
              onClick={() => setKind(k.kind)}
              data-testid={`fault-kind-${k.kind}`}
            >
              {k.label}
            </button>
          ))}
        </div>
        <p className={styles.explains}>{spec.explains}</p>
        <FaultTarget draft={draft} set={set} nodes={nodes} shape={spec.target} />
        <FaultParams draft={draft} set={set} />
        <div className={styles.row}>
          <label className={styles.field}>
            <span>Ends after</span>
            <input
              className={styles.short}
              inputMode="decimal"
              placeholder="never"
              value={duration}
              onChange={(e) => setDuration(e.target.value)}
              data-testid="fault-duration"
            />
            <span className={styles.unit}>s (virtual); empty = until you end it</span>
          </label>
          <div className={styles.grow} />
          <Button
            variant="danger"
            type="submit"
            disabled={disabled || busy}
            data-testid="inject-fault"
          >
            Inject fault
          </Button>
        </div>
        {/* Always in the page, empty until there is something to say: a live region
            announces what changes in it, and a paragraph coming and going rebuilt the whole
            fieldset's layout (every kind button and field) at each injection. */}
        <p
          className={`${styles.message} ${message?.tone === "bad" ? styles.badText : styles.okText}`}
          role="status"
          aria-live={message?.tone === "bad" ? "assertive" : "polite"}
          data-testid="fault-message"
        >
          {message?.text ?? ""}
        </p>
      </fieldset>
    </form>
  );
}
