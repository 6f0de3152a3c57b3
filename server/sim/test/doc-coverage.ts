import type { z } from "zod";

/**
 * Helpers for the tests that keep a page of docs/ in step with a zod schema
 * (server/sim/test/scenario-docs.test.ts, server/protocol/docs.test.ts): a walk over every
 * object field a schema can hold, and just enough Markdown reading (sections, tables,
 * inline code) to find where the page mentions them. No I/O: the tests read the page.
 */

export type Schema = z.core.$ZodType;

/** One field of an object shape met while walking a schema. */
export interface SchemaField {
  /**
   * Where the field sits, from the root: `[]` marks array items, `<kind=crash>` one variant
   * of a discriminated union, `.*` the values of a record, `[i]` a tuple's item i.
   */
  path: string;
  name: string;
  /** The field's schema as declared, with its optional, nullable and default wrappers. */
  schema: Schema;
  /** Every schema from the root down to the object (or record) that holds the field. */
  ancestors: readonly Schema[];
  /** Set when the object holding the field is a variant of a discriminated union. */
  variant?: { discriminator: string; value: string };
  /** A key of a record keyed by an enum (such as a scenario's `expect.checks`). */
  recordKey?: boolean;
}

/** Schemas that hold no fields. */
const leaves = new Set([
  "string",
  "number",
  "int",
  "boolean",
  "bigint",
  "symbol",
  "null",
  "undefined",
  "void",
  "any",
  "unknown",
  "never",
  "nan",
  "date",
  "literal",
  "enum",
  "template_literal",
  "file",
]);

const join = (path: string, name: string) => (path === "" ? name : `${path}.${name}`);

/**
 * Every field of every object a value of `root` can contain, found through arrays, tuples,
 * records, optional/nullable/default wrappers, intersections and (discriminated) unions.
 * `stop` names schemas not to enter (documented elsewhere). A zod construct the walk has
 * no rule for is an error rather than a silent gap.
 */
export function schemaFields(
  root: Schema,
  stop: (schema: Schema) => boolean = () => false,
): SchemaField[] {
  const out: SchemaField[] = [];
  const walk = (
    schema: Schema,
    path: string,
    ancestors: readonly Schema[],
    variant?: SchemaField["variant"],
  ): void => {
    if (ancestors.length > 0 && stop(schema)) return;
    const def = (schema as z.core.$ZodTypes)._zod.def;
    const chain = [...ancestors, schema];
    switch (def.type) {
      case "object":
        for (const [name, field] of Object.entries(def.shape)) {
          out.push({ path: join(path, name), name, schema: field, ancestors: chain, variant });
          walk(field, join(path, name), chain);
        }
        return;
      case "array":
        return walk(def.element, `${path}[]`, chain);
      case "optional":
      case "nullable":
      case "default":
      case "prefault":
      case "nonoptional":
      case "readonly":
      case "catch":
        return walk(def.innerType, path, chain, variant);
      case "pipe":
        walk(def.in, path, chain, variant);
        return walk(def.out, path, chain, variant);
      case "intersection":
        walk(def.left, path, chain, variant);
        return walk(def.right, path, chain, variant);
      case "union": {
        const discriminator = (def as z.core.$ZodDiscriminatedUnionDef).discriminator;
        for (const option of def.options) {
          if (discriminator === undefined) {
            walk(option, path, chain);
            continue;
          }
          const tag = (option as z.core.$ZodTypes)._zod.def;
          if (tag.type !== "object") throw new Error(`${path}: a variant that is not an object`);
          const literal = (tag.shape[discriminator] as z.core.$ZodTypes)._zod.def;
          if (literal.type !== "literal")
            throw new Error(`${path}: a non-literal ${discriminator}`);
          const value = String(literal.values[0]);
          walk(option, `${path}<${discriminator}=${value}>`, chain, { discriminator, value });
        }
        return;
      }
      case "record": {
        const key = (def.keyType as z.core.$ZodTypes)._zod.def;
        if (key.type === "enum") {
          for (const name of Object.values(key.entries).map(String)) {
            out.push({
              path: join(path, name),
              name,
              schema: def.valueType,
              ancestors: chain,
              recordKey: true,
            });
          }
        }
        return walk(def.valueType, `${path}.*`, chain);
      }
      case "tuple":
        def.items.forEach((item, i) => walk(item, `${path}[${i}]`, chain));
        if (def.rest) walk(def.rest, `${path}[]`, chain);
        return;
      default:
        if (leaves.has(def.type)) return;
        throw new Error(`schemaFields: no rule for a zod "${def.type}" at ${path || "(root)"}`);
    }
  };
  walk(root, "", []);
  return out;
}

/** The nearest of `field`'s ancestors that `scopes` knows, and what it maps it to. */
export function nearestScope<T>(field: SchemaField, scopes: ReadonlyMap<Schema, T>): T | undefined {
  for (let i = field.ancestors.length - 1; i >= 0; i--) {
    const scope = scopes.get(field.ancestors[i]!);
    if (scope !== undefined) return scope;
  }
  return undefined;
}

/** A heading of a Markdown page and its text up to the next heading of any level. */
export interface DocSection {
  level: number;
  heading: string;
  text: string;
}

/** The page's sections, in order (headings inside fenced code blocks do not count). */
export function docSections(markdown: string): DocSection[] {
  const sections: DocSection[] = [{ level: 0, heading: "", text: "" }];
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    const heading = fenced ? null : /^(#{1,6}) (.*)$/.exec(line);
    if (heading) sections.push({ level: heading[1]!.length, heading: heading[2]!, text: "" });
    else sections[sections.length - 1]!.text += `${line}\n`;
  }
  return sections;
}

/** The text of the section under exactly this heading; throws if the page has none. */
export function sectionText(sections: readonly DocSection[], heading: string): string {
  const found = sections.filter((s) => s.heading === heading);
  if (found.length !== 1)
    throw new Error(`expected one "${heading}" heading, found ${found.length}`);
  return found[0]!.text;
}

/** Inline code spans (which may break across lines), outside fenced code blocks. */
export function codeSpans(text: string): string[] {
  const prose = text.replace(/^```[^\n]*\n[\s\S]*?^```[^\n]*$/gm, "");
  return [...prose.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
}

/** Every identifier written inside inline code: `{producer, key}` mentions both. */
export function codeIdentifiers(text: string): Set<string> {
  const names = new Set<string>();
  for (const span of codeSpans(text))
    for (const m of span.matchAll(/[A-Za-z_$][A-Za-z0-9_$]*/g)) names.add(m[0]);
  return names;
}

/** A Markdown table: its header cells and its body rows, cells trimmed. */
export interface DocTable {
  header: string[];
  rows: string[][];
}

export function docTables(text: string): DocTable[] {
  const tables: DocTable[] = [];
  let block: string[][] = [];
  const flush = () => {
    if (block.length >= 2) tables.push({ header: block[0]!, rows: block.slice(2) });
    block = [];
  };
  for (const line of text.split("\n")) {
    if (!line.startsWith("|")) {
      flush();
      continue;
    }
    block.push(
      line
        .slice(1, line.trimEnd().endsWith("|") ? line.trimEnd().length - 1 : undefined)
        .split("|")
        .map((c) => c.trim()),
    );
  }
  flush();
  return tables;
}

/**
 * The names a table cell documents: code spans that are a bare identifier, or an identifier
 * followed by a colon (`link: {from, to}`). Quoted values (`"kill"`) and JSON constants are
 * not names.
 */
export function cellNames(cell: string): string[] {
  return codeSpans(cell)
    .map((span) => /^([A-Za-z_$][A-Za-z0-9_$]*)(?::.*)?$/.exec(span)?.[1])
    .filter((n): n is string => n !== undefined && !["true", "false", "null"].includes(n));
}
