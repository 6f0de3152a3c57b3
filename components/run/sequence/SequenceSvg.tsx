import type { MessageView } from "../store/run-view";
import { formatClock } from "../../ui/format";
import { FAMILY_COLOUR, familyOf } from "./message-kinds";
import styles from "./Sequence.module.css";

const HEIGHT = 340;
const TOP = 26;
const BOTTOM = 10;
const SIDE = 34;

/** The drawing itself: lifelines, arrows, drop crosses and duplicate marks. */
export function SequenceSvg({
  messages,
  columns,
  width,
  fromMs,
  toMs,
}: {
  messages: MessageView[];
  columns: string[];
  width: number;
  fromMs: number;
  toMs: number;
}) {
  const span = Math.max(1, toMs - fromMs);
  const x = new Map(
    columns.map((id, i) => [
      id,
      columns.length === 1 ? width / 2 : SIDE + (i * (width - 2 * SIDE)) / (columns.length - 1),
    ]),
  );
  // Arrows sit at a fixed y per virtual time inside a translated group: as time moves
  // on, only the group moves, and existing arrows keep their attributes.
  const k = (HEIGHT - TOP - BOTTOM) / span;
  const yOf = (t: number) => Math.min(t, toMs) * k;
  const seen = new Map<string, number>();
  const keyOf = (m: MessageView) => {
    const base = `${m.atMs}|${m.src}|${m.dst}|${m.type}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    return `${base}|${n}`;
  };
  return (
    <svg width={width} height={HEIGHT} className={styles.svg} data-testid="sequence-svg">
      <defs>
        <marker
          id="seq-arrow"
          viewBox="0 0 8 8"
          refX="7"
          refY="4"
          markerWidth="7"
          markerHeight="7"
          orient="auto-start-reverse"
        >
          <path d="M0 0 L8 4 L0 8 z" fill="context-stroke" />
        </marker>
      </defs>
      {columns.map((id) => (
        <g key={id}>
          <text x={x.get(id)} y={14} textAnchor="middle" className={styles.nodeLabel}>
            {id}
          </text>
          <line
            x1={x.get(id)}
            x2={x.get(id)}
            y1={TOP - 4}
            y2={HEIGHT - BOTTOM}
            className={styles.lifeline}
          />
        </g>
      ))}
      <g transform={`translate(0 ${TOP - fromMs * k})`}>
        {messages.map((m) => {
          const key = keyOf(m);
          const x1 = x.get(m.src);
          const x2 = x.get(m.dst);
          if (x1 === undefined || x2 === undefined) return null;
          const y1 = yOf(m.atMs);
          const colour = FAMILY_COLOUR[familyOf(m.type)];
          const label = `${m.type} ${m.src}→${m.dst} at ${formatClock(m.atMs)}`;
          if (m.arrivals.length === 0) {
            const mx = x1 + (x2 - x1) * 0.5;
            const my = y1 + 10;
            return (
              <g key={key} data-kind="dropped">
                <line
                  x1={x1}
                  y1={y1}
                  x2={mx}
                  y2={my}
                  stroke="#c0362c"
                  strokeWidth={1.4}
                  strokeDasharray="3 2"
                />
                <text x={mx} y={my + 4} textAnchor="middle" className={styles.drop}>
                  ✕
                </text>
                <title>{`${label}: dropped`}</title>
              </g>
            );
          }
          return (
            <g key={key} data-kind={m.arrivals.length > 1 ? "duplicated" : "delivered"}>
              {m.arrivals.map((at, c) => {
                const inFlight = at > toMs;
                const y2 = yOf(at);
                return (
                  <line
                    key={c}
                    x1={x1}
                    y1={y1}
                    x2={
                      inFlight ? x1 + (x2 - x1) * ((toMs - m.atMs) / Math.max(1, at - m.atMs)) : x2
                    }
                    y2={y2}
                    stroke={c === 1 ? "#a35f00" : colour}
                    strokeWidth={c === 1 ? 1.6 : 1.1}
                    strokeDasharray={inFlight ? "2 2" : c === 1 ? "5 2" : undefined}
                    markerEnd={inFlight ? undefined : "url(#seq-arrow)"}
                    opacity={0.9}
                  />
                );
              })}
              {m.arrivals.length > 1 ? (
                <text
                  x={x2 + (x2 >= x1 ? -14 : 4)}
                  y={yOf(m.arrivals[1]!) - 3}
                  className={styles.dup}
                >
                  ×2
                </text>
              ) : null}
              <title>{`${label}, arrived ${m.arrivals.map((a) => formatClock(a)).join(" and ")}`}</title>
            </g>
          );
        })}
      </g>
    </svg>
  );
}
