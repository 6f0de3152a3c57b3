"use client";

import { memo, useMemo, useState } from "react";
import { hitTest, type LaneHit } from "./lane-hover";
import type { NodeView, PartitionLogView, PartitionView } from "../store/run-view";
import { Pill } from "../../ui/Pill";
import { ReplicaRow } from "./ReplicaRow";
import { GhostRow } from "./GhostRow";
import { CommittedMarkers, groupRows } from "./CommittedMarkers";
import { CELL_WIDTH, GHOST_ROW_HEIGHT, LABEL_WIDTH, ROW_HEIGHT, axisTicks } from "./lane-geometry";
import { LaneCanvas } from "./LaneCanvas";
import type { LanePicture } from "./lane-paint";
import styles from "./Lanes.module.css";

const AXIS_HEIGHT = 16;
const GROUP_ROW_HEIGHT = 18;

/** One partition: its header, a lane per replica, the groups' committed offsets and an offset axis. */
export const PartitionBlock = memo(function PartitionBlock({
  part,
  log,
  nodes,
  groups,
  start,
  cells,
  width,
  onInspect,
  onJump,
}: {
  part: PartitionView;
  log: PartitionLogView;
  nodes: NodeView[];
  groups: string[];
  start: number;
  cells: number;
  width: number;
  onInspect: (eventId: number) => void;
  onJump: (partition: number, offset: number) => void;
}) {
  const [hover, setHover] = useState<LaneHit | null>(null);
  const isUp = (id: string) => nodes.find((n) => n.id === id)?.up ?? true;
  let y = 4;
  const rows = part.replicas.map((rep, r) => {
    const ghosts = log.truncated[r] ?? [];
    const rowY = y;
    y += ROW_HEIGHT;
    const ghostY = ghosts.length > 0 ? y : -1;
    if (ghosts.length > 0) y += GHOST_ROW_HEIGHT;
    return { rep, r, rowY, ghostY, ghosts, up: isUp(rep.broker) };
  });
  const groupY = y + 2;
  y += groups.length > 0 ? GROUP_ROW_HEIGHT * groupRows(groups.length) + 2 : 0;
  const axisY = y + 2;
  const height = axisY + AXIS_HEIGHT;
  const ticks = axisTicks(start, cells);
  const under = part.isr.length < part.replicas.length;
  const rowYs = rows.map((row) => row.rowY);
  const upKey = rows.map((row) => (row.up ? 1 : 0)).join("");
  // The canvas redraws when its picture changes, so the picture keeps its identity while a
  // hover or a pinned window elsewhere re-renders the block.
  const picture = useMemo<LanePicture>(
    () => ({
      rows: part.replicas.map((replica, r) => ({
        r,
        replica,
        y: rowYs[r]!,
        up: upKey[r] === "1",
      })),
      log,
      leaderLeo: part.leo,
      start,
      cells,
    }),
    // rowYs follows from part.replicas and log.truncated, both listed.
    [part.replicas, part.leo, log, start, cells, upKey],
  );
  const locate = (e: React.MouseEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return hitTest(e.clientX - box.left, e.clientY - box.top, part, log, rowYs, start, cells);
  };

  return (
    <div
      className={styles.block}
      data-testid={`partition-${part.partition}`}
      data-start={start}
      data-cells={cells}
    >
      <div className={styles.blockHead}>
        <span className={styles.partName}>Partition {part.partition}</span>
        <span className={styles.fact}>
          leader <b>{part.leader ?? "none"}</b>
        </span>
        <span className={styles.fact}>
          epoch <b className="num">{part.epoch}</b>
        </span>
        <span className={styles.fact}>
          HW{" "}
          <b className="num" data-testid={`hw-p${part.partition}`}>
            {part.hw}
          </b>
        </span>
        <span className={styles.fact}>
          LEO <b className="num">{part.leo}</b>
        </span>
        <span className={styles.fact}>
          ISR <b>{part.isr.join(", ") || "empty"}</b>
        </span>
        {part.leader === null ? (
          <Pill tone="bad">offline</Pill>
        ) : under ? (
          <Pill tone="warn">under-replicated</Pill>
        ) : null}
      </div>
      <div className={styles.blockBody}>
        <svg
          width={width}
          height={height}
          className={`${styles.svg} ${hover?.rec ? styles.pointer : ""}`}
          onMouseMove={(e) => setHover(locate(e))}
          onMouseLeave={() => setHover(null)}
          onClick={(e) => {
            const hit = locate(e);
            if (hit?.rec) onInspect(hit.rec[0]);
          }}
        >
          {rows.map(({ rep, rowY, ghostY, ghosts, up }) => (
            <g key={rep.broker}>
              <ReplicaRow
                partition={part.partition}
                broker={rep.broker}
                y={rowY}
                leo={rep.leo}
                hw={rep.hw}
                lag={Math.max(0, part.leo - rep.leo)}
                role={
                  part.leader === rep.broker
                    ? "leader"
                    : part.acting.includes(rep.broker)
                      ? "zombie"
                      : "follower"
                }
                inIsr={part.isr.includes(rep.broker)}
                up={up}
              />
              {ghostY >= 0 ? (
                <GhostRow
                  y={ghostY}
                  start={start}
                  cells={cells}
                  ghosts={ghosts}
                  broker={rep.broker}
                  onInspect={onInspect}
                  onJump={(offset) => onJump(part.partition, offset)}
                />
              ) : null}
            </g>
          ))}
          <CommittedMarkers
            y={groupY}
            rowHeight={GROUP_ROW_HEIGHT}
            groups={groups}
            committed={part.committed}
            hw={part.hw}
            start={start}
            cells={cells}
          />
          <g className={styles.axis}>
            {ticks.map((o) => (
              <text
                // By slot, not offset: at max speed every label changes at every update,
                // and updating a text is cheaper than replacing the element.
                key={(o / 10) % ticks.length}
                x={LABEL_WIDTH + (o - start) * CELL_WIDTH}
                y={axisY + 11}
                textAnchor="middle"
              >
                {o}
              </text>
            ))}
            <text x={8} y={axisY + 11} className={styles.axisLabel}>
              offset
            </text>
          </g>
        </svg>
        {/* Over the SVG, not under it: Chromium gives a canvas its own compositing layer,
            and an SVG painted above one would need a layer of its own as well. */}
        <LaneCanvas picture={picture} width={width} height={height} />
        {hover ? (
          <div
            className={styles.hover}
            style={{
              left: hover.x + 0.5,
              top: hover.y + 1.5,
              width: CELL_WIDTH - 1,
              height: ROW_HEIGHT - 3,
            }}
          />
        ) : null}
        {hover ? (
          <div
            className={styles.tooltip}
            style={{ left: hover.x + CELL_WIDTH / 2, top: hover.y }}
            role="tooltip"
          >
            {hover.text}
          </div>
        ) : null}
      </div>
    </div>
  );
});
