"use client";

import { useRunSelector } from "../store/run-context";
import { Pill } from "../../ui/Pill";
import { formatCount, formatDuration } from "../../ui/format";
import { GROUP_COLOURS } from "../lanes/lane-geometry";
import { GroupMembers } from "./GroupMembers";
import { ProjectionTable } from "./ProjectionTable";
import { GroupControls } from "./GroupControls";
import styles from "./Groups.module.css";

/** One consumer group. */
export function GroupCard({ index }: { index: number }) {
  const g = useRunSelector((v) => v.groups[index]!);
  const lagRecords = useRunSelector((v) =>
    v.partitions.reduce((n, p) => n + Math.max(0, p.hw - (p.committed[index] ?? 0)), 0),
  );
  const lagMs = useRunSelector((v) => v.samples[v.samples.length - 1]?.glMs[index] ?? 0);
  const counters: [string, number, "bad" | "warn" | null][] = [
    ["deliveries", g.deliveries, null],
    ["redeliveries", g.redeliveries, g.redeliveries > 0 ? "warn" : null],
    ["applied", g.applied, null],
    ["duplicate effects", g.duplicateEffects, g.duplicateEffects > 0 ? "bad" : null],
    ["skipped duplicates", g.skippedDuplicates, null],
    ["replays", g.replays, null],
  ];
  return (
    <article className={styles.card} data-testid={`group-${g.id}`}>
      <header className={styles.head}>
        <span
          className={styles.swatch}
          style={{ background: GROUP_COLOURS[index % GROUP_COLOURS.length] }}
        />
        <h3 className={styles.name}>{g.id}</h3>
        <Pill tone="accent">commit: {g.commitPolicy}</Pill>
        {g.idempotent ? <Pill tone="ok">idempotent</Pill> : <Pill>not idempotent</Pill>}
        {g.handlerBug ? <Pill tone="bad">handler bug</Pill> : null}
        <span className={styles.gen}>
          generation <b className="num">{g.generation}</b> · {g.rebalances} rebalance
          {g.rebalances === 1 ? "" : "s"}
        </span>
      </header>
      <div className={styles.lagLine} data-testid={`group-lag-${g.id}`} data-lag={lagRecords}>
        <span>
          lag <b className="num">{formatCount(lagRecords)}</b> records
        </span>
        <span>
          oldest unconsumed <b className="num">{formatDuration(lagMs)}</b>
        </span>
      </div>
      <dl className={styles.counters}>
        {counters.map(([label, value, tone]) => (
          <div key={label} className={tone ? styles[tone] : undefined}>
            <dt>{label}</dt>
            <dd className="num">{formatCount(value)}</dd>
          </div>
        ))}
      </dl>
      <div className={styles.columns}>
        <GroupMembers index={index} />
        <ProjectionTable index={index} />
      </div>
      <GroupControls group={g} />
    </article>
  );
}
