/**
 * The Cosmos SDK's JSON for any protobuf message, as its REST gateway writes it (gogo jsonpb with
 * `OrigName: true, EmitDefaults: true`, server/api/server.go) and codec.ProtoMarshalJSON:
 * - proto field names (snake_case), every field present: zero scalars, `[]` for empty repeated
 *   fields, `{}` for empty maps, `null` for an absent nullable sub-message or bytes field; a
 *   gogoproto non-nullable sub-message shows its zero value; unset oneof members are left out;
 * - 64-bit integers as strings, 32-bit ones as numbers, enums by name, bytes in base64;
 * - Timestamp/Duration in their RFC 3339 and "1.5s" forms (well-known.ts);
 * - Any as `{"@type": url, ...fields}` (`{"@type", "value"}` for a well-known payload), resolved
 *   through the schema registry; an unknown type URL is an error, as in the SDK;
 * - gogoproto customtypes: LegacyDec fields hold atomics on the wire and 18-decimal text in JSON;
 *   an absent Int is "0"; a json.RawMessage casttype (genutil's gen_txs) holds JSON text on the
 *   wire and that JSON itself in JSON.
 *
 * The codec works on wire bytes against the schema (proto/schema), so it serves any registered
 * type, cosmjs-types or plumed's own protobufjs ones, without per-type code. `toSdkJson` and
 * `fromSdkJson` accept message objects through the registry's codecs.
 */
import { BinaryReader, BinaryWriter } from "cosmjs-types/binary";
import { jsonText } from "../json-read";
import { Dec } from "../math/dec";
import { parseGoBigInt } from "../math/go-compat";
import { MAX_BIT_LEN } from "../math/int";
import type { JsonValue } from "../module";
import { defaultSchemaRegistry, normalizeTypeName, SchemaRegistry } from "../../proto/schema/registry";
import type { FieldSchema, MessageSchema } from "../../proto/schema/types";
import { formatDuration, formatTimestamp, parseDuration, parseTimestamp } from "./well-known";

export class SdkJsonError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SdkJsonError";
  }
}

type JsonObjectMut = { [key: string]: JsonValue };

const TIMESTAMP = "google.protobuf.Timestamp";
const DURATION = "google.protobuf.Duration";
const ANY = "google.protobuf.Any";
/** Types gogo jsonpb writes as `{"@type", "value"}` inside an Any. */
const WELL_KNOWN_IN_ANY = new Set([TIMESTAMP, DURATION, ANY]);

const WIRE_VARINT = 0;
const WIRE_I64 = 1;
const WIRE_LEN = 2;
const WIRE_I32 = 5;

function wireTypeOf(field: FieldSchema): number {
  switch (field.kind) {
    case "message":
    case "string":
    case "bytes":
      return WIRE_LEN;
    case "double":
    case "fixed64":
    case "sfixed64":
      return WIRE_I64;
    case "float":
    case "fixed32":
    case "sfixed32":
      return WIRE_I32;
    default:
      return WIRE_VARINT;
  }
}

const isPackable = (f: FieldSchema): boolean => f.kind !== "message" && f.kind !== "string" && f.kind !== "bytes";
const is64Bit = (k: FieldSchema["kind"]): boolean => k === "int64" || k === "uint64" || k === "sint64" || k === "fixed64" || k === "sfixed64";

const byNumberCache = new WeakMap<MessageSchema, Map<number, FieldSchema>>();
function fieldByNumber(schema: MessageSchema, n: number): FieldSchema | undefined {
  let m = byNumberCache.get(schema);
  if (!m) {
    m = new Map(schema.fields.map((f) => [f.number, f]));
    byNumberCache.set(schema, m);
  }
  return m.get(n);
}

/** protoc's json_name: underscores dropped, the letter after each capitalised. */
export function jsonName(protoName: string): string {
  return protoName.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase()).replace(/_/g, "");
}

const byJsonNameCache = new WeakMap<MessageSchema, Map<string, FieldSchema>>();
function fieldByJsonKey(schema: MessageSchema, key: string): FieldSchema | undefined {
  let m = byJsonNameCache.get(schema);
  if (!m) {
    m = new Map();
    for (const f of schema.fields) {
      m.set(f.name, f);
      m.set(jsonName(f.name), f);
    }
    byJsonNameCache.set(schema, m);
  }
  return m.get(key);
}

// ---------------------------------------------------------------- bytes -> JSON

/** The SDK JSON of a message given as protobuf bytes. */
export function bytesToSdkJson(typeUrlOrName: string, bytes: Uint8Array, registry: SchemaRegistry = defaultSchemaRegistry()): JsonValue {
  return decodeMessage(registry, registry.requireMessage(typeUrlOrName), bytes);
}

function decodeMessage(reg: SchemaRegistry, schema: MessageSchema, bytes: Uint8Array): JsonValue {
  if (schema.fullName === TIMESTAMP || schema.fullName === DURATION) {
    const r = new BinaryReader(bytes);
    let seconds = 0n;
    let nanos = 0;
    while (r.pos < r.len) {
      const tag = r.uint32();
      if (tag === 8) seconds = r.int64();
      else if (tag === 16) nanos = r.int32();
      else r.skipType(tag & 7);
    }
    return schema.fullName === TIMESTAMP ? formatTimestamp(seconds, nanos) : formatDuration(seconds, nanos);
  }
  if (schema.fullName === ANY) return decodeAny(reg, bytes);

  const values = new Map<number, JsonValue>();
  const lists = new Map<number, JsonValue[]>();
  const maps = new Map<number, JsonObjectMut>();
  const reader = new BinaryReader(bytes);
  while (reader.pos < reader.len) {
    const tag = reader.uint32();
    const number = tag >>> 3;
    const wire = tag & 7;
    const field = fieldByNumber(schema, number);
    if (!field) {
      reader.skipType(wire);
      continue;
    }
    if (field.map) {
      expectWire(schema, field, wire, WIRE_LEN);
      const [k, v] = decodeMapEntry(reg, schema, field, reader.bytes());
      let m = maps.get(number);
      if (!m) maps.set(number, (m = {}));
      m[k] = v;
      continue;
    }
    if (field.repeated) {
      let list = lists.get(number);
      if (!list) lists.set(number, (list = []));
      if (isPackable(field) && wire === WIRE_LEN) {
        const end = reader.uint32() + reader.pos;
        while (reader.pos < end) list.push(readScalar(reg, reader, field));
      } else {
        expectWire(schema, field, wire, wireTypeOf(field));
        list.push(readValue(reg, reader, field));
      }
      continue;
    }
    expectWire(schema, field, wire, wireTypeOf(field));
    values.set(number, readValue(reg, reader, field));
  }

  const out: JsonObjectMut = {};
  for (const field of schema.fields) {
    if (field.map) {
      out[field.name] = maps.get(field.number) ?? {};
    } else if (field.repeated) {
      out[field.name] = lists.get(field.number) ?? [];
    } else if (values.has(field.number)) {
      out[field.name] = values.get(field.number) ?? null;
    } else if (!field.presence) {
      out[field.name] = absentValue(reg, field);
    }
  }
  return out;
}

function expectWire(schema: MessageSchema, field: FieldSchema, got: number, want: number): void {
  if (got !== want) throw new SdkJsonError(`${schema.fullName}.${field.name}: wire type ${got}, expected ${want}`);
}

function readValue(reg: SchemaRegistry, reader: BinaryReader, field: FieldSchema): JsonValue {
  if (field.kind === "message") return decodeMessage(reg, requireType(reg, field), reader.bytes());
  return readScalar(reg, reader, field);
}

function requireType(reg: SchemaRegistry, field: FieldSchema): MessageSchema {
  const t = field.typeName === undefined ? undefined : reg.message(field.typeName);
  if (!t) throw new SdkJsonError(`unknown message type ${String(field.typeName)} of field ${field.name}`);
  return t;
}

function readScalar(reg: SchemaRegistry, reader: BinaryReader, field: FieldSchema): JsonValue {
  switch (field.kind) {
    case "string": {
      const s = reader.string();
      return field.customType ? customToJson(field, s) : s;
    }
    case "bytes": {
      const b = reader.bytes();
      if (field.customType === "RawJson") return rawJsonFromBytes(field, b);
      return field.customType ? customToJson(field, new TextDecoder().decode(b)) : Buffer.from(b).toString("base64");
    }
    case "bool":
      return reader.bool();
    case "enum":
      return enumName(reg, field, reader.int32());
    case "int64":
      return reader.int64().toString();
    case "uint64":
      return reader.uint64().toString();
    case "sint64":
      return reader.sint64().toString();
    case "fixed64":
      return reader.fixed64().toString();
    case "sfixed64":
      return reader.sfixed64().toString();
    case "int32":
      return reader.int32();
    case "uint32":
      return reader.uint32();
    case "sint32":
      return reader.sint32();
    case "fixed32":
      return reader.fixed32();
    case "sfixed32":
      return reader.sfixed32();
    case "float":
      return floatJson(reader.float());
    case "double":
      return floatJson(reader.double());
    case "message":
      throw new SdkJsonError(`${field.name} is a message`);
  }
}

function floatJson(v: number): JsonValue {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "Infinity";
  if (v === -Infinity) return "-Infinity";
  return v;
}

function enumName(reg: SchemaRegistry, field: FieldSchema, n: number): JsonValue {
  const e = field.typeName === undefined ? undefined : reg.enum(field.typeName);
  return e?.values.find((v) => v.number === n)?.name ?? n;
}

/** A json.RawMessage field: the JSON its bytes hold. */
function rawJsonFromBytes(field: FieldSchema, bytes: Uint8Array): JsonValue {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as JsonValue;
  } catch {
    throw new SdkJsonError(`${field.name}: invalid JSON in a json.RawMessage field`);
  }
}

function customToJson(field: FieldSchema, text: string): string {
  if (field.customType === "Int") return text === "" ? "0" : text;
  if (text === "") return Dec.zero().toString();
  if (!/^-?\d+$/.test(text)) throw new SdkJsonError(`${field.name}: invalid LegacyDec atomics "${text}"`);
  return Dec.fromAtomics(BigInt(text)).toString();
}

/** What the SDK's JSON shows for a field missing from the wire. */
function absentValue(reg: SchemaRegistry, field: FieldSchema): JsonValue {
  if (field.customType) return field.nullable ? null : customToJson(field, "");
  switch (field.kind) {
    case "message": {
      if (field.nullable) return null;
      // A non-nullable (gogoproto) struct: Go's zero value. Zero time.Time and Duration are
      // special: they are not the epoch but year 1 and 0s.
      if (field.typeName === TIMESTAMP) return "0001-01-01T00:00:00Z";
      if (field.typeName === DURATION) return "0s";
      return decodeMessage(reg, requireType(reg, field), new Uint8Array());
    }
    case "string":
      return "";
    case "bytes":
      return null;
    case "bool":
      return false;
    case "enum":
      return enumName(reg, field, 0);
    default:
      return is64Bit(field.kind) ? "0" : 0;
  }
}

function decodeMapEntry(reg: SchemaRegistry, parent: MessageSchema, field: FieldSchema, bytes: Uint8Array): [string, JsonValue] {
  const entry = requireType(reg, field);
  const json = decodeMessage(reg, entry, bytes) as JsonObjectMut;
  const key = json["key"];
  const map = field.map;
  if (map === undefined) throw new SdkJsonError(`${parent.fullName}.${field.name} is not a map`);
  return [jsonText(key), json["value"] ?? null];
}

function decodeAny(reg: SchemaRegistry, bytes: Uint8Array): JsonValue {
  const r = new BinaryReader(bytes);
  let typeUrl = "";
  let value: Uint8Array = new Uint8Array();
  while (r.pos < r.len) {
    const tag = r.uint32();
    if (tag === 10) typeUrl = r.string();
    else if (tag === 18) value = r.bytes();
    else r.skipType(tag & 7);
  }
  const schema = typeUrl === "" ? undefined : reg.message(typeUrl);
  if (!schema) throw new SdkJsonError(`unable to resolve type URL ${typeUrl}`);
  const inner = decodeMessage(reg, schema, value);
  if (WELL_KNOWN_IN_ANY.has(schema.fullName)) return { "@type": typeUrl, value: inner };
  return { "@type": typeUrl, ...(inner as JsonObjectMut) };
}

// ---------------------------------------------------------------- JSON -> bytes

/** Where a JSON reader takes its schemas from and how it names what it reads in errors. */
export interface SdkJsonReadOptions {
  readonly registry?: SchemaRegistry;
  /**
   * The name of the JSON's root in error messages ("bank" gives "bank.balances[0].coins: ...");
   * the message's type name by default.
   */
  readonly path?: string;
}

function readOptions(typeUrlOrName: string, options: SchemaRegistry | SdkJsonReadOptions | undefined): { registry: SchemaRegistry; path: string } {
  const o = options instanceof SchemaRegistry ? { registry: options } : (options ?? {});
  return { registry: o.registry ?? defaultSchemaRegistry(), path: o.path ?? normalizeTypeName(typeUrlOrName) };
}

/**
 * Protobuf bytes from the SDK's JSON, read as gogo jsonpb's Unmarshaler reads it (grpc-gateway
 * request bodies, and codec.ProtoCodec.UnmarshalJSON, which reads every module's genesis): field
 * names in proto or lowerCamel form (lowerCamel wins when both are there), 64-bit integers as
 * strings or numbers, enums by name or number; null or a missing field means the default
 * (Go's zero value: a missing non-nullable Timestamp is 0001-01-01T00:00:00Z); an unknown field
 * is an error, as the SDK refuses them.
 */
export function sdkJsonToBytes(typeUrlOrName: string, json: unknown, options?: SchemaRegistry | SdkJsonReadOptions): Uint8Array {
  const { registry, path } = readOptions(typeUrlOrName, options);
  const w = BinaryWriter.create();
  encodeMessage(registry, registry.requireMessage(typeUrlOrName), json, w, path);
  return w.finish();
}

/** Go's zero time.Time, the JSON of a gogoproto non-nullable (stdtime) Timestamp Go never set. */
const GO_ZERO_TIME = "0001-01-01T00:00:00Z";

function encodeMessage(reg: SchemaRegistry, schema: MessageSchema, json: unknown, w: BinaryWriter, path: string): void {
  if (schema.fullName === TIMESTAMP || schema.fullName === DURATION) {
    if (typeof json !== "string") throw new SdkJsonError(`${path}: expected a ${schema.fullName === TIMESTAMP ? "Timestamp" : "Duration"} string`);
    let parsed: { seconds: bigint; nanos: number };
    try {
      parsed = schema.fullName === TIMESTAMP ? parseTimestamp(json) : parseDuration(json);
    } catch (err) {
      // jsonpb's words for a Duration time.ParseDuration refuses.
      throw new SdkJsonError(`${path}: ${schema.fullName === DURATION ? "bad Duration: " : ""}${(err as Error).message}`);
    }
    if (parsed.seconds !== 0n) w.uint32(8).int64(parsed.seconds);
    if (parsed.nanos !== 0) w.uint32(16).int32(parsed.nanos);
    return;
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new SdkJsonError(`${path}: expected an object for ${schema.fullName}`);
  const obj = json as Record<string, unknown>;
  if (schema.fullName === ANY) {
    encodeAny(reg, obj, w, path);
    return;
  }
  const values = new Map<FieldSchema, unknown>();
  // deterministic: each key is placed by its field; the encoded fields are sorted by number below
  for (const key of Object.keys(obj)) {
    const field = fieldByJsonKey(schema, key);
    // The root of a request keeps jsonpb's plain text; anywhere else the path says where.
    if (!field) throw new SdkJsonError(`${path === schema.fullName ? "" : `${path}: `}unknown field "${key}" in ${schema.fullName}`);
    // jsonpb favours the lowerCamel name when both forms are present.
    if (values.has(field) && key === field.name) continue;
    values.set(field, obj[key]);
  }
  const present: [FieldSchema, unknown][] = [];
  // deterministic: the fields found are sorted by number below before anything is written
  for (const [field, v] of values) if (v !== null && v !== undefined) present.push([field, v]);
  // A missing gogoproto non-nullable struct is Go's zero value, which is not always proto's
  // default: a zero time.Time is year 1, not 1970. Written out (as gogo's Marshal writes such
  // fields anyway) so that the decoded object holds what Go's struct would. A missing math.Int or
  // LegacyDec stays absent: Go holds a nil one, which validation can tell from zero ("" here).
  for (const field of schema.fields) {
    const missing = values.get(field) === undefined || values.get(field) === null;
    if (missing && field.kind === "message" && !field.nullable && !field.repeated && !field.presence && field.map === undefined && field.typeName !== ANY) {
      present.push([field, field.typeName === TIMESTAMP ? GO_ZERO_TIME : field.typeName === DURATION ? "0s" : {}]);
    }
  }
  present.sort((a, b) => a[0].number - b[0].number);
  for (const [field, value] of present) encodeField(reg, field, value, w, `${path}.${field.name}`);
}

function encodeField(reg: SchemaRegistry, field: FieldSchema, value: unknown, w: BinaryWriter, path: string): void {
  if (field.map) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) throw new SdkJsonError(`${path}: expected an object`);
    const entry = requireType(reg, field);
    // deterministic: map entries are written in the input's order (JSON.parse keeps document order), so the same JSON gives the same bytes on every node
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      w.uint32((field.number << 3) | WIRE_LEN).fork();
      encodeMessage(reg, entry, { key: mapKeyJson(field.map.key, k), value: v }, w, `${path}[${k}]`);
      w.ldelim();
    }
    return;
  }
  if (field.repeated) {
    if (!Array.isArray(value)) throw new SdkJsonError(`${path}: expected an array`);
    if (isPackable(field)) {
      if (value.length === 0) return;
      w.uint32((field.number << 3) | WIRE_LEN).fork();
      value.forEach((v, i) => writeScalar(reg, field, v, w, `${path}[${i}]`));
      w.ldelim();
    } else {
      value.forEach((v, i) => writeOne(reg, field, v, w, `${path}[${i}]`, true));
    }
    return;
  }
  writeOne(reg, field, value, w, path, field.presence);
}

function mapKeyJson(kind: FieldSchema["kind"], key: string): unknown {
  if (kind === "bool") return key === "true";
  return key;
}

/** Writes one (non-packed) value with its tag; implicit-presence zero values are skipped. */
function writeOne(reg: SchemaRegistry, field: FieldSchema, value: unknown, w: BinaryWriter, path: string, always: boolean): void {
  if (field.kind === "message") {
    w.uint32((field.number << 3) | WIRE_LEN).fork();
    encodeMessage(reg, requireType(reg, field), value, w, path);
    w.ldelim();
    return;
  }
  const scalar = scalarFromJson(reg, field, value, path);
  if (!always && isZero(scalar)) return;
  w.uint32((field.number << 3) | wireTypeOf(field));
  writeScalarValue(field, scalar, w);
}

function writeScalar(reg: SchemaRegistry, field: FieldSchema, value: unknown, w: BinaryWriter, path: string): void {
  writeScalarValue(field, scalarFromJson(reg, field, value, path), w);
}

type ScalarValue = string | Uint8Array | boolean | number | bigint;

function isZero(v: ScalarValue): boolean {
  if (typeof v === "string") return v === "";
  if (v instanceof Uint8Array) return v.length === 0;
  if (typeof v === "boolean") return !v;
  return v === 0 || v === 0n;
}

function writeScalarValue(field: FieldSchema, v: ScalarValue, w: BinaryWriter): void {
  switch (field.kind) {
    case "string":
      w.string(v as string);
      return;
    case "bytes":
      w.bytes(v as Uint8Array);
      return;
    case "bool":
      w.bool(v as boolean);
      return;
    case "enum":
    case "int32":
      w.int32(v as number);
      return;
    case "uint32":
      w.uint32(v as number);
      return;
    case "sint32":
      w.sint32(v as number);
      return;
    case "fixed32":
      w.fixed32(v as number);
      return;
    case "sfixed32":
      w.sfixed32(v as number);
      return;
    case "int64":
      w.int64(v as bigint);
      return;
    case "uint64":
      w.uint64(v as bigint);
      return;
    case "sint64":
      w.sint64(v as bigint);
      return;
    case "fixed64":
      w.fixed64(v as bigint);
      return;
    case "sfixed64":
      w.sfixed64(v as bigint);
      return;
    case "float":
      w.float(v as number);
      return;
    case "double":
      w.double(v as number);
      return;
    case "message":
      throw new SdkJsonError(`${field.name} is a message`);
  }
}

const INT_RANGES: Partial<Record<FieldSchema["kind"], readonly [bigint, bigint]>> = {
  int32: [-(2n ** 31n), 2n ** 31n - 1n],
  sint32: [-(2n ** 31n), 2n ** 31n - 1n],
  sfixed32: [-(2n ** 31n), 2n ** 31n - 1n],
  uint32: [0n, 2n ** 32n - 1n],
  fixed32: [0n, 2n ** 32n - 1n],
  int64: [-(2n ** 63n), 2n ** 63n - 1n],
  sint64: [-(2n ** 63n), 2n ** 63n - 1n],
  sfixed64: [-(2n ** 63n), 2n ** 63n - 1n],
  uint64: [0n, 2n ** 64n - 1n],
  fixed64: [0n, 2n ** 64n - 1n],
};

function scalarFromJson(reg: SchemaRegistry, field: FieldSchema, value: unknown, path: string): ScalarValue {
  switch (field.kind) {
    case "string": {
      if (typeof value !== "string") throw new SdkJsonError(`${path}: expected a string`);
      return field.customType ? customFromJson(field, value, path) : value;
    }
    case "bytes": {
      // json.RawMessage takes any JSON as it is (Go keeps the text; we keep it compact).
      if (field.customType === "RawJson") return new TextEncoder().encode(JSON.stringify(value));
      if (typeof value !== "string") throw new SdkJsonError(`${path}: expected a base64 string`);
      if (field.customType) return new TextEncoder().encode(customFromJson(field, value, path));
      return decodeBase64(value, path);
    }
    case "bool":
      if (typeof value !== "boolean") throw new SdkJsonError(`${path}: expected true or false`);
      return value;
    case "enum": {
      const e = field.typeName === undefined ? undefined : reg.enum(field.typeName);
      if (typeof value === "number" && Number.isInteger(value)) return value;
      const v = typeof value === "string" ? e?.values.find((x) => x.name === value) : undefined;
      if (!v) throw new SdkJsonError(`${path}: unknown value ${JSON.stringify(value)} for enum ${String(field.typeName)}`);
      return v.number;
    }
    case "float":
    case "double": {
      if (typeof value === "number") return value;
      if (value === "NaN") return NaN;
      if (value === "Infinity") return Infinity;
      if (value === "-Infinity") return -Infinity;
      if (typeof value === "string" && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
      throw new SdkJsonError(`${path}: expected a number`);
    }
    case "message":
      throw new SdkJsonError(`${path} is a message`);
    default: {
      let n: bigint;
      if (typeof value === "number" && Number.isSafeInteger(value)) n = BigInt(value);
      else if (typeof value === "string" && /^-?\d+$/.test(value)) n = BigInt(value);
      else throw new SdkJsonError(`${path}: expected an integer, got ${JSON.stringify(value)}`);
      const range = INT_RANGES[field.kind];
      if (range && (n < range[0] || n > range[1])) throw new SdkJsonError(`${path}: ${n} is out of range for ${field.kind}`);
      return is64Bit(field.kind) ? n : Number(n);
    }
  }
}

const INT_LIMIT = 1n << BigInt(MAX_BIT_LEN);

function customFromJson(field: FieldSchema, text: string, path: string): string {
  if (field.customType === "Int") {
    // math.Int.UnmarshalJSON: big.Int's text syntax in base 0 ("0x10", "1_000" and "+5" too),
    // at most 256 bits; the wire then holds its canonical decimal form.
    const v = parseGoBigInt(text, 0);
    if (v === undefined) throw new SdkJsonError(`${path}: math/big: cannot unmarshal ${JSON.stringify(text)} into a *big.Int`);
    if (v >= INT_LIMIT || v <= -INT_LIMIT) throw new SdkJsonError(`${path}: integer out of range: ${text}`);
    return v.toString();
  }
  try {
    return Dec.fromString(text).toAtomics().toString();
  } catch (err) {
    throw new SdkJsonError(`${path}: ${(err as Error).message}`);
  }
}

/** Standard or URL-safe base64, padded or not (grpc-gateway accepts both alphabets). */
export function decodeBase64(text: string, path = "value"): Uint8Array {
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(text) || text.replace(/=+$/, "").length % 4 === 1) {
    throw new SdkJsonError(`${path}: illegal base64 data`);
  }
  return new Uint8Array(Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64"));
}

function encodeAny(reg: SchemaRegistry, obj: Record<string, unknown>, w: BinaryWriter, path: string): void {
  const typeUrl = obj["@type"];
  if (typeof typeUrl !== "string" || typeUrl === "") throw new SdkJsonError(`${path}: Any JSON needs "@type"`);
  const schema = reg.message(typeUrl);
  if (!schema) throw new SdkJsonError(`${path}: unable to resolve type URL ${typeUrl}`);
  const inner = BinaryWriter.create();
  if (WELL_KNOWN_IN_ANY.has(schema.fullName)) {
    encodeMessage(reg, schema, obj["value"], inner, path);
  } else {
    const rest: Record<string, unknown> = {};
    // deterministic: a copy without "@type"; encodeMessage sorts fields by number
    for (const [k, v] of Object.entries(obj)) if (k !== "@type") rest[k] = v;
    encodeMessage(reg, schema, rest, inner, path);
  }
  const value = inner.finish();
  w.uint32(10).string(typeUrl);
  if (value.length > 0) w.uint32(18).bytes(value);
}

// ---------------------------------------------------------------- message objects

/** The SDK JSON of a message object (cosmjs-types or a registered codec's type). */
export function toSdkJson(typeUrlOrName: string, message: unknown, registry: SchemaRegistry = defaultSchemaRegistry()): JsonValue {
  const codec = registry.codec(typeUrlOrName);
  if (!codec) throw new SdkJsonError(`no codec for ${normalizeTypeName(typeUrlOrName)}`);
  return bytesToSdkJson(typeUrlOrName, codec.encode(message).finish(), registry);
}

/** A message object from the SDK's JSON, through the registry's codec for the type. */
export function fromSdkJson<T = unknown>(typeUrlOrName: string, json: unknown, options?: SchemaRegistry | SdkJsonReadOptions): T {
  const { registry, path } = readOptions(typeUrlOrName, options);
  const codec = registry.codec(typeUrlOrName);
  if (!codec) throw new SdkJsonError(`no codec for ${normalizeTypeName(typeUrlOrName)}`);
  return codec.decode(sdkJsonToBytes(typeUrlOrName, json, { registry, path })) as T;
}

/**
 * JSON text as Go's encoding/json writes it: compact, with <, >, & and U+2028/2029 escaped as
 * \u003c etc. (the SDK's JSON passes strings through json.Marshal).
 */
export function sdkJsonStringify(value: JsonValue): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
