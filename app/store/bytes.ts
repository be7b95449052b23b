/**
 * Byte helpers shared by the store and by every module that builds store keys.
 *
 * Keys order as unsigned bytes (memcmp order). Integers inside keys are big-endian and fixed width so
 * that numeric order equals byte order.
 */
import type { Bytes } from "./types";

const EMPTY = new Uint8Array(0);
const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder("utf-8", { fatal: true });

/** memcmp order: negative when `a < b`, 0 when equal, positive when `a > b`. */
export function compareBytes(a: Bytes, b: Bytes): number {
  if (a === b) return 0;
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

export function equalBytes(a: Bytes, b: Bytes): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function concatBytes(...parts: readonly Bytes[]): Bytes {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/**
 * A private copy, so later mutation of the caller's buffer cannot reach stored data. (Not `.slice()`:
 * on a Node Buffer that returns a view sharing memory.)
 */
export function copyBytes(b: Bytes): Bytes {
  return b.length === 0 ? EMPTY : new Uint8Array(b);
}

export function utf8(s: string): Bytes {
  return textEncoder.encode(s);
}

export function fromUtf8(b: Bytes): string {
  return textDecoder.decode(b);
}

export function toHex(b: Bytes): string {
  return Buffer.from(b.buffer, b.byteOffset, b.length).toString("hex");
}

export function fromHex(hex: string): Bytes {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new Error(`invalid hex: ${hex}`);
  return new Uint8Array(Buffer.from(hex, "hex"));
}

const TWO_32 = 0x1_0000_0000;

/** Big-endian 8-byte encoding of a non-negative safe integer (heights, sequence numbers, ids). */
export function encodeU64BE(n: number): Bytes {
  const out = new Uint8Array(8);
  writeU64BE(out, 0, n);
  return out;
}

export function writeU64BE(out: Uint8Array, offset: number, n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a non-negative safe integer: ${n}`);
  const hi = Math.floor(n / TWO_32);
  const lo = n - hi * TWO_32;
  writeU32BE(out, offset, hi);
  writeU32BE(out, offset + 4, lo);
}

/** Reads 8 big-endian bytes; throws if the value does not fit a safe integer. */
export function decodeU64BE(b: Bytes, offset = 0): number {
  if (b.length < offset + 8) throw new RangeError("u64: buffer too short");
  const hi = readU32BE(b, offset);
  const lo = readU32BE(b, offset + 4);
  if (hi > 0x1f_ffff) throw new RangeError("u64: value exceeds Number.MAX_SAFE_INTEGER");
  return hi * TWO_32 + lo;
}

/**
 * One 8-byte scratch buffer for u64 conversions: `new DataView(bytes.buffer)` on a small typed
 * array makes V8 move its contents off the heap into a new ArrayBuffer (~250 ns and work for the
 * GC's array buffer sweeper), which store keys paid several times per tx.
 */
const u64Scratch = new DataView(new ArrayBuffer(8));
const u64ScratchBytes = new Uint8Array(u64Scratch.buffer);

/** Big-endian u64 from a bigint (any value in [0, 2^64)). */
export function encodeU64BEBig(n: bigint): Bytes {
  if (n < 0n || n >= 1n << 64n) throw new RangeError(`u64 out of range: ${n}`);
  u64Scratch.setBigUint64(0, n, false);
  return u64ScratchBytes.slice();
}

export function decodeU64BEBig(b: Bytes, offset = 0): bigint {
  if (b.length < offset + 8) throw new RangeError("u64: buffer too short");
  u64ScratchBytes.set(b.subarray(offset, offset + 8));
  return u64Scratch.getBigUint64(0, false);
}

/**
 * Node's native latin1 reader, which takes any Uint8Array: it copies a small on-heap array's bytes
 * out, where `Buffer.from(b.buffer, ...)` would first move the array off the heap.
 */
const latin1Slice = (Buffer.prototype as unknown as { readonly latin1Slice: (this: Uint8Array, start: number, end: number) => string }).latin1Slice;

/** The bytes as a string of char codes 0-255 (a Map key): equal bytes, equal strings. */
export function latin1Key(b: Bytes): string {
  return latin1Slice.call(b, 0, b.length);
}

export function writeU32BE(out: Uint8Array, offset: number, n: number): void {
  out[offset] = (n >>> 24) & 0xff;
  out[offset + 1] = (n >>> 16) & 0xff;
  out[offset + 2] = (n >>> 8) & 0xff;
  out[offset + 3] = n & 0xff;
}

export function readU32BE(b: Bytes, offset: number): number {
  return (
    (((b[offset] as number) << 24) >>> 0) +
    ((b[offset + 1] as number) << 16) +
    ((b[offset + 2] as number) << 8) +
    (b[offset + 3] as number)
  );
}

export function encodeU32BE(n: number): Bytes {
  if (!Number.isInteger(n) || n < 0 || n > 0xffff_ffff) throw new RangeError(`not a u32: ${n}`);
  const out = new Uint8Array(4);
  writeU32BE(out, 0, n);
  return out;
}

/**
 * The smallest key greater than every key that starts with `prefix`, i.e. the exclusive end of the
 * prefix range; undefined when there is none (empty prefix, or all 0xff), meaning "no upper bound".
 */
export function prefixEnd(prefix: Bytes): Bytes | undefined {
  let i = prefix.length - 1;
  while (i >= 0 && prefix[i] === 0xff) i--;
  if (i < 0) return undefined;
  const end = new Uint8Array(prefix.subarray(0, i + 1)); // a copy, even when given a Buffer
  end[i] = (end[i] as number) + 1;
  return end;
}

export function hasPrefix(key: Bytes, prefix: Bytes): boolean {
  if (key.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (key[i] !== prefix[i]) return false;
  return true;
}

// ---- varints (protobuf / Go encoding/binary) ----------------------------------------------------

/** Bytes needed for an unsigned LEB128 varint of `n` (a non-negative integer, may exceed 2^53 if even). */
export function uvarintSize(n: number): number {
  let size = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}

/**
 * Writes `n` as an unsigned varint (Go `binary.PutUvarint`) and returns the new offset. Uses division
 * rather than bit operations so values above 2^31 (IAVL sizes, versions, zigzag doubles) stay exact.
 */
export function putUvarint(out: Uint8Array, offset: number, n: number): number {
  while (n >= 0x80) {
    out[offset++] = (n % 128) | 0x80;
    n = Math.floor(n / 128);
  }
  out[offset++] = n;
  return offset;
}

/** Go `binary.PutVarint` (zigzag) for non-negative integers: 2n, exact in a double for every safe n. */
export function putZigzagVarint(out: Uint8Array, offset: number, n: number): number {
  if (n < 0) throw new RangeError("negative varint not supported");
  return putUvarint(out, offset, n * 2);
}

export function zigzagVarintSize(n: number): number {
  return uvarintSize(n * 2);
}

/** Reads an unsigned varint; returns [value, newOffset]. */
export function readUvarint(b: Bytes, offset: number): [number, number] {
  let result = 0;
  let mul = 1;
  for (let i = 0; i < 10; i++) {
    const byte = b[offset++];
    if (byte === undefined) throw new RangeError("uvarint: buffer too short");
    result += (byte & 0x7f) * mul;
    if (byte < 0x80) return [result, offset];
    mul *= 128;
  }
  throw new RangeError("uvarint: too long");
}

export function encodeUvarint(n: number): Bytes {
  const out = new Uint8Array(uvarintSize(n));
  putUvarint(out, 0, n);
  return out;
}

/** uvarint length ‖ bytes, as Go `EncodeBytes` in IAVL and `KVPair.Bytes` in the SDK write it. */
export function lengthPrefixed(b: Bytes): Bytes {
  const out = new Uint8Array(uvarintSize(b.length) + b.length);
  const off = putUvarint(out, 0, b.length);
  out.set(b, off);
  return out;
}
