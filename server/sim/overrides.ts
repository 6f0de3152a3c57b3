/**
 * `--set path=value` overrides: a dotted path into the scenario (array items by index,
 * or by id: `producers.p1.acks`), and a value parsed as JSON when it is JSON (numbers,
 * booleans, null, quoted strings, objects) and taken as a plain string otherwise.
 * A path that does not exist in the scenario is an error, so a typo never passes silently.
 */
export class OverrideError extends Error {}

export function parseOverride(text: string): { path: string; value: unknown } {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new OverrideError(`--set expects path=value, got "${text}"`);
  const path = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1).trim();
  let value: unknown = raw;
  try {
    value = JSON.parse(raw);
  } catch {
    value = raw;
  }
  return { path, value };
}

type Json = Record<string, unknown> | unknown[];

export function applyOverride(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split(".");
  let node: Json = target;
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    const last = i === parts.length - 1;
    if (Array.isArray(node)) {
      const index = /^\d+$/.test(part)
        ? Number(part)
        : node.findIndex(
            (x) => typeof x === "object" && x !== null && (x as { id?: unknown }).id === part,
          );
      if (index < 0 || index >= node.length) {
        throw new OverrideError(
          `--set ${path}: no item "${part}" in ${parts.slice(0, i).join(".") || "the scenario"}`,
        );
      }
      if (last) node[index] = value;
      else node = descend(node[index], path, parts, i);
    } else {
      if (!(part in node)) {
        const keys = Object.keys(node).join(", ");
        throw new OverrideError(
          `--set ${path}: "${part}" is not a field of ${parts.slice(0, i).join(".") || "the scenario"} (fields: ${keys})`,
        );
      }
      if (last) node[part] = value;
      else node = descend(node[part], path, parts, i);
    }
  }
}

function descend(child: unknown, path: string, parts: string[], i: number): Json {
  if (typeof child !== "object" || child === null) {
    throw new OverrideError(
      `--set ${path}: ${parts.slice(0, i + 1).join(".")} is not an object or a list`,
    );
  }
  return child as Json;
}
