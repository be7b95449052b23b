import type { JsonValue } from "../../../app/module";

/**
 * Output formats, as simd's `--output`: `json` is compact proto-JSON on one line (for jq and
 * scripts); `text` is that same JSON rendered as YAML the way the SDK does it (sigs.k8s.io/yaml's
 * JSONToYAML: keys sorted, sequences not indented under their key, strings that would read as
 * numbers, booleans or null double-quoted, strings starting with an indicator single-quoted).
 * Query and keys commands default to text, tx commands to json, as in simd.
 */
export type OutputFormat = "text" | "json";

export function parseOutputFormat(value: string): OutputFormat {
  if (value === "text" || value === "json") return value;
  throw new Error(`invalid output format "${value}" (expected text or json)`);
}

export function formatOutput(value: JsonValue, format: OutputFormat): string {
  return format === "json" ? JSON.stringify(value) + "\n" : toYaml(value);
}

// ---- YAML (block style, go-yaml v2 conventions) ----

export function toYaml(value: JsonValue): string {
  const lines: string[] = [];
  emit(value, 0, lines);
  return lines.join("\n") + "\n";
}

function isCollection(v: JsonValue): v is JsonValue[] | { [k: string]: JsonValue } {
  return typeof v === "object" && v !== null && (Array.isArray(v) ? v.length > 0 : Object.keys(v).length > 0);
}

function sortedKeys(o: { [k: string]: JsonValue }): string[] {
  // Byte order of UTF-16 code units equals Go's string order for the ASCII keys proto JSON uses.
  return Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Appends the lines of `value` rendered at `indent` as a block (a mapping or a sequence). */
function emit(value: JsonValue, indent: number, lines: string[]): void {
  const pad = " ".repeat(indent);
  if (!isCollection(value)) {
    lines.push(pad + scalar(value));
    return;
  }
  if (Array.isArray(value)) {
    for (const item of value) {
      if (isCollection(item)) {
        const sub: string[] = [];
        emit(item, indent + 2, sub);
        // The first line of the item shares the "- " line.
        const first = sub[0] ?? "";
        lines.push(`${pad}- ${first.slice(indent + 2)}`);
        lines.push(...sub.slice(1));
      } else {
        lines.push(`${pad}- ${scalar(item)}`);
      }
    }
    return;
  }
  for (const key of sortedKeys(value)) {
    const v = value[key] as JsonValue;
    const k = yamlString(key);
    if (isCollection(v)) {
      lines.push(`${pad}${k}:`);
      // go-yaml keeps a mapping's sequence at the mapping's own indentation.
      emit(v, Array.isArray(v) ? indent : indent + 2, lines);
    } else {
      lines.push(`${pad}${k}: ${scalar(v)}`);
    }
  }
}

function scalar(v: JsonValue): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "[]";
  if (typeof v === "object") return "{}";
  if (typeof v === "boolean" || typeof v === "number") return String(v);
  return yamlString(v);
}

// Plain scalars YAML 1.1 resolves to something other than a string (go-yaml v2 resolve table).
const RESERVED = new Set(
  ["y", "yes", "n", "no", "true", "false", "on", "off", "null", "~", ".inf", "-.inf", "+.inf", ".nan"].flatMap((w) => [w, w.toUpperCase(), w.charAt(0).toUpperCase() + w.slice(1)]),
);
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO]?[0-7_]+|[0-9]+)$/;
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60 = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

function yamlString(s: string): string {
  if (s === "") return '""';
  // eslint-disable-next-line no-control-regex -- control characters are what this test looks for
  if (/[\u0000-\u0008\u000a-\u001f\u007f]/.test(s)) return JSON.stringify(s);
  if (RESERVED.has(s) || GO_INT.test(s) || YAML_FLOAT.test(s) || BASE60.test(s)) return JSON.stringify(s);
  if (plainAllowed(s)) return s;
  return `'${s.replace(/'/g, "''")}'`;
}

function plainAllowed(s: string): boolean {
  if (/^[\s]|[\s]$/.test(s)) return false;
  const first = s.charAt(0);
  if ("[]{},#&*!|>'\"%@`".includes(first)) return false;
  if ((first === "-" || first === "?" || first === ":") && (s.length === 1 || /\s/.test(s.charAt(1)))) return false;
  if (s.includes(": ") || s.includes(" #") || s.endsWith(":") || s.includes("\t")) return false;
  return true;
}
