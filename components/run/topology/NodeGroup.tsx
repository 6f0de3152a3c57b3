import type { ReactNode } from "react";
import type { Placed } from "./layout";
import styles from "./Topology.module.css";

export type NodeState = "up" | "paused" | "down";

/** A node's state as the topology draws it: a crash outranks a pause. */
export function nodeState(node: Placed["node"]): NodeState {
  return !node.up ? "down" : node.paused ? "paused" : "up";
}

/**
 * The clickable group every topology node is drawn in: its state classes, selection, and the
 * keyboard and screen-reader handling (Enter or Space selects, as a button would).
 */
export function NodeGroup({
  p,
  kind,
  isolated,
  selected,
  onSelect,
  children,
}: {
  p: Placed;
  /** Read out after the node's name: "broker", or a service's role. */
  kind: string;
  isolated: boolean;
  selected: boolean;
  onSelect: () => void;
  children: ReactNode;
}) {
  const state = nodeState(p.node);
  return (
    <g
      className={`${styles.node} ${styles[state]} ${isolated ? styles.isolated : ""} ${selected ? styles.selected : ""}`}
      onClick={onSelect}
      data-testid={`topology-node-${p.node.id}`}
      data-state={state}
      role="button"
      tabIndex={0}
      onKeyDown={(e) => {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          onSelect();
        }
      }}
      aria-label={`${p.node.id}, ${kind}, ${state}`}
    >
      {children}
    </g>
  );
}
