import { CELL_WIDTH, GROUP_COLOURS, LABEL_WIDTH } from "./lane-geometry";
import styles from "./Lanes.module.css";

/** Up to this many groups get a row each; more share one row of markers. */
const ROW_PER_GROUP_UP_TO = 3;

export function groupRows(groups: number): number {
  return groups <= ROW_PER_GROUP_UP_TO ? groups : 1;
}

/** Each group's committed offset on this partition, as a flag under the lanes, with its lag. */
export function CommittedMarkers({
  y,
  rowHeight,
  groups,
  committed,
  hw,
  start,
  cells,
}: {
  y: number;
  rowHeight: number;
  groups: string[];
  committed: number[];
  hw: number;
  start: number;
  cells: number;
}) {
  if (groups.length > ROW_PER_GROUP_UP_TO)
    return (
      <SharedRow y={y} groups={groups} committed={committed} hw={hw} start={start} cells={cells} />
    );
  return (
    <g>
      {groups.map((g, i) => {
        const offset = committed[i] ?? 0;
        const rowY = y + i * rowHeight;
        const colour = GROUP_COLOURS[i % GROUP_COLOURS.length]!;
        const clamped = Math.min(Math.max(offset, start), start + cells);
        const x = LABEL_WIDTH + (clamped - start) * CELL_WIDTH;
        const offscreen = offset < start;
        const flip = x + 96 > LABEL_WIDTH + cells * CELL_WIDTH;
        return (
          <g key={g} data-testid={`committed-${g}`} data-offset={offset}>
            <text x={8} y={rowY + 12} className={styles.groupName} fill={colour}>
              {g}
            </text>
            <text x={LABEL_WIDTH - 10} y={rowY + 12} textAnchor="end" className={styles.lag}>
              {hw - offset > 0 ? `lag ${hw - offset}` : ""}
            </text>
            <line
              x1={LABEL_WIDTH}
              x2={x}
              y1={rowY + 8}
              y2={rowY + 8}
              className={styles.groupTrack}
            />
            <path
              d={
                offscreen
                  ? `M${x} ${rowY + 8} l6 -5 v10 z`
                  : `M${x} ${rowY + 2} l5 6 l-5 6 l-5 -6 z`
              }
              fill={colour}
            />
            <text
              x={flip ? x - 8 : x + 8}
              y={rowY + 12}
              textAnchor={flip ? "end" : "start"}
              className={styles.groupOffset}
            >
              {offscreen ? `committed ${offset} ◂` : `committed ${offset}`}
            </text>
          </g>
        );
      })}
    </g>
  );
}

/** Many groups: one row, a diamond per group at its committed offset, the largest lag on the left. */
function SharedRow({
  y,
  groups,
  committed,
  hw,
  start,
  cells,
}: {
  y: number;
  groups: string[];
  committed: number[];
  hw: number;
  start: number;
  cells: number;
}) {
  const lag = Math.max(0, ...groups.map((_, i) => hw - (committed[i] ?? 0)));
  return (
    <g data-testid="committed-groups">
      <text x={8} y={y + 12} className={styles.groupName} fill="var(--text-2)">
        {groups.length} groups
      </text>
      <text x={LABEL_WIDTH - 10} y={y + 12} textAnchor="end" className={styles.lag}>
        {lag > 0 ? `max lag ${lag}` : ""}
      </text>
      <line
        x1={LABEL_WIDTH}
        x2={LABEL_WIDTH + cells * CELL_WIDTH}
        y1={y + 8}
        y2={y + 8}
        className={styles.groupTrack}
      />
      {groups.map((g, i) => {
        const offset = committed[i] ?? 0;
        const clamped = Math.min(Math.max(offset, start), start + cells);
        const x = LABEL_WIDTH + (clamped - start) * CELL_WIDTH;
        return (
          <path
            key={g}
            d={`M${x} ${y + 2} l5 6 l-5 6 l-5 -6 z`}
            fill={GROUP_COLOURS[i % GROUP_COLOURS.length]}
            opacity={0.85}
          >
            <title>{`${g}: committed ${offset}${hw - offset > 0 ? `, lag ${hw - offset}` : ""}`}</title>
          </path>
        );
      })}
    </g>
  );
}
