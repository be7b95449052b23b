/**
 * The protobuf wire format at the level google.golang.org/protobuf/encoding/protowire works at:
 * tags, varints, field values. Every consumer returns the number of bytes read, or a negative error
 * code whose text (`wireErrorText`) is protowire's ParseError text, so that decode errors read as
 * the SDK's do.
 */

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_BYTES = 2;
export const WIRE_START_GROUP = 3;
export const WIRE_END_GROUP = 4;
export const WIRE_FIXED32 = 5;

const ERR_TRUNCATED = -1;
const ERR_FIELD_NUMBER = -2;
const ERR_OVERFLOW = -3;
const ERR_RESERVED = -4;
const ERR_END_GROUP = -5;
const ERR_RECURSION_DEPTH = -6;

/** protowire.ParseError texts. */
export function wireErrorText(code: number): string {
  switch (code) {
    case ERR_TRUNCATED:
      return "unexpected EOF";
    case ERR_FIELD_NUMBER:
      return "invalid field number";
    case ERR_OVERFLOW:
      return "variable length integer overflow";
    case ERR_RESERVED:
      return "cannot parse reserved wire type";
    case ERR_END_GROUP:
      return "mismatching end group marker";
    default:
      // Including the recursion limit: protowire's ParseError has no text of its own for it.
      return "parse error";
  }
}

/** protowire's wireTypeToString as unknownproto prints it. */
export function wireTypeName(wireType: number): string {
  switch (wireType) {
    case WIRE_VARINT:
      return "varint";
    case WIRE_FIXED64:
      return "fixed64";
    case WIRE_BYTES:
      return "bytes";
    case WIRE_START_GROUP:
      return "start_group";
    case WIRE_END_GROUP:
      return "end_group";
    case WIRE_FIXED32:
      return "fixed32";
    default:
      return `unknown type: ${wireType}`;
  }
}

export interface Varint {
  readonly value: bigint;
  /** Bytes read, or a negative error code. */
  readonly n: number;
}

/** ConsumeVarint over buf[pos, end): at most 10 bytes, the 10th at most 1. Non-minimal forms are accepted. */
export function consumeVarint(buf: Uint8Array, pos: number, end: number): Varint {
  let value = 0n;
  for (let i = 0; i < 10; i++) {
    if (pos + i >= end) return { value: 0n, n: ERR_TRUNCATED };
    const b = buf[pos + i] as number;
    if (i === 9 && b > 1) return { value: 0n, n: ERR_OVERFLOW };
    value |= BigInt(b & 0x7f) << BigInt(7 * i);
    if (b < 0x80) return { value, n: i + 1 };
  }
  return { value: 0n, n: ERR_OVERFLOW };
}

/** Fast path for the small varints of lengths and tags (falls back to bigint beyond 2^53). */
export function consumeSmallVarint(buf: Uint8Array, pos: number, end: number): { value: number; n: number } {
  let value = 0;
  let mul = 1;
  for (let i = 0; i < 7; i++) {
    if (pos + i >= end) return { value: 0, n: ERR_TRUNCATED };
    const b = buf[pos + i] as number;
    value += (b & 0x7f) * mul;
    if (b < 0x80) return { value, n: i + 1 };
    mul *= 128;
  }
  const v = consumeVarint(buf, pos, end);
  return { value: v.n < 0 ? 0 : v.value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(v.value), n: v.n };
}

/** The number of bytes the shortest varint for `n` takes. */
export function varintMinLength(n: bigint | number): number {
  let v = BigInt(n);
  let len = 1;
  while (v >= 0x80n) {
    v >>= 7n;
    len++;
  }
  return len;
}

export interface Tag {
  readonly num: number;
  readonly wireType: number;
  /** Bytes read, or a negative error code. */
  readonly n: number;
}

const MAX_INT32 = 0x7fffffff;

/** ConsumeTag: field numbers from 1 up to MaxInt32 (protowire's DecodeTag bound). */
export function consumeTag(buf: Uint8Array, pos: number, end: number): Tag {
  const v = consumeSmallVarint(buf, pos, end);
  if (v.n < 0) return { num: 0, wireType: 0, n: v.n };
  const num = Math.floor(v.value / 8);
  if (num < 1 || num > MAX_INT32) return { num: 0, wireType: 0, n: ERR_FIELD_NUMBER };
  return { num, wireType: v.value % 8, n: v.n };
}

/**
 * ConsumeFieldValue: the bytes of one field's value after its tag (for BYTES including the length
 * prefix), or a negative error code. Groups are skipped as protowire skips them, nested up to
 * `depth` (protowire's DefaultRecursionLimit).
 */
export function consumeFieldValue(num: number, wireType: number, buf: Uint8Array, pos: number, end: number, depth = 10_000): number {
  switch (wireType) {
    case WIRE_VARINT:
      return consumeVarint(buf, pos, end).n;
    case WIRE_FIXED32:
      return pos + 4 > end ? ERR_TRUNCATED : 4;
    case WIRE_FIXED64:
      return pos + 8 > end ? ERR_TRUNCATED : 8;
    case WIRE_BYTES: {
      const len = consumeSmallVarint(buf, pos, end);
      if (len.n < 0) return len.n;
      if (len.value > end - pos - len.n) return ERR_TRUNCATED;
      return len.n + len.value;
    }
    case WIRE_START_GROUP:
      return consumeGroup(num, buf, pos, end, depth);
    case WIRE_END_GROUP:
      return ERR_END_GROUP;
    default:
      return ERR_RESERVED;
  }
}

/**
 * A group's contents up to and including its end tag. Iterative, with the open groups' numbers on
 * an explicit stack: recursion would overflow the JS stack well before protowire's depth limit
 * (about 5 000 levels under tsx), at a depth that depends on how warm the JIT is, so nodes could
 * disagree on whether a tx decodes.
 */
function consumeGroup(num: number, buf: Uint8Array, pos: number, end: number, depth: number): number {
  if (depth < 0) return ERR_RECURSION_DEPTH;
  const open: number[] = [num];
  let p = pos;
  for (;;) {
    const tag = consumeTag(buf, p, end);
    if (tag.n < 0) return tag.n;
    p += tag.n;
    if (tag.wireType === WIRE_END_GROUP) {
      if (tag.num !== open.pop()) return ERR_END_GROUP;
      if (open.length === 0) return p - pos;
    } else if (tag.wireType === WIRE_START_GROUP) {
      // protowire enters a nested group one level deeper and checks the depth on entry.
      if (depth - open.length < 0) return ERR_RECURSION_DEPTH;
      open.push(tag.num);
    } else {
      const n = consumeFieldValue(tag.num, tag.wireType, buf, p, end);
      if (n < 0) return n;
      p += n;
    }
  }
}

/** One field as found on the wire. */
export interface WireField {
  readonly num: number;
  readonly wireType: number;
  /** Start of the value (after the tag) and its end, length prefix included for BYTES. */
  readonly valueStart: number;
  readonly valueEnd: number;
}

/** All top-level fields of a message; throws a plain Error on malformed input. */
export function readFields(buf: Uint8Array, start = 0, end = buf.length): WireField[] {
  const out: WireField[] = [];
  let pos = start;
  while (pos < end) {
    const tag = consumeTag(buf, pos, end);
    if (tag.n < 0) throw new Error(wireErrorText(tag.n));
    pos += tag.n;
    const n = consumeFieldValue(tag.num, tag.wireType, buf, pos, end);
    if (n < 0) throw new Error(wireErrorText(n));
    out.push({ num: tag.num, wireType: tag.wireType, valueStart: pos, valueEnd: pos + n });
    pos += n;
  }
  return out;
}

/** The payload of a BYTES field (without its length prefix). */
export function bytesPayload(buf: Uint8Array, field: WireField): Uint8Array {
  const len = consumeSmallVarint(buf, field.valueStart, field.valueEnd);
  return buf.subarray(field.valueStart + len.n, field.valueEnd);
}

/** Whether a field holds its type's zero value (0, empty), i.e. what an encoder would omit. */
export function isZeroValue(buf: Uint8Array, field: WireField): boolean {
  switch (field.wireType) {
    case WIRE_VARINT:
      return consumeVarint(buf, field.valueStart, field.valueEnd).value === 0n;
    case WIRE_FIXED32:
    case WIRE_FIXED64:
      for (let i = field.valueStart; i < field.valueEnd; i++) if (buf[i] !== 0) return false;
      return true;
    case WIRE_BYTES:
      return bytesPayload(buf, field).length === 0;
    default:
      return false;
  }
}
