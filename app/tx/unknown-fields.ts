/**
 * Rejection of unknown protobuf fields in a tx, as the SDK's codec/unknownproto does before
 * decoding (RejectUnknownFields / RejectUnknownFieldsStrict):
 *
 * - a field number the message does not declare is an error, unless it is non-critical (bit 11 of
 *   the number set, i.e. `num & 1024`) and non-critical fields are allowed (TxBody only);
 * - a declared field whose wire type cannot encode its type is an error;
 * - nested messages are checked recursively, and so are the contents of every google.protobuf.Any,
 *   after resolving its type URL (an unresolvable type URL is an error).
 *
 * The tx envelope (TxRaw, TxBody, AuthInfo and everything below them, public keys included) is
 * described by the schemas in this file, so it is checked exactly. Message contents are checked
 * against their codec (see `checkMessageFields`): every field the codec drops on a decode/encode
 * round trip must hold its zero value. That catches every unknown top-level field carrying data;
 * unknown fields inside a message's nested sub-messages are not detected (the codecs carry no
 * descriptors).
 *
 * The walk is iterative with a depth bound of MAX_DEPTH (the SDK allows 10 000): a deterministic
 * error for absurdly nested input instead of a JS stack overflow, whose depth would vary by node.
 */
import type { ProtoCodec } from "../codec";
import {
  WIRE_BYTES,
  WIRE_FIXED32,
  WIRE_FIXED64,
  WIRE_VARINT,
  bytesPayload,
  consumeFieldValue,
  consumeSmallVarint,
  consumeTag,
  isZeroValue,
  readFields,
  wireErrorText,
  wireTypeName,
} from "./proto-wire";

export const MAX_DEPTH = 100;
const BIT11_NON_CRITICAL = 1 << 10;

/** What a field holds, for the wire-type check and the recursion. */
export type FieldKind =
  | { readonly kind: "varint"; readonly goName: string }
  | { readonly kind: "string" | "bytes" }
  | { readonly kind: "message"; readonly schema: () => MessageSchema }
  | { readonly kind: "any" };

export interface MessageSchema {
  /** The Go type as reflect prints it ("*tx.TxBody"), for error texts. */
  readonly goType: string;
  readonly fields: ReadonlyMap<number, FieldKind>;
}

function schema(goType: string, fields: [number, FieldKind][]): MessageSchema {
  return { goType, fields: new Map(fields) };
}

const STRING: FieldKind = { kind: "string" };
const BYTES: FieldKind = { kind: "bytes" };
const ANY: FieldKind = { kind: "any" };
const varint = (goName: string): FieldKind => ({ kind: "varint", goName });
const message = (s: () => MessageSchema): FieldKind => ({ kind: "message", schema: s });

export const ANY_SCHEMA = schema("*types.Any", [
  [1, STRING],
  [2, BYTES],
]);
export const COIN_SCHEMA = schema("*types.Coin", [
  [1, STRING],
  [2, STRING],
]);
export const TX_RAW_SCHEMA = schema("*tx.TxRaw", [
  [1, BYTES],
  [2, BYTES],
  [3, BYTES],
]);
export const TX_BODY_SCHEMA = schema("*tx.TxBody", [
  [1, ANY],
  [2, STRING],
  [3, varint("TimeoutHeight")],
  [1023, ANY],
  [2047, ANY],
]);
const COMPACT_BIT_ARRAY_SCHEMA = schema("*types.CompactBitArray", [
  [1, varint("ExtraBitsStored")],
  [2, BYTES],
]);
const MODE_INFO_SINGLE_SCHEMA = schema("*tx.ModeInfo_Single", [[1, varint("Mode")]]);
const MODE_INFO_MULTI_SCHEMA: MessageSchema = schema("*tx.ModeInfo_Multi", [
  [1, message(() => COMPACT_BIT_ARRAY_SCHEMA)],
  [2, message(() => MODE_INFO_SCHEMA)],
]);
const MODE_INFO_SCHEMA: MessageSchema = schema("*tx.ModeInfo", [
  [1, message(() => MODE_INFO_SINGLE_SCHEMA)],
  [2, message(() => MODE_INFO_MULTI_SCHEMA)],
]);
const SIGNER_INFO_SCHEMA = schema("*tx.SignerInfo", [
  [1, ANY],
  [2, message(() => MODE_INFO_SCHEMA)],
  [3, varint("Sequence")],
]);
const FEE_SCHEMA = schema("*tx.Fee", [
  [1, message(() => COIN_SCHEMA)],
  [2, varint("GasLimit")],
  [3, STRING],
  [4, STRING],
]);
const TIP_SCHEMA = schema("*tx.Tip", [
  [1, message(() => COIN_SCHEMA)],
  [2, STRING],
]);
export const AUTH_INFO_SCHEMA = schema("*tx.AuthInfo", [
  [1, message(() => SIGNER_INFO_SCHEMA)],
  [2, message(() => FEE_SCHEMA)],
  [3, message(() => TIP_SCHEMA)],
]);
export const SECP256K1_PUBKEY_SCHEMA = schema("*secp256k1.PubKey", [[1, BYTES]]);
export const ED25519_PUBKEY_SCHEMA = schema("*ed25519.PubKey", [[1, BYTES]]);
export const MULTISIG_PUBKEY_SCHEMA = schema("*multisig.LegacyAminoPubKey", [
  [1, varint("Threshold")],
  [2, ANY],
]);
/** cosmos.crypto.multisig.v1beta1.MultiSignature (the signature bytes of a multisig signer). */
export const MULTI_SIGNATURE_SCHEMA = schema("*types.MultiSignature", [[1, BYTES]]);

/** What a type URL found in an Any resolves to. */
export type ResolvedType =
  | { readonly kind: "schema"; readonly schema: MessageSchema }
  | { readonly kind: "message"; readonly goType: string; readonly codec: ProtoCodec<unknown> };

/** The interface registry's Resolve: a type URL to what checks its contents, or undefined. */
export type TypeResolver = (typeUrl: string) => ResolvedType | undefined;

/** A decode failure with the SDK's text; the decoder wraps it in ErrTxDecode. */
export class WireError extends Error {}

function mismatched(goType: string, num: number, got: number, want: number): WireError {
  return new WireError(`Mismatched "${goType}": {TagNum: ${num}, GotWireType: "${wireTypeName(got)}" != WantWireType: "${wireTypeName(want)}"}`);
}

function unknownField(goType: string, num: number, wireType: number): WireError {
  return new WireError(`errUnknownField "${goType}": {TagNum: ${num}, WireType: "${wireTypeName(wireType)}"}`);
}

/** canEncodeType: varint-typed fields also accept BYTES (packed repeated); the rest need BYTES. */
function wantedWireType(kind: FieldKind, wireType: number): number | undefined {
  if (kind.kind === "varint") return wireType === WIRE_VARINT || wireType === WIRE_BYTES ? undefined : WIRE_VARINT;
  return wireType === WIRE_BYTES ? undefined : WIRE_BYTES;
}

interface Frame {
  readonly buf: Uint8Array;
  pos: number;
  readonly end: number;
  readonly schema: MessageSchema;
  readonly depth: number;
}

/**
 * RejectUnknownFields over `bytes` as a `root` message. Returns whether non-critical unknown fields
 * were seen (allowed only when `allowNonCritical`). Throws WireError.
 */
export function rejectUnknownFields(bytes: Uint8Array, root: MessageSchema, allowNonCritical: boolean, resolve: TypeResolver): boolean {
  let hasNonCritical = false;
  const stack: Frame[] = [];
  const enter = (buf: Uint8Array, start: number, end: number, s: MessageSchema, depth: number): void => {
    if (end <= start) return; // an empty message is always fine (checked before the depth, as Go does)
    if (depth >= MAX_DEPTH) throw new WireError("recursion limit reached");
    stack.push({ buf, pos: start, end, schema: s, depth });
  };
  enter(bytes, 0, bytes.length, root, 0);

  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    if (frame.pos >= frame.end) {
      stack.pop();
      continue;
    }
    const { buf, end, schema: s } = frame;
    const tag = consumeTag(buf, frame.pos, end);
    if (tag.n < 0) throw new WireError("invalid length");
    const kind = s.fields.get(tag.num);
    if (kind !== undefined) {
      const want = wantedWireType(kind, tag.wireType);
      if (want !== undefined) throw mismatched(s.goType, tag.num, tag.wireType, want);
    } else {
      const critical = (tag.num & BIT11_NON_CRITICAL) === 0;
      if (!critical) hasNonCritical = true;
      if (critical || !allowNonCritical) throw unknownField(s.goType, tag.num, tag.wireType);
    }
    const valueStart = frame.pos + tag.n;
    const n = consumeFieldValue(tag.num, tag.wireType, buf, valueStart, end);
    if (n < 0) {
      throw new WireError(`could not consume field value for tagNum: ${tag.num}, wireType: "${wireTypeName(tag.wireType)}"; ${wireErrorText(n)}`);
    }
    frame.pos = valueStart + n;
    if (kind === undefined || kind.kind === "varint" || kind.kind === "string" || kind.kind === "bytes") continue;

    const len = consumeSmallVarint(buf, valueStart, end);
    const payloadStart = valueStart + len.n;
    const payloadEnd = valueStart + n;
    if (kind.kind === "message") {
      enter(buf, payloadStart, payloadEnd, kind.schema(), frame.depth + 1);
      continue;
    }
    // google.protobuf.Any: check the Any itself, then its contents as the resolved type.
    const inner = buf.subarray(payloadStart, payloadEnd);
    if (inner.length > 0 && frame.depth + 1 >= MAX_DEPTH) throw new WireError("recursion limit reached");
    hasNonCritical = rejectUnknownFields(inner, ANY_SCHEMA, allowNonCritical, resolve) || hasNonCritical;
    const { typeUrl, value } = readAny(inner);
    const resolved = resolve(typeUrl);
    if (resolved === undefined) throw new WireError(`unable to resolve type URL ${typeUrl}`);
    if (resolved.kind === "schema") {
      enter(value, 0, value.length, resolved.schema, frame.depth + 1);
    } else {
      hasNonCritical = checkMessageFields(value, resolved.goType, resolved.codec, allowNonCritical) || hasNonCritical;
    }
  }
  return hasNonCritical;
}

/** An Any's type URL and value (the last occurrence of each wins, as in any protobuf decoder). */
export function readAny(bytes: Uint8Array): { typeUrl: string; value: Uint8Array } {
  let typeUrl = "";
  let value: Uint8Array = new Uint8Array();
  for (const f of readFields(bytes)) {
    if (f.wireType !== WIRE_BYTES) continue;
    if (f.num === 1) typeUrl = new TextDecoder().decode(bytesPayload(bytes, f));
    else if (f.num === 2) value = bytesPayload(bytes, f);
  }
  return { typeUrl, value };
}

/**
 * The unknown-field check for a message known only by its codec: decode, re-encode, and require
 * every top-level field missing from the re-encoding to hold a zero value (a declared field sent
 * with its default is fine; an undeclared one carrying data is not). Returns whether non-critical
 * unknown fields were seen.
 */
export function checkMessageFields(value: Uint8Array, goType: string, codec: ProtoCodec<unknown>, allowNonCritical: boolean): boolean {
  if (value.length === 0) return false;
  let fields;
  try {
    fields = readFields(value);
  } catch (err) {
    throw new WireError((err as Error).message);
  }
  let canonical: Uint8Array;
  try {
    canonical = codec.encode(codec.decode(value)).finish();
  } catch (err) {
    throw new WireError(`failed to decode ${goType}: ${(err as Error).message}`);
  }
  const known = new Set(readFields(canonical).map((f) => f.num));
  let hasNonCritical = false;
  for (const f of fields) {
    if (known.has(f.num) || isZeroValue(value, f)) continue;
    if (f.wireType !== WIRE_VARINT && f.wireType !== WIRE_BYTES && f.wireType !== WIRE_FIXED32 && f.wireType !== WIRE_FIXED64) {
      throw unknownField(goType, f.num, f.wireType);
    }
    const critical = (f.num & BIT11_NON_CRITICAL) === 0;
    if (!critical) hasNonCritical = true;
    if (critical || !allowNonCritical) throw unknownField(goType, f.num, f.wireType);
  }
  return hasNonCritical;
}
