/**
 * Charts redraw one at a time. A chart's redraw is a React transition (rendered in
 * slices), but its commit and the passive effects that follow are not sliced, and in
 * those effects Recharts dispatches to its store, which re-renders the chart
 * synchronously. When several charts' transitions were pending together (charts all due
 * at once as their panel came into view) React rendered them as one transition, and that
 * commit with its effects was one task of 100–200 ms. Here a chart takes a turn, redraws,
 * and ends its turn once its commit's effects have run (see useThrottledRun); the next
 * chart starts after a short gap, so each redraw is a task of its own with a frame between.
 */
type Turn = () => void;

/** Between two charts' redraws: time for the browser to produce a frame. */
const GAP_MS = 20;
/** A turn that never ends (a render that was thrown away) is taken back after this. */
const MAX_TURN_MS = 1000;

const waiting: Turn[] = [];
let holder: Turn | null = null;
let safety: ReturnType<typeof setTimeout> | null = null;
let gap: ReturnType<typeof setTimeout> | null = null;

/** Asks for a turn: `turn` is called when it comes, and must end with endTurn(turn). */
export function requestTurn(turn: Turn): void {
  if (holder === turn || waiting.includes(turn)) return;
  waiting.push(turn);
  pump();
}

/** Ends `turn`'s turn (nothing if it does not hold it), or drops it from the queue. */
export function endTurn(turn: Turn): void {
  const i = waiting.indexOf(turn);
  if (i >= 0) waiting.splice(i, 1);
  if (holder !== turn) return;
  holder = null;
  if (safety !== null) clearTimeout(safety);
  safety = null;
  gap ??= setTimeout(() => {
    gap = null;
    pump();
  }, GAP_MS);
}

function pump(): void {
  if (holder !== null || gap !== null) return;
  const next = waiting.shift();
  if (!next) return;
  holder = next;
  safety = setTimeout(() => endTurn(next), MAX_TURN_MS);
  next();
}
