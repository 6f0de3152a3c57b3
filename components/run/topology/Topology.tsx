"use client";

import { useMemo } from "react";
import { useRunSelector } from "../store/run-context";
import { sameJson } from "../store/equal";
import { useRunUi } from "../store/run-ui";
import { Panel } from "../../ui/Panel";
import { layoutTopology, edgePoint, type TopologyLayout } from "./layout";
import { faultedLinks, isolatedNodes, type LinkState } from "./link-faults";
import { activeEdges } from "./edges";
import { BrokerNode } from "./BrokerNode";
import { ServiceNode } from "./ServiceNode";
import { TopologyLegend } from "./TopologyLegend";
import { useElementWidth } from "../lanes/useElementWidth";
import styles from "./Topology.module.css";

/**
 * The cluster as a picture: brokers with the partitions they host and lead, the
 * controller, producers and group members, and the links between them; crashed,
 * paused and cut-off nodes and faulty links are drawn so they stand out.
 */
export function Topology() {
  const nodes = useRunSelector((v) => v.nodes);
  // Only what the picture shows: leaders, ISRs and owners, not the offsets that move every frame.
  const partitions = useRunSelector(
    (v) =>
      v.partitions.map((p) => ({
        partition: p.partition,
        leader: p.leader,
        isr: p.isr,
        acting: p.acting,
      })),
    sameJson,
  );
  const owners = useRunSelector(
    (v) => v.groups.map((g) => ({ members: g.members, owners: g.owners })),
    sameJson,
  );
  const assignment = useRunSelector((v) => v.meta?.assignment);
  const faults = useRunSelector((v) => v.activeFaults);
  const { selectedNode, selectNode } = useRunUi();
  const [ref, width] = useElementWidth<HTMLDivElement>(560);

  const groupSpecs = useRunSelector((v) => v.meta?.topology.groups);
  const nodeShape = nodes.map((n) => `${n.id}:${n.role}`).join(",");
  const layout: TopologyLayout = useMemo(() => {
    const groupOfMember = new Map<string, string>();
    for (const g of groupSpecs ?? [])
      for (const m of g.members) groupOfMember.set(nodes[m]?.id ?? "", g.id);
    return layoutTopology(
      nodes,
      (b) => (assignment ?? []).filter((r) => r.includes(b)).length,
      width,
      (member) => groupOfMember.get(member) ?? "",
    );
  }, [nodeShape, assignment, width, groupSpecs]);
  const byId = useMemo(() => new Map(nodes.map((n) => [n.id, n])), [nodes]);
  const faultList = useMemo(() => faults.map((f) => f.fault), [faults]);
  const linkStates = useMemo(
    () =>
      faultedLinks(
        faultList,
        nodes.map((n) => n.id),
      ),
    [faultList, nodeShape],
  );
  const isolated = useMemo(
    () => isolatedNodes(faultList, layout.compact),
    [faultList, layout.compact],
  );
  const edges = useMemo(() => {
    // A large cluster shows only the faulted links, and only while they are few.
    if (layout.compact)
      return linkStates.size > 40
        ? []
        : [...linkStates.keys()]
            .map((k) => k.split(">") as [string, string])
            .filter(([a, b]) => a < b || !linkStates.has(`${b}>${a}`));
    const base = activeEdges(nodes, partitions, owners, assignment ?? []);
    const seen = new Set(base.map(([a, b]) => `${a}|${b}`));
    for (const key of linkStates.keys()) {
      const [a, b] = key.split(">") as [string, string];
      const k = a < b ? `${a}|${b}` : `${b}|${a}`;
      // A faulted link is drawn even if nobody uses it now, unless it is one of n² from a node fault.
      if (!seen.has(k) && nodes.length <= 12) {
        seen.add(k);
        base.push(a < b ? [a, b] : [b, a]);
      }
    }
    return base;
  }, [nodes, partitions, owners, assignment, linkStates, layout.compact]);

  const edgeState = (a: string, b: string): LinkState | null => {
    const s1 = linkStates.get(`${a}>${b}`);
    const s2 = linkStates.get(`${b}>${a}`);
    if (s1 === "cut" || s2 === "cut") return "cut";
    return s1 ?? s2 ?? null;
  };

  return (
    <Panel
      title="Topology"
      subtitle="Brokers with the partitions they host; click a node to aim a fault at it"
      testId="topology"
    >
      <div ref={ref}>
        <svg
          width={layout.width}
          height={layout.height}
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          className={styles.svg}
          role="img"
          aria-label="Cluster topology"
        >
          {layout.captions.map((c) => (
            <text key={`${c.text}-${c.y}`} x={c.x} y={c.y} className={styles.caption}>
              {c.text}
            </text>
          ))}
          <g>
            {edges.map(([a, b]) => {
              const pa = layout.byId.get(a);
              const pb = layout.byId.get(b);
              if (!pa || !pb) return null;
              const s = edgeState(a, b);
              const from = edgePoint(pa, pb.x, pb.y);
              const to = edgePoint(pb, pa.x, pa.y);
              const down = !byId.get(a)?.up || !byId.get(b)?.up;
              return (
                <line
                  key={`${a}|${b}`}
                  x1={from.x}
                  y1={from.y}
                  x2={to.x}
                  y2={to.y}
                  className={`${styles.link} ${s ? styles[s] : ""} ${down ? styles.linkDown : ""}`}
                  data-testid={s ? `link-${s}` : undefined}
                />
              );
            })}
          </g>
          {layout.placed.map((p) => {
            const node = byId.get(p.node.id) ?? p.node;
            const placed = { ...p, node };
            const select = () => selectNode(selectedNode === node.id ? null : node.id);
            if (node.role === "broker") {
              return (
                <BrokerNode
                  key={node.id}
                  p={placed}
                  hosted={partitions.filter((part) =>
                    (assignment?.[part.partition] ?? []).includes(node.id),
                  )}
                  isolated={isolated.has(node.id)}
                  selected={selectedNode === node.id}
                  onSelect={select}
                />
              );
            }
            const side =
              node.role === "producer"
                ? "below"
                : node.role === "consumer"
                  ? "below"
                  : node.role === "controller"
                    ? "right"
                    : "right";
            return (
              <ServiceNode
                key={node.id}
                p={placed}
                isolated={isolated.has(node.id)}
                selected={selectedNode === node.id}
                labelSide={layout.compact ? "none" : side}
                onSelect={select}
              />
            );
          })}
        </svg>
      </div>
      <TopologyLegend />
    </Panel>
  );
}
