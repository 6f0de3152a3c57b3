"use client";

import { useMemo, useState } from "react";
import type { RunInfo } from "../../server/protocol";
import type { RunListItem } from "../api/stored-runs";
import type { RunFilters } from "./run-filters";
import { RunRow } from "./RunRow";
import { DeleteRunDialog } from "./DeleteRunDialog";
import styles from "./Runs.module.css";

/** One page of stored runs as a table; deleting asks first. */
export function RunTable({
  runs,
  live,
  fetching,
  onFilter,
}: {
  runs: RunListItem[];
  /** The server's live runs: their virtual time is newer than what was last stored. */
  live: RunInfo[];
  fetching: boolean;
  onFilter: (filters: RunFilters) => void;
}) {
  const [deleting, setDeleting] = useState<RunListItem | null>(null);
  const liveNow = useMemo(() => new Map(live.map((r) => [r.runId, r.nowMs])), [live]);
  return (
    <div className={styles.tableWrap} aria-busy={fetching}>
      <table className={styles.table} data-testid="run-table">
        <thead>
          <tr>
            <th>Run</th>
            <th>Scenario</th>
            <th className={styles.numCol}>Seed</th>
            <th>Status</th>
            <th>Created</th>
            <th className={styles.numCol} title="Virtual time the run reached">
              Duration
            </th>
            <th>Checks</th>
            <th className={styles.actionsCol}>
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((run) => (
            <RunRow
              key={run.id}
              run={run}
              reachedMs={liveNow.get(run.id) ?? run.virtualMs}
              onDelete={setDeleting}
              onFilter={onFilter}
            />
          ))}
        </tbody>
      </table>
      {deleting ? <DeleteRunDialog run={deleting} onClose={() => setDeleting(null)} /> : null}
    </div>
  );
}
