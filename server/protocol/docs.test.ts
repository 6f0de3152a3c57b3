import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  PROTOCOL_VERSION,
  activeFaultSchema,
  clientMessageSchema,
  convergenceSchema,
  errorCodeSchema,
  faultSchema,
  faultWindowSchema,
  frameMessageSchema,
  groupDeltaSchema,
  metricSampleSchema,
  pacingSchema,
  partitionDeltaSchema,
  producerDeltaSchema,
  runInfoSchema,
  serverMessageSchema,
  snapshotMessageSchema,
  topologySchema,
  checkNames,
} from ".";
import { scenarioSchema } from "../sim/scenario";
import {
  cellNames,
  codeIdentifiers,
  docSections,
  docTables,
  nearestScope,
  schemaFields,
  sectionText,
  type Schema,
} from "../sim/test/doc-coverage";

const doc = readFileSync(path.join(__dirname, "../../docs/protocol.md"), "utf8");

/** The text of a "## title" section, up to the next "## ". */
function section(title: string): string {
  const start = doc.indexOf(`\n## ${title}\n`);
  expect(start, `docs/protocol.md has a "## ${title}" section`).toBeGreaterThanOrEqual(0);
  const end = doc.indexOf("\n## ", start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
}

const mentioned = (text: string, name: string) => text.includes(`\`${name}\``);

const sections = docSections(doc);
const serverStart = sections.findIndex((s) => s.level === 2 && s.heading === "Server → client");
const serverEnd = sections.findIndex((s, i) => i > serverStart && s.level <= 2);
/** The "### `type`" subsections of "## Server → client", one per message. */
const serverSections = sections.slice(serverStart + 1, serverEnd);

/**
 * Where the page describes each object a server message can hold: a message in its own
 * "### `type`" section (read with the part's preamble, which says what every answer
 * carries); the objects it shares with others in the section that describes them.
 */
const serverScopes = new Map<Schema, string>([
  ...serverMessageSchema.options.map((o) => [o, `\`${o.shape.type.value}\``] as const),
  [topologySchema, "`snapshot`"],
  [pacingSchema, "`snapshot`"],
  [activeFaultSchema, "Active fault"],
  [faultWindowSchema, "Fault window"],
  [partitionDeltaSchema, "Partition delta"],
  [groupDeltaSchema, "Group delta"],
  [producerDeltaSchema, "Producer delta"],
  [metricSampleSchema, "Metric sample"],
  [convergenceSchema, "Convergence"],
  [runInfoSchema, "HTTP"],
]);
/** Scenarios and faults are documented in docs/scenarios.md (server/sim/test/scenario-docs.test.ts). */
const documentedElsewhere = new Set<Schema>([scenarioSchema, faultSchema]);

function scopeText(heading: string): string {
  const message = serverSections.filter((s) => s.heading === heading);
  if (message.length === 1) return sections[serverStart]!.text + message[0]!.text;
  return sectionText(sections, heading);
}

const serverFields = schemaFields(serverMessageSchema, (s) => documentedElsewhere.has(s))
  .filter((f) => f.name !== f.variant?.discriminator)
  .map((f) => ({ ...f, scope: nearestScope(f, serverScopes)! }));

describe("docs/protocol.md", () => {
  it("states the protocol version", () => {
    expect(doc).toContain(`**Protocol version: ${PROTOCOL_VERSION}**`);
  });

  it("has a heading for every client message type", () => {
    const text = section("Client → server");
    for (const o of clientMessageSchema.options) {
      const type = o.shape.type.value;
      expect(text, `### \`${type}\``).toContain(`\n### \`${type}\`\n`);
      for (const field of Object.keys(o.shape)) {
        if (field === "type") continue;
        expect(mentioned(text, field), `${type}.${field}`).toBe(true);
      }
    }
  });

  it("has a heading for every server message type", () => {
    const text = section("Server → client");
    for (const o of serverMessageSchema.options) {
      const type = o.shape.type.value;
      expect(text, `### \`${type}\``).toContain(`\n### \`${type}\`\n`);
    }
  });

  it("describes every field of snapshots and frames", () => {
    for (const [name, schema] of [
      ["snapshot", snapshotMessageSchema],
      ["frame", frameMessageSchema],
    ] as const) {
      for (const field of Object.keys(schema.shape))
        expect(mentioned(doc, field), `${name}.${field}`).toBe(true);
    }
  });

  it("describes every field of partition, group and producer deltas", () => {
    for (const schema of [partitionDeltaSchema, groupDeltaSchema, producerDeltaSchema])
      for (const field of Object.keys(schema.shape))
        expect(mentioned(doc, field), field).toBe(true);
  });

  it("walks every object of every server message", () => {
    const paths = serverFields.map((f) => f.path);
    for (const p of [
      "<type=hello>.maxMessageBytes",
      "<type=commandResult>.error.code",
      "<type=history>.event.abandoned",
      "<type=history>.steps[].detail",
      "<type=snapshot>.run.overrides[].value",
      "<type=snapshot>.topology.nodes[].role",
      "<type=snapshot>.parts[].rcut",
      "<type=frame>.faultsStarted[].label",
      "<type=frame>.windows[].endMs",
      "<type=error>.requestId",
    ])
      expect(paths, p).toContain(p);
    expect(paths.filter((p) => /\.(scenario|fault)\./.test(p))).toEqual([]);
    for (const heading of new Set(serverScopes.values()))
      expect(() => scopeText(heading), heading).not.toThrow();
  });

  it("describes every field of every server message, where it describes the field's object", () => {
    const missing = serverFields
      .filter((f) => !codeIdentifiers(scopeText(f.scope)).has(f.name))
      .map((f) => `${f.path} (under "${f.scope}")`);
    expect(missing, "server message fields the page does not mention").toEqual([]);
  });

  it("documents no server message field the schemas do not have", () => {
    const unknown: string[] = [];
    for (const heading of new Set(serverScopes.values())) {
      const names = new Set(serverFields.filter((f) => f.scope === heading).map((f) => f.name));
      for (const table of docTables(scopeText(heading))) {
        if (table.header[0] !== "field") continue;
        for (const row of table.rows)
          for (const name of cellNames(row[0]!))
            if (!names.has(name)) unknown.push(`"${heading}": ${name}`);
      }
    }
    expect(unknown, "fields the page documents that the schemas do not have").toEqual([]);
  });

  it("lists every error code and checker name", () => {
    for (const code of errorCodeSchema.options) expect(mentioned(doc, code), code).toBe(true);
    for (const name of checkNames) expect(mentioned(doc, name), name).toBe(true);
  });
});
