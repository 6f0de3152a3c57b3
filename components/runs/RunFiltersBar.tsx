"use client";

import { useEffect, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { scenariosQuery } from "../api/queries";
import { Button } from "../ui/Button";
import { isFiltered, LIST_STATUSES, noFilters, parseSeed, type RunFilters } from "./run-filters";
import { statusView } from "./run-status";
import styles from "./Runs.module.css";

const TYPING_PAUSE_MS = 250;

/** Search and filters above the run list; any change goes back to the first page. */
export function RunFiltersBar({
  filters,
  onChange,
}: {
  filters: RunFilters;
  onChange: (next: RunFilters) => void;
}) {
  const scenarios = useQuery(scenariosQuery());
  const typed = { text: filters.text, seed: filters.seed };
  const [draft, setDraft] = useState(typed);
  const [committed, setCommitted] = useState(typed);
  const [shown, setShown] = useState(typed);
  // The address changed. If it is not what this bar committed, it came from elsewhere
  // (back/forward, "Clear filters") and replaces what is typed.
  if (shown.text !== typed.text || shown.seed !== typed.seed) {
    setShown(typed);
    if (committed.text !== typed.text || committed.seed !== typed.seed) {
      setCommitted(typed);
      setDraft(typed);
    }
  }
  useEffect(() => {
    if (draft.text === committed.text && draft.seed === committed.seed) return;
    const timer = window.setTimeout(() => {
      setCommitted(draft);
      onChange({ ...filters, ...draft, page: 0 });
    }, TYPING_PAUSE_MS);
    return () => window.clearTimeout(timer);
  }, [draft, committed, filters, onChange]);
  const { text, seed } = draft;
  const setText = (value: string) => setDraft((d) => ({ ...d, text: value }));
  const setSeed = (value: string) => setDraft((d) => ({ ...d, seed: value }));
  const set = (patch: Partial<RunFilters>) => onChange({ ...filters, ...patch, page: 0 });
  const badSeed = seed.trim() !== "" && parseSeed(seed) === null;
  return (
    <form className={styles.filters} role="search" onSubmit={(e) => e.preventDefault()}>
      <label className={styles.field}>
        <span>Search</span>
        <input
          type="search"
          value={text}
          placeholder="title or scenario"
          onChange={(e) => setText(e.target.value)}
          data-testid="filter-text"
        />
      </label>
      <label className={styles.field}>
        <span>Scenario</span>
        <select
          value={filters.scenario}
          onChange={(e) => set({ scenario: e.target.value })}
          data-testid="filter-scenario"
        >
          <option value="">all scenarios</option>
          {(scenarios.data ?? []).map((s) => (
            <option key={s.name} value={s.name} title={s.title}>
              {s.name}
            </option>
          ))}
          {filters.scenario && !scenarios.data?.some((s) => s.name === filters.scenario) ? (
            <option value={filters.scenario}>{filters.scenario}</option>
          ) : null}
        </select>
      </label>
      <label className={styles.field}>
        <span>Status</span>
        <select
          value={filters.status}
          onChange={(e) => set({ status: e.target.value as RunFilters["status"] })}
          data-testid="filter-status"
        >
          <option value="">any status</option>
          {LIST_STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusView(s).label}
            </option>
          ))}
        </select>
      </label>
      <label className={`${styles.field} ${styles.seedField}`}>
        <span>Seed</span>
        <input
          inputMode="numeric"
          value={seed}
          onChange={(e) => setSeed(e.target.value)}
          aria-invalid={badSeed}
          title={badSeed ? "A seed is a whole number from 0 to 2147483647" : undefined}
          data-testid="filter-seed"
        />
      </label>
      {filters.parent ? (
        <span className={styles.parentChip} data-testid="filter-parent">
          forks of <span className="mono">{filters.parent}</span>
          <button type="button" aria-label="Show all runs" onClick={() => set({ parent: "" })}>
            ✕
          </button>
        </span>
      ) : null}
      {isFiltered(filters) ? (
        <Button variant="ghost" size="sm" onClick={() => onChange(noFilters)}>
          Clear filters
        </Button>
      ) : null}
    </form>
  );
}
