"use client";

import { useCallback, useMemo } from "react";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useQuery } from "@tanstack/react-query";
import { StoredRunError, storedRunsQuery } from "../api/stored-runs";
import {
  filtersFromParams,
  filtersToParams,
  isFiltered,
  noFilters,
  type RunFilters,
} from "./run-filters";
import { RunFiltersBar } from "./RunFiltersBar";
import { RunTable } from "./RunTable";
import { Pagination } from "./Pagination";
import { ImportRun } from "./ImportRun";
import { StoreUnavailable } from "./StoreUnavailable";
import styles from "./Runs.module.css";

/** Every stored run, newest first: filters in the address, one page at a time. */
export function RunList() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const filters = useMemo(() => filtersFromParams(params), [params]);
  // Live runs move on: refreshed every few seconds while the list is open.
  const runs = useQuery({ ...storedRunsQuery(filters), refetchInterval: 5000 });
  const setFilters = useCallback(
    (next: RunFilters) => {
      const query = filtersToParams(next).toString();
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [router, pathname],
  );
  const error = runs.error;
  return (
    <main className={styles.page} data-testid="run-list-page">
      <div className={styles.intro}>
        <div>
          <h1 className={styles.title}>Runs</h1>
          <p className={styles.lead}>
            Every run this server stored: its scenario, seed and operator commands, so any of them
            replays exactly. Open a live one, read a report, fork from a point in time, or import a
            run file someone exported.
          </p>
        </div>
        <ImportRun />
      </div>
      <RunFiltersBar filters={filters} onChange={setFilters} />
      {error instanceof StoredRunError && error.unavailable ? (
        <StoreUnavailable detail={error.message} />
      ) : error ? (
        <p className={styles.errorLine} role="alert">
          Could not load the runs: {error.message}
        </p>
      ) : runs.isPending ? (
        <div className={styles.placeholder} aria-busy />
      ) : runs.data.items.length === 0 ? (
        <EmptyList filtered={isFiltered(filters)} onClear={() => setFilters(noFilters)} />
      ) : (
        <>
          <RunTable
            runs={runs.data.items}
            live={runs.data.runs}
            fetching={runs.isFetching}
            onFilter={setFilters}
          />
          <Pagination page={runs.data} onPage={(page) => setFilters({ ...filters, page })} />
        </>
      )}
    </main>
  );
}

function EmptyList({ filtered, onClear }: { filtered: boolean; onClear: () => void }) {
  return (
    <div className={styles.empty} data-testid="run-list-empty">
      {filtered ? (
        <>
          <p>No stored run matches these filters.</p>
          <button type="button" className={styles.linkButton} onClick={onClear}>
            Clear filters
          </button>
        </>
      ) : (
        <p>
          No runs yet. Start one from the <Link href="/">scenario library</Link>: it is stored as it
          runs.
        </p>
      )}
    </div>
  );
}
