/**
 * Parses the overrides box: one `path=value` per line, values read as JSON when they
 * are JSON (numbers, booleans, quoted strings) and as plain strings otherwise, exactly
 * as the CLI's --set reads them.
 */
export function parseOverrides(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    const eq = trimmed.indexOf("=");
    if (eq <= 0) throw new Error(`An override is path=value; "${trimmed}" is not.`);
    const raw = trimmed.slice(eq + 1).trim();
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      value = raw;
    }
    out[trimmed.slice(0, eq).trim()] = value;
  }
  return out;
}
