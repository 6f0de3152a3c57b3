import type { NodeView } from "../store/run-view";
import type { FaultDraft } from "./build-fault";
import type { TargetShape } from "./fault-kinds";
import styles from "./Faults.module.css";

/** Where the fault aims: one node, one directed link, or the nodes on one side of a split. */
export function FaultTarget({
  draft,
  set,
  nodes,
  shape,
}: {
  draft: FaultDraft;
  set: (patch: Partial<FaultDraft>) => void;
  nodes: NodeView[];
  shape: TargetShape;
}) {
  const options = (shape === "consumer" ? nodes.filter((n) => n.role === "consumer") : nodes).map(
    (n) => (
      <option key={n.id} value={n.id}>
        {n.id} ({n.role})
      </option>
    ),
  );
  if (shape === "sides") {
    return (
      <div className={styles.sides} data-testid="fault-sides">
        <span className={styles.sideCaption}>Side A (everyone else is side B):</span>
        <div className={styles.sideNodes}>
          {nodes.map((n) => (
            <label key={n.id} className={styles.check}>
              <input
                type="checkbox"
                checked={draft.sideA.includes(n.id)}
                onChange={(e) =>
                  set({
                    sideA: e.target.checked
                      ? [...draft.sideA, n.id]
                      : draft.sideA.filter((x) => x !== n.id),
                  })
                }
                data-testid={`side-a-${n.id}`}
              />
              {n.id}
            </label>
          ))}
        </div>
      </div>
    );
  }
  const nodeSelect = (
    <select
      value={draft.target}
      onChange={(e) => set({ target: e.target.value })}
      data-testid="fault-target"
      aria-label="Target node"
    >
      <option value="" disabled>
        choose a node
      </option>
      {options}
    </select>
  );
  if (shape !== "nodeOrLink")
    return (
      <div className={styles.row}>
        <label className={styles.field}>
          <span>Target</span>
          {nodeSelect}
        </label>
      </div>
    );
  return (
    <div className={styles.row}>
      <div className={styles.segmented} role="radiogroup" aria-label="Aim at">
        {(["node", "link"] as const).map((aim) => (
          <button
            key={aim}
            type="button"
            role="radio"
            aria-checked={draft.aim === aim}
            className={draft.aim === aim ? styles.segOn : styles.seg}
            onClick={() => set({ aim })}
            data-testid={`fault-aim-${aim}`}
          >
            {aim === "node" ? "every link of a node" : "one link"}
          </button>
        ))}
      </div>
      {draft.aim === "node" ? (
        nodeSelect
      ) : (
        <span className={styles.link}>
          <select
            value={draft.linkFrom}
            onChange={(e) => set({ linkFrom: e.target.value })}
            data-testid="fault-link-from"
            aria-label="From"
          >
            <option value="" disabled>
              from
            </option>
            {options}
          </select>
          <span aria-hidden>→</span>
          <select
            value={draft.linkTo}
            onChange={(e) => set({ linkTo: e.target.value })}
            data-testid="fault-link-to"
            aria-label="To"
          >
            <option value="" disabled>
              to
            </option>
            {options}
          </select>
        </span>
      )}
    </div>
  );
}
