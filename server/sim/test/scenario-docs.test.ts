import { readFileSync } from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  brokerSchema,
  expectationSchema,
  groupSchema,
  linkSchema,
  narrationStepSchema,
  producerSchema,
  reconciliationSchema,
  scenarioSchema,
  timedCommandSchema,
  topicSchema,
  variantSchema,
} from "../scenario";
import { faultSchema, faultTimingSchema } from "../faults";
import { operatorCommandSchema } from "../commands";
import {
  cellNames,
  codeIdentifiers,
  codeSpans,
  docSections,
  docTables,
  nearestScope,
  schemaFields,
  sectionText,
  type DocTable,
  type Schema,
} from "./doc-coverage";

/**
 * docs/scenarios.md documents every field of the scenario format, in the section about the
 * object that holds it, and no field the format does not have; where it states a default,
 * it is the schema's.
 */

const doc = readFileSync(path.join(__dirname, "../../../docs/scenarios.md"), "utf8");
const sections = docSections(doc);

const SCRIPT = "Script: timed operator commands";
/** The heading under which docs/scenarios.md describes each object of the format. */
const scopes = new Map<Schema, string>([
  [scenarioSchema, "Top-level fields"],
  [brokerSchema, "`brokers`"],
  [topicSchema, "`topic`"],
  [linkSchema, "`network`"],
  [producerSchema, "`producers[]`"],
  [groupSchema, "`groups[]`"],
  [reconciliationSchema, "`reconciliation`"],
  [faultTimingSchema, "Faults"],
  [faultSchema, "Faults"],
  [timedCommandSchema, SCRIPT],
  [operatorCommandSchema, SCRIPT],
  [narrationStepSchema, "Narration"],
  [expectationSchema, "Expectations"],
  [variantSchema, "Variants"],
]);

const fields = schemaFields(scenarioSchema).map((f) => ({
  ...f,
  section: nearestScope(f, scopes) ?? "(none)",
}));
type Field = (typeof fields)[number];

const headings = [...new Set(scopes.values())];
const tablesOf = (heading: string) => docTables(sectionText(sections, heading));
const tag = (value: string) => `\`${value}\``;

/** The row of a `kind` or `type` table that describes one variant of a union. */
function variantRow(tables: DocTable[], discriminator: string, value: string) {
  return tables
    .filter((t) => t.header[0] === tag(discriminator))
    .flatMap((t) => t.rows)
    .find((r) => r[0] === tag(value));
}

describe("docs/scenarios.md", () => {
  it("walks every object of the format, each to a section of the page", () => {
    const paths = fields.map((f) => f.path);
    for (const p of [
      "brokers.replicaFetchTimeoutMs",
      "producers[].deliveryTimeoutMs",
      "groups[].maxPollIntervalMs",
      "reconciliation.graceMs",
      "faults[].untilMs",
      "faults[]<kind=delay>.extraMs",
      "faults[]<kind=drop>.link.from",
      "script[].command<type=injectFault>.fault<kind=crash>.mode",
      "narration[].commands[]<type=setProducer>.stopped",
      "expect.checks.lostAckedWrites",
      "expect.checks.*.max",
      "variants[].expect.metrics.*.min",
    ])
      expect(paths, p).toContain(p);
    expect(fields.filter((f) => f.section === "(none)").map((f) => f.path)).toEqual([]);
    for (const heading of headings) expect(() => sectionText(sections, heading)).not.toThrow();
  });

  it("mentions every field of the format in the section about its object", () => {
    const missing: string[] = [];
    for (const f of fields) {
      const where = `${f.path} (under "${f.section}")`;
      if (f.variant) {
        // A variant's own fields are in its row of the section's `kind`/`type` table.
        const { discriminator, value } = f.variant;
        const row = variantRow(tablesOf(f.section), discriminator, value);
        if (!row) missing.push(`${where}: no row for ${discriminator} ${tag(value)}`);
        else if (f.name !== discriminator && !codeIdentifiers(row.join(" | ")).has(f.name))
          missing.push(where);
      } else if (!codeIdentifiers(sectionText(sections, f.section)).has(f.name)) {
        missing.push(where);
      }
    }
    expect(missing, "fields the page does not mention").toEqual([]);
  });

  it("documents no field the format does not have", () => {
    const unknown: string[] = [];
    for (const heading of headings) {
      const here = fields.filter((f) => f.section === heading);
      for (const table of tablesOf(heading)) {
        const first = table.header[0]!;
        if (first === "Field" || first === "Checker") {
          const names = new Set(here.filter((f) => !f.variant).map((f) => f.name));
          for (const row of table.rows)
            for (const name of cellNames(row[0]!))
              if (!names.has(name)) unknown.push(`"${heading}": ${name}`);
          continue;
        }
        const discriminator = /^`(\w+)`$/.exec(first)?.[1];
        if (discriminator === undefined) continue;
        for (const row of table.rows) {
          const value = /^`(\w+)`$/.exec(row[0]!)?.[1] ?? row[0]!;
          const variant = here.filter(
            (f) => f.variant?.discriminator === discriminator && f.variant.value === value,
          );
          if (variant.length === 0) {
            unknown.push(`"${heading}": ${discriminator} ${row[0]}`);
            continue;
          }
          const names = new Set(variant.map((f) => f.name));
          for (const name of cellNames(row[1] ?? ""))
            if (!names.has(name)) unknown.push(`"${heading}": ${value}.${name}`);
        }
      }
    }
    expect(unknown, "names the page documents that the schema does not have").toEqual([]);
  });

  it("states each default as the schema has it", () => {
    const wrong: string[] = [];
    let compared = 0;
    for (const heading of headings) {
      const here = fields.filter((f) => f.section === heading && !f.variant && !f.recordKey);
      for (const table of tablesOf(heading)) {
        const column = table.header.indexOf("Default");
        if (table.header[0] !== "Field" || column < 0) continue;
        for (const row of table.rows) {
          const name = cellNames(row[0]!)[0];
          const cell = row[column]!;
          for (const f of here.filter((g: Field) => g.name === name)) {
            const parsed = z.safeParse(f.schema, undefined);
            const where = `${f.path}: the page says ${cell}`;
            if (/^required\b/.test(cell)) {
              compared++;
              if (parsed.success) wrong.push(`${where}, the schema has a default`);
            } else if (cell === "none") {
              compared++;
              if (!parsed.success || parsed.data !== undefined)
                wrong.push(`${where}, the schema ${parsed.success ? "has a default" : "needs it"}`);
            } else if (codeSpans(cell).length === 1 && cell === tag(codeSpans(cell)[0]!)) {
              let stated: unknown;
              try {
                stated = JSON.parse(codeSpans(cell)[0]!);
              } catch {
                continue; // not a value, such as `f<position+1>`
              }
              compared++;
              if (!parsed.success || !isDeepStrictEqual(parsed.data, stated))
                wrong.push(
                  `${where}, the schema ${parsed.success ? JSON.stringify(parsed.data) : "needs it"}`,
                );
            }
          }
        }
      }
    }
    expect(wrong, "defaults the page gets wrong").toEqual([]);
    expect(compared).toBeGreaterThan(50);
  });
});
