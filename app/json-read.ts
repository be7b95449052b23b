import type { JsonObject, JsonValue } from "./module";

/**
 * Small readers for SDK-shaped JSON (genesis, app.toml-derived values) that fail with the path of
 * the offending field, so an operator gets one readable line instead of a stack trace.
 */
export class JsonError extends Error {
  constructor(path: string, problem: string) {
    super(`${path}: ${problem}`);
    this.name = "JsonError";
  }
}

/**
 * A JSON value as text, for lenient readers: a string as it is, a number or boolean as JS prints it,
 * null or absent as "", and an object or array as its JSON (never "[object Object]").
 */
export function jsonText(v: unknown): string {
  if (typeof v === "string") return v;
  if (v === undefined || v === null) return "";
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  return JSON.stringify(v);
}

export function asObject(v: JsonValue | undefined, path: string): JsonObject {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new JsonError(path, "expected an object");
  return v as JsonObject;
}

export function asArray(v: JsonValue | undefined, path: string): readonly JsonValue[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new JsonError(path, "expected an array");
  return v as readonly JsonValue[];
}

export function asString(v: JsonValue | undefined, path: string): string {
  if (typeof v !== "string") throw new JsonError(path, "expected a string");
  return v;
}

export function asOptionalString(v: JsonValue | undefined, path: string): string {
  if (v === undefined || v === null) return "";
  return asString(v, path);
}

export function asBool(v: JsonValue | undefined, path: string): boolean {
  if (typeof v !== "boolean") throw new JsonError(path, "expected true or false");
  return v;
}

/** An unsigned integer written as a string (int64/uint64 in proto JSON) or a small JSON number. */
export function asUint(v: JsonValue | undefined, path: string): bigint {
  if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  if (typeof v === "string" && /^\d+$/.test(v)) return BigInt(v);
  throw new JsonError(path, `expected an unsigned integer, got ${JSON.stringify(v)}`);
}

export function asInt(v: JsonValue | undefined, path: string): bigint {
  if (typeof v === "number" && Number.isSafeInteger(v)) return BigInt(v);
  if (typeof v === "string" && /^-?\d+$/.test(v)) return BigInt(v);
  throw new JsonError(path, `expected an integer, got ${JSON.stringify(v)}`);
}
