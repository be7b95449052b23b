/**
 * Rejection of unknown protobuf fields in a tx, as the SDK v0.50 decoder does before decoding
 * (codec/unknownproto RejectUnknownFields / RejectUnknownFieldsStrict, called from
 * x/auth/tx/decoder.go):
 *
 * - a field number the message does not declare is an error, unless it is non-critical (bit 11 of
 *   the number set, i.e. `num & 1024`) and non-critical fields are allowed (TxBody and everything
 *   below it); a zero value does not make an unknown field acceptable;
 * - a declared field whose wire type cannot encode its type is an error;
 * - every sub-message is checked, at every depth, and so are the contents of every
 *   google.protobuf.Any after resolving its type URL (an unresolvable type URL is an error).
 *
 * Why it matters: a field the codecs skip is invisible to LEGACY_AMINO_JSON sign bytes, so without
 * this check anyone relaying a tx could add one and have it commit under another hash.
 *
 * Every message is walked against a field table compiled once per type from the schema registry
 * (proto/schema: cosmjs-types' tables and plumed's own .proto files), so any message a module
 * registers is covered with no code of its own. Per field, the walk allocates nothing on the happy
 * path (an Any's type URL string aside): tags and lengths up to two bytes are read inline and
 * handed back through module-level scratch variables.
 *
 * Recursion is bounded by MAX_DEPTH (the SDK allows 10 000): a deterministic error for absurdly
 * nested input instead of a JS stack overflow, whose depth could vary by node.
 */
import { normalizeTypeName, type SchemaRegistry } from "../../proto/schema/registry";
import type { FieldSchema } from "../../proto/schema/types";
import { consumeFieldValue, consumeSmallVarint, consumeTag, wireErrorText, wireTypeName } from "./proto-wire";

export const MAX_DEPTH = 100;
const BIT11_NON_CRITICAL = 1 << 10;
const ANY_FULL_NAME = "google.protobuf.Any";

/** A decode failure with the SDK's text; the decoder wraps it in ErrTxDecode. */
export class WireError extends Error {}

// ---- field tables ----

// What a declared field holds, as far as wire types and recursion care.
const K_VARINT = 0; // int32, int64, uint32, uint64, sint32, sint64, bool, enum
const K_FIXED64 = 1; // fixed64, sfixed64, double
const K_FIXED32 = 2; // fixed32, sfixed32, float
const K_BYTES = 3; // string, bytes
const K_MESSAGE = 4;
const K_ANY = 5;

/**
 * unknownproto's canEncodeType, by `kind * 8 + wireType`: numeric kinds also accept BYTES (packed
 * repeated); string, bytes and messages need BYTES.
 */
const ACCEPTS = (() => {
  const t = new Uint8Array(6 * 8);
  const allow = (kind: number, wireType: number): void => {
    t[kind * 8 + wireType] = 1;
  };
  allow(K_VARINT, 0);
  allow(K_FIXED64, 1);
  allow(K_FIXED32, 5);
  for (const k of [K_VARINT, K_FIXED64, K_FIXED32, K_BYTES, K_MESSAGE, K_ANY]) allow(k, 2);
  return t;
})();

/** toProtowireType: the wire type a mismatch error says was wanted. */
const WANTED_WIRE_TYPE = [0, 1, 5, 2, 2, 2] as const;

function kindOf(f: FieldSchema): number {
  switch (f.kind) {
    case "message":
      return f.typeName === ANY_FULL_NAME ? K_ANY : K_MESSAGE;
    case "string":
    case "bytes":
      return K_BYTES;
    case "fixed64":
    case "sfixed64":
    case "double":
      return K_FIXED64;
    case "fixed32":
    case "sfixed32":
    case "float":
      return K_FIXED32;
    default:
      return K_VARINT;
  }
}

export interface FieldEntry {
  readonly kind: number;
  /** The sub-message's table (K_MESSAGE only). */
  readonly child: MessageTable | undefined;
}

/** One message type's declared fields, ready for the walk. */
export interface MessageTable {
  readonly fullName: string;
  /** The Go type as reflect prints it ("*types.Coin"), for the SDK's error texts. */
  readonly goType: string;
  /** Fields numbered below DENSE_LIMIT, indexed by number (holes are undefined). */
  readonly dense: readonly (FieldEntry | undefined)[];
  /** Fields numbered from DENSE_LIMIT up (TxBody's 1023 and 2047). */
  readonly sparse: ReadonlyMap<number, FieldEntry>;
}

const DENSE_LIMIT = 64;

/**
 * The Go package name (what `%T` prints before the type) by proto package, where it is not
 * "types". Only error texts depend on it; they match the SDK's for the packages listed here.
 */
const GO_PACKAGE_NAMES: ReadonlyMap<string, string> = new Map([
  ["cosmos.tx.v1beta1", "tx"],
  ["cosmos.tx.signing.v1beta1", "signing"],
  ["cosmos.crypto.secp256k1", "secp256k1"],
  ["cosmos.crypto.secp256r1", "secp256r1"],
  ["cosmos.crypto.ed25519", "ed25519"],
  ["cosmos.crypto.multisig", "multisig"],
  ["cosmos.gov.v1", "v1"],
  ["cosmos.gov.v1beta1", "v1beta1"],
  ["cosmos.authz.v1beta1", "authz"],
  ["cosmos.feegrant.v1beta1", "feegrant"],
  ["cosmos.group.v1", "group"],
  ["cosmos.nft.v1beta1", "nft"],
]);

/**
 * Fields the schema registry declares that SDK v0.50 does not: cosmjs-types 0.11 is generated
 * from newer SDK protos (TxBody's `unordered` and `timeout_timestamp` arrived in v0.53). A v0.50
 * node refuses them as unknown, so plumed does too.
 */
export const FIELDS_NOT_IN_V050: ReadonlyMap<string, readonly number[]> = new Map([["cosmos.tx.v1beta1.TxBody", [4, 5]]]);

/**
 * Field tables compiled from a schema registry, once per message type, on first use. A type's
 * table and the tables of everything below it are built together (recursive types included).
 */
export class MessageTables {
  private readonly tables = new Map<string, MessageTable>();

  constructor(
    private readonly registry: SchemaRegistry,
    private readonly excluded: ReadonlyMap<string, readonly number[]> = FIELDS_NOT_IN_V050,
  ) {}

  /** The table of a message by full name or type URL, or undefined if the registry has no such message. */
  get(typeUrlOrName: string): MessageTable | undefined {
    const fullName = normalizeTypeName(typeUrlOrName);
    const cached = this.tables.get(fullName);
    if (cached !== undefined) return cached;
    if (this.registry.message(fullName) === undefined) return undefined;
    return this.compile(fullName);
  }

  /** Like `get`, for types the decoder cannot work without. */
  require(typeUrlOrName: string): MessageTable {
    const t = this.get(typeUrlOrName);
    if (t === undefined) throw new Error(`no protobuf schema for ${normalizeTypeName(typeUrlOrName)}`);
    return t;
  }

  private compile(fullName: string): MessageTable {
    const schema = this.registry.requireMessage(fullName);
    const dense: (FieldEntry | undefined)[] = [];
    const sparse = new Map<number, FieldEntry>();
    const table: MessageTable = { fullName, goType: this.goType(fullName, schema.file), dense, sparse };
    // Registered before its fields so that a type reaching itself (ModeInfo.Multi -> ModeInfo) terminates.
    this.tables.set(fullName, table);
    const excluded = this.excluded.get(fullName) ?? [];
    for (const f of schema.fields) {
      if (excluded.includes(f.number)) continue;
      const kind = kindOf(f);
      let child: MessageTable | undefined;
      if (kind === K_MESSAGE) {
        const typeName = f.typeName;
        if (typeName === undefined || this.registry.message(typeName) === undefined) {
          throw new Error(`no protobuf schema for ${String(typeName)} (field ${fullName}.${f.name})`);
        }
        child = this.tables.get(typeName) ?? this.compile(typeName);
      }
      const entry: FieldEntry = { kind, child };
      if (f.number < DENSE_LIMIT) {
        while (dense.length <= f.number) dense.push(undefined);
        dense[f.number] = entry;
      } else {
        sparse.set(f.number, entry);
      }
    }
    return table;
  }

  private goType(fullName: string, file: string): string {
    const pkg = this.registry.file(file)?.package ?? "";
    const relative = pkg === "" ? fullName : fullName.slice(pkg.length + 1);
    return `*${GO_PACKAGE_NAMES.get(pkg) ?? "types"}.${relative.replace(/\./g, "_")}`;
  }
}

/** The interface registry's Resolve: a type URL to the table of its message, or undefined. */
export type TypeResolver = (typeUrl: string) => MessageTable | undefined;

// ---- the walk ----

// Scratch results of readTag / skipValue (see the module comment): the position after what was
// read, the tag's wire type, and where a BYTES value's payload starts.
let scratchNext = 0;
let scratchWireType = 0;
let scratchPayload = 0;

/** ConsumeTag: the field number (wire type and end in scratch), or -1 for a malformed tag. */
function readTag(buf: Uint8Array, pos: number, end: number): number {
  // One- and two-byte tags (field numbers below 2048) take the fast path.
  if (pos < end) {
    const b0 = buf[pos] as number;
    if (b0 < 0x80) {
      scratchWireType = b0 & 7;
      scratchNext = pos + 1;
      return b0 >>> 3 === 0 ? -1 : b0 >>> 3;
    }
    if (pos + 1 < end) {
      const b1 = buf[pos + 1] as number;
      if (b1 < 0x80) {
        const v = (b0 & 0x7f) | (b1 << 7);
        scratchWireType = v & 7;
        scratchNext = pos + 2;
        return v >>> 3 === 0 ? -1 : v >>> 3;
      }
    }
  }
  const t = consumeTag(buf, pos, end);
  if (t.n < 0) return -1;
  scratchWireType = t.wireType;
  scratchNext = pos + t.n;
  return t.num;
}

/** ConsumeFieldValue: the position after the value (payload start in scratch for BYTES), or -1. */
function skipValue(num: number, wireType: number, buf: Uint8Array, pos: number, end: number): number {
  switch (wireType) {
    case 0:
      for (let i = 0; i < 10 && pos + i < end; i++) {
        const b = buf[pos + i] as number;
        if (b < 0x80) return pos + i + 1;
        if (i === 8 && (buf[pos + 9] ?? 0) > 1) return -1; // a 10th byte above 1 overflows 64 bits
      }
      return -1;
    case 1:
      return pos + 8 <= end ? pos + 8 : -1;
    case 5:
      return pos + 4 <= end ? pos + 4 : -1;
    case 2: {
      let len: number;
      let start: number;
      const b0 = pos < end ? (buf[pos] as number) : 0x80;
      const b1 = pos + 1 < end ? (buf[pos + 1] as number) : 0x80;
      if (b0 < 0x80) {
        len = b0;
        start = pos + 1;
      } else if (b1 < 0x80) {
        len = (b0 & 0x7f) | (b1 << 7);
        start = pos + 2;
      } else {
        const v = consumeSmallVarint(buf, pos, end);
        if (v.n < 0) return -1;
        len = v.value;
        start = pos + v.n;
      }
      if (len > end - start) return -1;
      scratchPayload = start;
      return start + len;
    }
    default: {
      // Groups (skipped whole, as protowire does) and reserved wire types: rare, so no fast path.
      const n = consumeFieldValue(num, wireType, buf, pos, end);
      return n < 0 ? -1 : pos + n;
    }
  }
}

function consumeError(num: number, wireType: number, buf: Uint8Array, pos: number, end: number): WireError {
  const code = consumeFieldValue(num, wireType, buf, pos, end);
  return new WireError(`could not consume field value for tagNum: ${num}, wireType: "${wireTypeName(wireType)}"; ${wireErrorText(code)}`);
}

function mismatched(goType: string, num: number, got: number, want: number): WireError {
  return new WireError(`Mismatched "${goType}": {TagNum: ${num}, GotWireType: "${wireTypeName(got)}" != WantWireType: "${wireTypeName(want)}"}`);
}

function unknownField(goType: string, num: number, wireType: number): WireError {
  return new WireError(`errUnknownField "${goType}": {TagNum: ${num}, WireType: "${wireTypeName(wireType)}"}`);
}

const ANY_GO_TYPE = "*types.Any";
const textDecoder = new TextDecoder();

/** A type URL's text; ASCII (every registered URL) without TextDecoder's call overhead. */
function typeUrlText(buf: Uint8Array, start: number, end: number): string {
  let s = "";
  for (let i = start; i < end; i++) {
    const c = buf[i] as number;
    if (c >= 0x80) return textDecoder.decode(buf.subarray(start, end));
    s += String.fromCharCode(c);
  }
  return s;
}

/**
 * RejectUnknownFields over `bytes` as a `root` message. Returns whether non-critical unknown fields
 * were seen (allowed only when `allowNonCritical`). Throws WireError.
 */
export function rejectUnknownFields(bytes: Uint8Array, root: MessageTable, allowNonCritical: boolean, resolve: TypeResolver): boolean {
  return walk(bytes, 0, bytes.length, root, 0, allowNonCritical, resolve);
}

function walk(buf: Uint8Array, start: number, end: number, table: MessageTable, depth: number, allow: boolean, resolve: TypeResolver): boolean {
  if (start >= end) return false; // an empty message is always fine (checked before the depth, as Go does)
  if (depth >= MAX_DEPTH) throw new WireError("recursion limit reached");
  const dense = table.dense;
  let nonCritical = false;
  let pos = start;
  while (pos < end) {
    const num = readTag(buf, pos, end);
    if (num < 0) throw new WireError("invalid length");
    const wireType = scratchWireType;
    const valueStart = scratchNext;
    const field = num < dense.length ? dense[num] : num >= DENSE_LIMIT ? table.sparse.get(num) : undefined;
    if (field !== undefined) {
      if (ACCEPTS[field.kind * 8 + wireType] !== 1) throw mismatched(table.goType, num, wireType, WANTED_WIRE_TYPE[field.kind] as number);
    } else {
      if ((num & BIT11_NON_CRITICAL) === 0 || !allow) throw unknownField(table.goType, num, wireType);
      nonCritical = true;
    }
    const next = skipValue(num, wireType, buf, valueStart, end);
    if (next < 0) throw consumeError(num, wireType, buf, valueStart, end);
    if (field !== undefined && wireType === 2) {
      if (field.kind === K_MESSAGE) {
        if (walk(buf, scratchPayload, next, field.child as MessageTable, depth + 1, allow, resolve)) nonCritical = true;
      } else if (field.kind === K_ANY) {
        if (walkAny(buf, scratchPayload, next, depth + 1, allow, resolve)) nonCritical = true;
      }
    }
    pos = next;
  }
  return nonCritical;
}

/**
 * A google.protobuf.Any: first checked as an Any (type_url = 1, value = 2), then its value as the
 * message its type URL resolves to, both one level down (as the SDK does). The last type_url and
 * value on the wire win, as in any protobuf decoder.
 */
function walkAny(buf: Uint8Array, start: number, end: number, depth: number, allow: boolean, resolve: TypeResolver): boolean {
  let nonCritical = false;
  let urlStart = 0;
  let urlEnd = 0;
  let valueStart = 0;
  let valueEnd = 0;
  if (start < end && depth >= MAX_DEPTH) throw new WireError("recursion limit reached");
  let pos = start;
  while (pos < end) {
    const num = readTag(buf, pos, end);
    if (num < 0) throw new WireError("invalid length");
    const wireType = scratchWireType;
    const at = scratchNext;
    if (num === 1 || num === 2) {
      if (wireType !== 2) throw mismatched(ANY_GO_TYPE, num, wireType, 2);
    } else {
      if ((num & BIT11_NON_CRITICAL) === 0 || !allow) throw unknownField(ANY_GO_TYPE, num, wireType);
      nonCritical = true;
    }
    const next = skipValue(num, wireType, buf, at, end);
    if (next < 0) throw consumeError(num, wireType, buf, at, end);
    if (num === 1) {
      urlStart = scratchPayload;
      urlEnd = next;
    } else if (num === 2) {
      valueStart = scratchPayload;
      valueEnd = next;
    }
    pos = next;
  }
  const typeUrl = typeUrlText(buf, urlStart, urlEnd);
  const table = resolve(typeUrl);
  if (table === undefined) throw new WireError(`unable to resolve type URL ${typeUrl}`);
  if (walk(buf, valueStart, valueEnd, table, depth, allow, resolve)) nonCritical = true;
  return nonCritical;
}
