import { memo } from "react";
import type { PartitionLogView, ReplicaView } from "../store/run-view";
import { recordAt } from "../store/apply-parts";
import { CELL_WIDTH, LABEL_WIDTH, ROW_HEIGHT, epochFill, epochStroke } from "./lane-geometry";
import { CellGroup, type CellStyle } from "./cell-path";
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

const MISSING = -1;

/**
 * A cell's look: committed records solid in their leader epoch's colour (plain while the
 * browser has not received the record, `epoch` -1), the tail above the HW hatched, a
 * divergent suffix outlined in red.
 */
function cellStyle(committed: boolean, divergent: boolean, epoch: number): CellStyle {
  const known = epoch >= 0;
  return {
    fill: !committed ? "url(#lane-hatch)" : known ? epochFill(epoch) : "#e3e7ec",
    stroke: divergent ? "#c0362c" : !committed ? "#8ea2c9" : known ? epochStroke(epoch) : "#b7c0cc",
    strokeWidth: divergent ? 1.6 : 0.8,
  };
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
  // Cells by look. The key is a number (no string built per cell): the record's leader
  // epoch when it is committed and known, else -1, with two bits for committed and
  // divergent; MISSING for the offsets this replica lacks.
  const paths = new Map<number, CellGroup>();
  const add = (
    key: number,
    offset: number,
    committed: boolean,
    divergent: boolean,
    epoch: number,
  ) => {
    let group = paths.get(key);
    if (!group) {
      const style =
        key === MISSING ? { className: styles.missing } : cellStyle(committed, divergent, epoch);
      paths.set(key, (group = new CellGroup(style, offset, y)));
    }
    group.add(offset);
  };
  const end = start + cells;
  for (let offset = start; offset < end; offset++) {
    if (offset < replica.leo) {
      const rec = recordAt(log, r, offset);
      const committed = offset < replica.hw;
      const divergent = own !== undefined && offset >= own.from;
      const epoch = committed && rec ? rec[3] : -1;
      const key = (epoch + 1) * 4 + (committed ? 2 : 0) + (divergent ? 1 : 0);
      add(key, offset, committed, divergent, epoch);
    } else if (offset < p.leaderLeo) {
      add(MISSING, offset, false, false, -1);
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
        {[...paths].map(([key, group]) => (
          <path key={key} d={group.path()} {...group.style} />
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
