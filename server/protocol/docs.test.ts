import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  PROTOCOL_VERSION,
  clientMessageSchema,
  errorCodeSchema,
  frameMessageSchema,
  groupDeltaSchema,
  partitionDeltaSchema,
  producerDeltaSchema,
  serverMessageSchema,
  snapshotMessageSchema,
  checkNames,
} from ".";

const doc = readFileSync(path.join(__dirname, "../../docs/protocol.md"), "utf8");

/** The text of a "## title" section, up to the next "## ". */
function section(title: string): string {
  const start = doc.indexOf(`\n## ${title}\n`);
  expect(start, `docs/protocol.md has a "## ${title}" section`).toBeGreaterThanOrEqual(0);
  const end = doc.indexOf("\n## ", start + 1);
  return doc.slice(start, end < 0 ? undefined : end);
}

const mentioned = (text: string, name: string) => text.includes(`\`${name}\``);

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

  it("lists every error code and checker name", () => {
    for (const code of errorCodeSchema.options) expect(mentioned(doc, code), code).toBe(true);
    for (const name of checkNames) expect(mentioned(doc, name), name).toBe(true);
  });
});
