import type { TruncatedRecord } from "../store/run-view";
import { keyName } from "../store/run-view";
import { CELL_WIDTH, GHOST_ROW_HEIGHT, LABEL_WIDTH } from "./lane-geometry";
import styles from "./Lanes.module.css";

/** Records truncated from one replica, struck out at the offsets they used to hold. */
export function GhostRow({
  y,
  start,
  cells,
  ghosts,
  broker,
  onInspect,
  onJump,
}: {
  y: number;
  start: number;
  cells: number;
  ghosts: TruncatedRecord[];
  broker: string;
  onInspect: (eventId: number) => void;
  /** Scrolls the lanes to show this offset. */
  onJump: (offset: number) => void;
}) {
  const visible = ghosts.filter((g) => g.offset >= start && g.offset < start + cells);
  const outside = ghosts.filter((g) => g.offset < start || g.offset >= start + cells);
  const lo = Math.min(...outside.map((g) => g.offset));
  const hi = Math.max(...outside.map((g) => g.offset));
  return (
    <g data-testid={`truncated-${broker}`} data-count={ghosts.length}>
      <text x={36} y={y + 9} className={styles.ghostLabel}>
        truncated
      </text>
      {visible.length === 0 && outside.length > 0 ? (
        <text
          x={LABEL_WIDTH + 4}
          y={y + 9.5}
          className={styles.ghostJump}
          onClick={() => onJump(lo)}
          data-testid={`truncated-jump-${broker}`}
        >
          {`${outside.length} record${outside.length === 1 ? "" : "s"} struck out at offset${lo === hi ? ` ${lo}` : `s ${lo}–${hi}`}: show ◂`}
        </text>
      ) : null}
      {visible.map((g) => {
        const x = LABEL_WIDTH + (g.offset - start) * CELL_WIDTH;
        const eventId = g.rec?.[0];
        return (
          <g
            key={`${g.offset}-${g.atMs}-${eventId ?? "?"}`}
            className={eventId !== undefined ? styles.ghostCell : undefined}
            onClick={eventId !== undefined ? () => onInspect(eventId) : undefined}
          >
            <rect
              x={x + 1}
              y={y + 1}
              width={CELL_WIDTH - 2}
              height={GHOST_ROW_HEIGHT - 2}
              rx={2}
              className={styles.ghost}
            />
            <line
              x1={x + 1}
              x2={x + CELL_WIDTH - 1}
              y1={y + GHOST_ROW_HEIGHT / 2}
              y2={y + GHOST_ROW_HEIGHT / 2}
              className={styles.strike}
            />
            <title>
              {g.rec
                ? `struck out: offset ${g.offset} · event #${g.rec[0]} · ${keyName(g.rec[1])} · epoch ${g.rec[3]}`
                : `struck out: offset ${g.offset}`}
            </title>
          </g>
        );
      })}
    </g>
  );
}
