import { memo } from "react";
import type { PartitionLogView, ReplicaView } from "../store/run-view";
import { recordAt } from "../store/apply-parts";
import { CELL_WIDTH, LABEL_WIDTH, ROW_HEIGHT, epochFill, epochStroke } from "./lane-geometry";
import styles from "./Lanes.module.css";

interface Props {
  partition: number;
  r: number;
  replica: ReplicaView;
  y: number;
  start: number;
  cells: number;
  log: PartitionLogView;
  role: "leader" | "zombie" | "follower";
  inIsr: boolean;
  up: boolean;
  /** The authoritative LEO: offsets between this replica's LEO and it are what it lacks. */
  leaderLeo: number;
}

/** A cell's look; cells that look the same are drawn as one path. */
interface CellStyle {
  fill?: string;
  stroke?: string;
  strokeWidth?: number;
  className?: string;
}

/** The outline of one cell at `x`: a rounded rectangle (rx 2) inset by a pixel. */
function cellPath(x: number, y: number): string {
  const w = CELL_WIDTH - 2 - 4;
  const h = ROW_HEIGHT - 4 - 4;
  return `M${x + 3} ${y + 2}h${w}a2 2 0 0 1 2 2v${h}a2 2 0 0 1-2 2h${-w}a2 2 0 0 1-2-2v${-h}a2 2 0 0 1 2-2z`;
}

/**
 * One replica's log across the window: committed records solid, the tail above its HW
 * hatched (written, not yet on every in-sync replica), what it lacks of the leader's
 * log as empty slots, and a divergent suffix outlined in red. HW and LEO are marked.
 * Cells sit at a fixed x per offset inside a translated group, so that when the window
 * slides only the group moves. Cells that look the same are one <path> (a few per row
 * instead of one <rect> per cell): at max speed the whole window changes at every frame,
 * and the browser's style, layout and paint work grows with the number of elements.
 */
export const ReplicaRow = memo(function ReplicaRow(p: Props) {
  const { replica, start, cells, y, log, r } = p;
  const own = log.own[r];
  const paths = new Map<string, { style: CellStyle; d: string[] }>();
  const add = (key: string, style: CellStyle, x: number) => {
    const group = paths.get(key);
    if (group) group.d.push(cellPath(x, y));
    else paths.set(key, { style, d: [cellPath(x, y)] });
  };
  const end = start + cells;
  for (let offset = start; offset < end; offset++) {
    const x = offset * CELL_WIDTH;
    if (offset < replica.leo) {
      const rec = recordAt(log, r, offset);
      const committed = offset < replica.hw;
      const divergent = own !== undefined && offset >= own.from;
      // A record the browser has not received yet is drawn plain until it arrives.
      const fill = !committed ? "url(#lane-hatch)" : rec ? epochFill(rec[3]) : "#e3e7ec";
      const stroke = divergent
        ? "#c0362c"
        : !committed
          ? "#8ea2c9"
          : rec
            ? epochStroke(rec[3])
            : "#b7c0cc";
      const strokeWidth = divergent ? 1.6 : 0.8;
      add(`${fill}|${stroke}|${strokeWidth}`, { fill, stroke, strokeWidth }, x);
    } else if (offset < p.leaderLeo) {
      add("missing", { className: styles.missing }, x);
    }
  }
  const inWindow = (offset: number) => offset >= start && offset <= end;
  const lag = Math.max(0, p.leaderLeo - replica.leo);
  return (
    <g
      data-testid={`lane-p${p.partition}-${replica.broker}`}
      data-leo={replica.leo}
      data-hw={replica.hw}
      data-lag={lag}
      className={p.up ? undefined : styles.downRow}
    >
      <text x={8} y={y + 15} className={styles.replicaName}>
        {replica.broker}
      </text>
      <text
        x={36}
        y={y + 15}
        className={
          p.role === "leader"
            ? styles.roleLeader
            : p.role === "zombie"
              ? styles.roleZombie
              : styles.role
        }
      >
        {!p.up
          ? "down"
          : p.role === "leader"
            ? "leader ★"
            : p.role === "zombie"
              ? "zombie leader"
              : p.inIsr
                ? "follower"
                : "out of ISR"}
      </text>
      <text x={LABEL_WIDTH - 10} y={y + 15} textAnchor="end" className={styles.lag}>
        {p.role === "follower" && lag > 0 ? `−${lag}` : ""}
      </text>
      <g transform={`translate(${LABEL_WIDTH - start * CELL_WIDTH} 0)`}>
        {[...paths].map(([key, { style, d }]) => (
          <path key={key} d={d.join("")} {...style} />
        ))}
        {inWindow(replica.hw) ? (
          <line
            x1={replica.hw * CELL_WIDTH}
            x2={replica.hw * CELL_WIDTH}
            y1={y - 1}
            y2={y + ROW_HEIGHT + 1}
            className={styles.hwMarker}
          />
        ) : null}
        {inWindow(replica.leo) ? (
          <line
            x1={replica.leo * CELL_WIDTH}
            x2={replica.leo * CELL_WIDTH}
            y1={y + 1}
            y2={y + ROW_HEIGHT - 1}
            className={styles.leoMarker}
          />
        ) : null}
      </g>
    </g>
  );
});
