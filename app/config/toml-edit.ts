/**
 * Sets values in a TOML file while keeping its comments and layout (CometBFT's config.toml is
 * mostly documentation). Keys are "section.key" or "key" for the top level. Values are written as
 * TOML literals: strings quoted, numbers/booleans bare.
 */
export function setTomlValues(text: string, values: Readonly<Record<string, string | number | boolean>>): string {
  const pending = new Map(Object.entries(values));
  const lines = text.split("\n");
  let section = "";
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    const header = /^\s*\[([^\]]+)\]\s*$/.exec(line);
    if (header?.[1] !== undefined) {
      section = header[1].trim();
      continue;
    }
    const kv = /^(\s*)([A-Za-z0-9_.-]+)(\s*=\s*)/.exec(line);
    if (!kv || kv[2] === undefined) continue;
    const full = section === "" ? kv[2] : `${section}.${kv[2]}`;
    if (!pending.has(full)) continue;
    lines[i] = `${kv[1] ?? ""}${kv[2]}${kv[3] ?? " = "}${literal(pending.get(full) as string | number | boolean)}`;
    pending.delete(full);
  }
  // deterministic: an error message about a config file, not state
  if (pending.size > 0) throw new Error(`config keys not found: ${[...pending.keys()].join(", ")}`);
  return lines.join("\n");
}

function literal(v: string | number | boolean): string {
  return typeof v === "string" ? JSON.stringify(v) : String(v);
}
