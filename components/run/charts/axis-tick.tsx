/**
 * An axis tick label as a plain SVG <text>, given to Recharts' axes as their `tick`.
 * Recharts' own tick is its Text component, which measures every new label's words in
 * the DOM (a hidden span and getBoundingClientRect: a forced layout) to be able to wrap
 * them; time and value labels change at every redraw, so each redraw of a chart measured
 * again. Our labels are one short word and never wrap.
 */
export interface AxisTickProps {
  x?: number | string;
  y?: number | string;
  textAnchor?: "start" | "middle" | "end" | "inherit";
  verticalAnchor?: "start" | "middle" | "end";
  fill?: string;
  fontSize?: number | string;
  className?: string;
  payload?: { value?: unknown };
  index?: number;
  // Recharts' own TickFormatter type takes `any`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  tickFormatter?: (value: any, index: number) => string;
}

/** The first line's shift that Recharts' Text gives for each vertical anchor. */
const DY = { start: "0.71em", middle: "0.355em", end: "0" } as const;

export function renderAxisTick(props: AxisTickProps) {
  const { x, y, textAnchor, verticalAnchor = "start", fill, fontSize, className } = props;
  const value = props.payload?.value;
  const label = props.tickFormatter ? props.tickFormatter(value, props.index ?? 0) : String(value);
  return (
    <text
      x={x}
      y={y}
      dy={DY[verticalAnchor]}
      textAnchor={textAnchor}
      fill={fill}
      fontSize={fontSize}
      className={className}
    >
      {label}
    </text>
  );
}
