"use client";

import { useCallback, useMemo, useState } from "react";
import { useRunSelector } from "../store/run-context";
import { useRunUi } from "../store/run-ui";
import { Panel } from "../../ui/Panel";
import { Button } from "../../ui/Button";
import { PartitionBlock } from "./PartitionBlock";
import { LaneLegend } from "./LaneLegend";
import { CELL_WIDTH, LABEL_WIDTH, cellCountFor, followStart } from "./lane-geometry";
import { useElementWidth } from "./useElementWidth";
import { useFillRecords } from "./useFillRecords";
import { isRacing } from "./lanes-pace";
import styles from "./Lanes.module.css";

const MAX_PARTITIONS_SHOWN = 6;

/**
 * A lane per replica per partition over a window of offsets. The window follows the
 * tail of the log; "older" pins it further back and fetches the records it needs, so
 * a log of any length costs the browser only the window it shows.
 */
export function PartitionLanes() {
  const partitions = useRunSelector((v) => v.partitions);
  const logs = useRunSelector((v) => v.logs);
  const nodes = useRunSelector((v) => v.nodes);
  const groups = useRunSelector((v) => v.meta?.topology.groups);
  const racing = useRunSelector(isRacing);
  const { inspectEvent } = useRunUi();
  const [ref, width] = useElementWidth<HTMLDivElement>(760);
  // Per partition, the first offset shown; null follows each partition's tail.
  const [pinned, setPinned] = useState<number[] | null>(null);
  const [showAll, setShowAll] = useState(false);
  const cells = cellCountFor(width);
  // Stable between renders with the same inputs, so that PartitionBlock's memo holds when
  // only something else changed (a paused run, the pinned window of another partition).
  const groupIds = useMemo(() => (groups ?? []).map((g) => g.id), [groups]);
  const followStarts = useMemo(
    () => partitions.map((p, i) => followStart(p, logs[i], cells)),
    [partitions, logs, cells],
  );
  const starts = pinned ?? followStarts;
  const onJump = useCallback(
    (p: number, offset: number) =>
      setPinned(starts.map((s, i) => (i === p ? Math.max(0, offset - 4) : s))),
    [starts],
  );
  const shown = showAll ? partitions : partitions.slice(0, MAX_PARTITIONS_SHOWN);
  // Following the tail at max speed, the window outruns any answer (see useFillRecords).
  useFillRecords(partitions, logs, starts, cells, shown.length, pinned !== null || !racing);
  const page = Math.max(10, Math.floor(cells * 0.75));
  const svgWidth = LABEL_WIDTH + cells * CELL_WIDTH + 8;
  const atStart = starts.every((s) => s === 0);

  return (
    <Panel
      title="Replica logs"
      subtitle={
        pinned === null
          ? `The newest ${cells} offsets of each partition · click a record to see its history`
          : `Scrolled back · click a record to see its history`
      }
      testId="lanes"
      actions={
        <div className={styles.windowControls}>
          <Button
            size="sm"
            onClick={() => setPinned(starts.map((s) => Math.max(0, s - page)))}
            disabled={atStart}
            data-testid="lanes-older"
          >
            ◀ Older
          </Button>
          <Button
            size="sm"
            onClick={() => {
              const next = starts.map((s) => s + page);
              setPinned(next.every((s, i) => s >= followStarts[i]!) ? null : next);
            }}
            disabled={pinned === null}
          >
            Newer ▶
          </Button>
          <Button
            size="sm"
            variant={pinned === null ? "ghost" : "primary"}
            onClick={() => setPinned(null)}
            disabled={pinned === null}
            data-testid="lanes-follow"
          >
            Follow tail
          </Button>
        </div>
      }
    >
      <div ref={ref} className={styles.lanes}>
        {shown.map((part) => (
          <PartitionBlock
            key={part.partition}
            part={part}
            log={logs[part.partition]!}
            nodes={nodes}
            groups={groupIds}
            start={Math.min(starts[part.partition] ?? 0, followStarts[part.partition] ?? 0)}
            cells={cells}
            width={svgWidth}
            onInspect={inspectEvent}
            onJump={onJump}
          />
        ))}
        {partitions.length > MAX_PARTITIONS_SHOWN ? (
          <Button size="sm" variant="ghost" onClick={() => setShowAll((x) => !x)}>
            {showAll ? "Show fewer partitions" : `Show all ${partitions.length} partitions`}
          </Button>
        ) : null}
        <LaneLegend />
      </div>
    </Panel>
  );
}
