/**
 * Per-version commit info and the multistore app hash.
 *
 * The app hash is computed as cosmos-sdk rootmulti's `CommitInfo.Hash()`: `maps.HashFromMap` over
 * storeName → store root hash, i.e. a CometBFT simple Merkle tree (RFC 6962: leaf = sha256(0x00 ‖ leaf),
 * inner = sha256(0x01 ‖ left ‖ right), split at the largest power of two below n) whose leaves, sorted
 * by name bytes, are `KVPair.Bytes()`: uvarint-len ‖ name ‖ uvarint-len ‖ sha256(rootHash).
 * No stores at all gives sha256 of nothing, as the SDK special-cases.
 */
import { compareBytes, concatBytes, copyBytes, decodeU64BE, fromUtf8, lengthPrefixed, putUvarint, readU32BE, readUvarint, utf8, uvarintSize, writeU32BE, writeU64BE } from "./bytes";
import { EMPTY_HASH, HASH_LENGTH, sha256 } from "./iavl-node";
import type { Bytes } from "./types";

export interface StoreCommitInfo {
  readonly name: string;
  readonly storeId: number;
  /** Node key of the store's root at this version; version 0 when the tree is empty. */
  readonly rootVersion: number;
  readonly rootNonce: number;
  /** The store's IAVL root hash (sha256 of nothing when empty). */
  readonly hash: Bytes;
}

export interface CommitInfo {
  readonly version: number;
  readonly appHash: Bytes;
  /** Sorted by name bytes. */
  readonly stores: readonly StoreCommitInfo[];
}

const LEAF_PREFIX = new Uint8Array([0]);
const INNER_PREFIX = new Uint8Array([1]);

/** CometBFT `merkle.HashFromByteSlices`. */
export function simpleMerkleRoot(items: readonly Bytes[]): Bytes {
  if (items.length === 0) return EMPTY_HASH;
  return merkleRange(items, 0, items.length);
}

function merkleRange(items: readonly Bytes[], from: number, to: number): Bytes {
  const n = to - from;
  if (n === 1) return sha256(concatBytes(LEAF_PREFIX, items[from] as Bytes));
  let k = 1;
  while (k * 2 < n) k *= 2;
  return sha256(concatBytes(INNER_PREFIX, merkleRange(items, from, from + k), merkleRange(items, from + k, to)));
}

const ASCII = /^[^\u0080-\uffff]*$/;

/** Store names in the order of their UTF-8 bytes. */
export function compareNames(a: string, b: string): number {
  // ASCII names (every store name) order by UTF-16 code unit exactly as by UTF-8 byte: no encoding
  // (a tx's branch sorts its touched stores' names at every write).
  if (ASCII.test(a) && ASCII.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  return compareBytes(utf8(a), utf8(b));
}

/** The app hash over (store name, root hash) pairs, in any order (they are sorted by name bytes here). */
export function appHashOf(stores: readonly { readonly name: string; readonly hash: Bytes }[]): Bytes {
  if (stores.length === 0) return EMPTY_HASH;
  const leaves = stores
    .map((s) => ({ name: utf8(s.name), hash: s.hash }))
    .sort((a, b) => compareBytes(a.name, b.name))
    .map((s) => concatBytes(lengthPrefixed(s.name), lengthPrefixed(sha256(s.hash))));
  return simpleMerkleRoot(leaves);
}

// Encoding: format u8 (1) ‖ version u64 ‖ appHash[32] ‖ uvarint count ‖ per store:
//   uvarint nameLen ‖ name ‖ storeId u16 ‖ rootVersion u64 ‖ rootNonce u32 ‖ hash[32]
const FORMAT = 1;

export function encodeCommitInfo(info: CommitInfo): Buffer {
  const names = info.stores.map((s) => utf8(s.name));
  let len = 1 + 8 + HASH_LENGTH + uvarintSize(info.stores.length);
  for (const n of names) len += uvarintSize(n.length) + n.length + 2 + 8 + 4 + HASH_LENGTH;
  const out = Buffer.alloc(len);
  out[0] = FORMAT;
  writeU64BE(out, 1, info.version);
  out.set(info.appHash, 9);
  let off = putUvarint(out, 9 + HASH_LENGTH, info.stores.length);
  info.stores.forEach((s, i) => {
    const name = names[i] as Bytes;
    off = putUvarint(out, off, name.length);
    out.set(name, off);
    off += name.length;
    out[off++] = s.storeId >>> 8;
    out[off++] = s.storeId & 0xff;
    writeU64BE(out, off, s.rootVersion);
    writeU32BE(out, off + 8, s.rootNonce);
    out.set(s.hash, off + 12);
    off += 12 + HASH_LENGTH;
  });
  return out;
}

export function decodeCommitInfo(buf: Uint8Array): CommitInfo {
  if (buf[0] !== FORMAT) throw new Error(`store: unknown commit info format ${buf[0]}`);
  const version = decodeU64BE(buf, 1);
  const appHash = copyBytes(buf.subarray(9, 9 + HASH_LENGTH));
  const [count, afterCount] = readUvarint(buf, 9 + HASH_LENGTH);
  let off = afterCount;
  const stores: StoreCommitInfo[] = [];
  for (let i = 0; i < count; i++) {
    let nameLen: number;
    [nameLen, off] = readUvarint(buf, off);
    const name = fromUtf8(buf.subarray(off, off + nameLen));
    off += nameLen;
    const storeId = ((buf[off] as number) << 8) | (buf[off + 1] as number);
    off += 2;
    const rootVersion = decodeU64BE(buf, off);
    const rootNonce = readU32BE(buf, off + 8);
    const hash = copyBytes(buf.subarray(off + 12, off + 12 + HASH_LENGTH));
    off += 12 + HASH_LENGTH;
    stores.push({ name, storeId, rootVersion, rootNonce, hash });
  }
  return { version, appHash, stores };
}
