import type { NodeView } from "../store/run-view";

export interface Placed {
  node: NodeView;
  x: number;
  y: number;
  /** Brokers are boxes (w x h, centred on x, y); services are circles of radius w/2. */
  w: number;
  h: number;
}

export interface TopologyLayout {
  width: number;
  height: number;
  placed: Placed[];
  byId: Map<string, Placed>;
  /** Large clusters: labels for rows of services, and no ordinary links (too many to read). */
  compact: boolean;
  captions: { x: number; y: number; text: string }[];
}

/** Above this many nodes, the compact layout: services in rows, brokers in a grid. */
export const COMPACT_ABOVE = 16;

const SERVICE_R = 17;
const MAX_PARTITION_ROWS = 6;

export function brokerBoxHeight(partitionsHosted: number): number {
  return 30 + 15 * Math.min(partitionsHosted, MAX_PARTITION_ROWS) + 6;
}

/**
 * Places the nodes: the controller on top, brokers in a row across the middle,
 * producers down the left, consumer group members down the right, the reconciler
 * at the bottom. Pure, so it only recomputes when the node list changes.
 */
export function layoutTopology(
  nodes: readonly NodeView[],
  hostedBy: (broker: string) => number,
  width: number,
  groupOf: (member: string) => string = () => "",
): TopologyLayout {
  if (nodes.length > COMPACT_ABOVE) return compactLayout(nodes, hostedBy, width, groupOf);
  const WIDTH = Math.max(420, width);
  const brokers = nodes.filter((n) => n.role === "broker");
  const producers = nodes.filter((n) => n.role === "producer");
  const consumers = nodes.filter((n) => n.role === "consumer");
  const controller = nodes.find((n) => n.role === "controller");
  const reconciler = nodes.find((n) => n.role === "reconciler");

  const brokerH = Math.max(...brokers.map((b) => brokerBoxHeight(hostedBy(b.id))), 60);
  const sideCount = Math.max(producers.length, consumers.length, 1);
  const sideGap = sideCount > 12 ? 26 : 46;
  const height = Math.max(110 + brokerH + (reconciler ? 70 : 30), 60 + sideCount * sideGap);
  const brokerY = Math.max(96 + brokerH / 2, height / 2);
  const placed: Placed[] = [];

  if (controller) placed.push({ node: controller, x: WIDTH / 2, y: 30, w: 2 * SERVICE_R, h: 0 });

  const left = 74;
  const right = WIDTH - 74;
  const slot = brokers.length > 0 ? (right - left) / brokers.length : 0;
  const boxW = Math.min(120, slot - 10);
  brokers.forEach((b, i) =>
    placed.push({ node: b, x: left + slot * (i + 0.5), y: brokerY, w: boxW, h: brokerH }),
  );

  const column = (list: NodeView[], x: number) => {
    const r = list.length > 12 ? 10 : SERVICE_R;
    const span = (list.length - 1) * sideGap;
    const top = height / 2 - span / 2 + 12;
    list.forEach((n, i) => placed.push({ node: n, x, y: top + i * sideGap, w: 2 * r, h: 0 }));
  };
  column(producers, 40);
  column(consumers, WIDTH - 40);

  if (reconciler)
    placed.push({ node: reconciler, x: WIDTH / 2, y: height - 26, w: 2 * SERVICE_R, h: 0 });

  return {
    width: WIDTH,
    height,
    placed,
    byId: new Map(placed.map((p) => [p.node.id, p])),
    compact: false,
    captions: [],
  };
}

const DOT_R = 7;
const DOT_STEP = 19;
const ROW_LABEL_W = 78;

/**
 * Large clusters: producers in a row on top (after the controller), brokers in a grid,
 * one row of small dots per consumer group underneath. Names show on hover.
 */
function compactLayout(
  nodes: readonly NodeView[],
  hostedBy: (broker: string) => number,
  width: number,
  groupOf: (member: string) => string,
): TopologyLayout {
  const W = Math.max(420, width);
  const placed: Placed[] = [];
  const captions: TopologyLayout["captions"] = [];
  const perRow = Math.max(1, Math.floor((W - ROW_LABEL_W - 12) / DOT_STEP));
  let y = 18;
  const dotRows = (list: NodeView[], label: string) => {
    if (list.length === 0) return;
    captions.push({ x: 4, y: y + 4, text: label });
    list.forEach((n, i) => {
      const row = Math.floor(i / perRow);
      placed.push({
        node: n,
        x: ROW_LABEL_W + (i % perRow) * DOT_STEP + DOT_R,
        y: y + row * DOT_STEP,
        w: 2 * DOT_R,
        h: 0,
      });
    });
    y += Math.ceil(list.length / perRow) * DOT_STEP + 8;
  };
  dotRows(
    nodes.filter((n) => n.role === "controller" || n.role === "reconciler"),
    "control",
  );
  dotRows(
    nodes.filter((n) => n.role === "producer"),
    "producers",
  );
  const brokers = nodes.filter((n) => n.role === "broker");
  const cols = Math.max(1, Math.floor((W - 8) / 112));
  const boxW = Math.min(120, (W - 8) / cols - 8);
  const boxH = Math.max(60, ...brokers.map((b) => brokerBoxHeight(hostedBy(b.id))));
  y += 4;
  brokers.forEach((b, i) => {
    const col = i % cols;
    const row = Math.floor(i / cols);
    placed.push({
      node: b,
      x: 4 + col * (boxW + 8) + boxW / 2,
      y: y + row * (boxH + 8) + boxH / 2,
      w: boxW,
      h: boxH,
    });
  });
  y += Math.ceil(brokers.length / cols) * (boxH + 8) + 14;
  const byGroup = new Map<string, NodeView[]>();
  for (const n of nodes.filter((x) => x.role === "consumer")) {
    const g = groupOf(n.id);
    byGroup.set(g, [...(byGroup.get(g) ?? []), n]);
  }
  for (const [g, members] of byGroup) dotRows(members, g || "consumers");
  return {
    width: W,
    height: y,
    placed,
    byId: new Map(placed.map((p) => [p.node.id, p])),
    compact: true,
    captions,
  };
}

/** The point where a line towards (tx, ty) leaves the node's outline. */
export function edgePoint(p: Placed, tx: number, ty: number): { x: number; y: number } {
  const dx = tx - p.x;
  const dy = ty - p.y;
  const len = Math.hypot(dx, dy) || 1;
  if (p.h === 0) return { x: p.x + (dx / len) * (p.w / 2), y: p.y + (dy / len) * (p.w / 2) };
  const sx = Math.abs(dx) > 0 ? p.w / 2 / Math.abs(dx) : Infinity;
  const sy = Math.abs(dy) > 0 ? p.h / 2 / Math.abs(dy) : Infinity;
  const s = Math.min(sx, sy);
  return { x: p.x + dx * s, y: p.y + dy * s };
}
