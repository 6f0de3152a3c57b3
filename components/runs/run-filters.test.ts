import { describe, expect, it } from "vitest";
import {
  filtersFromParams,
  filtersToParams,
  isFiltered,
  listQueryString,
  noFilters,
  pageCount,
  pageLabel,
  parseSeed,
} from "./run-filters";

describe("run list filters", () => {
  it("round-trip through the page address", () => {
    const filters = {
      scenario: "acks-failover",
      status: "ended" as const,
      seed: "7",
      text: "leader 100%",
      parent: "Avp8SGcpmcvB",
      page: 2,
    };
    const params = filtersToParams(filters);
    expect(params.toString()).toBe(
      "scenario=acks-failover&status=ended&seed=7&q=leader+100%25&parent=Avp8SGcpmcvB&page=3",
    );
    expect(filtersFromParams(params)).toEqual(filters);
  });

  it("leave an unfiltered first page with an empty address", () => {
    expect(filtersToParams(noFilters).toString()).toBe("");
    expect(filtersFromParams(new URLSearchParams())).toEqual(noFilters);
    expect(isFiltered(noFilters)).toBe(false);
    expect(isFiltered({ ...noFilters, text: "  " })).toBe(false);
    expect(isFiltered({ ...noFilters, status: "paused" })).toBe(true);
  });

  it("ignore an unknown status and a page that is not a positive whole number", () => {
    const f = filtersFromParams(new URLSearchParams("status=exploded&page=-3"));
    expect(f.status).toBe("");
    expect(f.page).toBe(0);
    expect(filtersFromParams(new URLSearchParams("page=2.5")).page).toBe(0);
  });

  it("ask the server for one page, sending a seed only when it is a number", () => {
    expect(listQueryString({ ...noFilters, seed: "42", page: 1 }, 20)).toBe(
      "seed=42&limit=20&offset=20",
    );
    expect(listQueryString({ ...noFilters, seed: "4x2" }, 20)).toBe("limit=20&offset=0");
    expect(listQueryString({ ...noFilters, text: " zombie ", status: "failed" }, 10)).toBe(
      "status=failed&text=zombie&limit=10&offset=0",
    );
  });

  it("read seeds as the server stores them", () => {
    expect(parseSeed("0")).toBe(0);
    expect(parseSeed(" 2147483647 ")).toBe(2147483647);
    expect(parseSeed("2147483648")).toBeNull();
    expect(parseSeed("-1")).toBeNull();
    expect(parseSeed("")).toBeNull();
  });

  it("label pages", () => {
    expect(pageLabel(20, 20, 57)).toBe("21–40 of 57");
    expect(pageLabel(0, 0, 0)).toBe("No runs");
    expect(pageCount(57, 20)).toBe(3);
    expect(pageCount(0, 20)).toBe(1);
  });
});
