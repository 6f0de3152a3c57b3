/**
 * The run list's filters as plain data, and their two encodings: the page's address
 * (so a filtered list can be linked and survives a reload) and the query string of
 * `GET /api/runs`. Pure, so both directions are unit-tested.
 */

export const LIST_STATUSES = ["running", "paused", "ended", "interrupted", "failed"] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];

export const PAGE_SIZE = 20;

export interface RunFilters {
  scenario: string;
  status: ListStatus | "";
  /** Kept as typed; only a whole number 0 or more is sent. */
  seed: string;
  text: string;
  /** Forks of this run only. */
  parent: string;
  /** 0-based page. */
  page: number;
}

export const noFilters: RunFilters = {
  scenario: "",
  status: "",
  seed: "",
  text: "",
  parent: "",
  page: 0,
};

type Params = { get(name: string): string | null };

function isStatus(s: string): s is ListStatus {
  return (LIST_STATUSES as readonly string[]).includes(s);
}

/** A seed as typed, or null when it is not a whole number from 0 to 2^31-1. */
export function parseSeed(seed: string): number | null {
  const trimmed = seed.trim();
  if (!/^\d{1,10}$/.test(trimmed)) return null;
  const n = Number(trimmed);
  return n <= 2 ** 31 - 1 ? n : null;
}

export function filtersFromParams(params: Params): RunFilters {
  const status = params.get("status") ?? "";
  const page = Number(params.get("page") ?? "1");
  return {
    scenario: params.get("scenario") ?? "",
    status: isStatus(status) ? status : "",
    seed: params.get("seed") ?? "",
    text: params.get("q") ?? "",
    parent: params.get("parent") ?? "",
    page: Number.isInteger(page) && page >= 1 ? page - 1 : 0,
  };
}

/** The page's address for these filters: only what is set, pages counted from 1. */
export function filtersToParams(filters: RunFilters): URLSearchParams {
  const out = new URLSearchParams();
  if (filters.scenario) out.set("scenario", filters.scenario);
  if (filters.status) out.set("status", filters.status);
  if (filters.seed.trim()) out.set("seed", filters.seed.trim());
  if (filters.text.trim()) out.set("q", filters.text.trim());
  if (filters.parent) out.set("parent", filters.parent);
  if (filters.page > 0) out.set("page", String(filters.page + 1));
  return out;
}

/** The query string of GET /api/runs for these filters (a seed that is not a number is left out). */
export function listQueryString(filters: RunFilters, pageSize = PAGE_SIZE): string {
  const out = new URLSearchParams();
  if (filters.scenario) out.set("scenario", filters.scenario);
  if (filters.status) out.set("status", filters.status);
  const seed = parseSeed(filters.seed);
  if (seed !== null) out.set("seed", String(seed));
  if (filters.text.trim()) out.set("text", filters.text.trim());
  if (filters.parent) out.set("parent", filters.parent);
  out.set("limit", String(pageSize));
  out.set("offset", String(filters.page * pageSize));
  return out.toString();
}

/** True when any filter narrows the list (the page then offers "Clear filters"). */
export function isFiltered(filters: RunFilters): boolean {
  return Boolean(
    filters.scenario ||
    filters.status ||
    filters.seed.trim() ||
    filters.text.trim() ||
    filters.parent,
  );
}

/** "21–40 of 57", or "No runs" for an empty page. */
export function pageLabel(offset: number, shown: number, total: number): string {
  if (total === 0 || shown === 0) return "No runs";
  return `${offset + 1}–${offset + shown} of ${total}`;
}

export function pageCount(total: number, pageSize = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / pageSize));
}
