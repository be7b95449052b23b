/**
 * Everything the commit store keeps in its one lmdb environment, in one place.
 *
 * Sub-databases (all binary keys and values):
 *   nodes    storeId u16 ‖ version u64 ‖ nonce u32          → encoded IAVL node (iavl-node.ts)
 *   orphans  lastLiveVersion u64 ‖ storeId u16            → (version u64 ‖ nonce u32)*
 *            nodes of that store that left the tree at lastLiveVersion + 1, so pruning every version
 *            ≤ lastLiveVersion may delete them (one record per store and version keeps commits cheap)
 *   flat     storeId u16 ‖ key                            → value of the latest committed state
 *   commits  version u64                                  → commit info (commit-info.ts)
 *   meta     "latest" → u64, "earliest" → u64, "store/" ‖ name → storeId u16
 * Big-endian integers keep numeric order equal to byte order, so ranges over versions are lmdb ranges.
 */
import { concatBytes, encodeU64BE, utf8, writeU32BE, writeU64BE } from "./bytes";
import type { Bytes } from "./types";

export const DB_NODES = "nodes";
export const DB_ORPHANS = "orphans";
export const DB_FLAT = "flat";
export const DB_COMMITS = "commits";
export const DB_META = "meta";

export const META_LATEST = Buffer.from("latest");
export const META_EARLIEST = Buffer.from("earliest");
export const META_STORE_PREFIX = "store/";

export const STORE_ID_LENGTH = 2;
export const MAX_STORE_ID = 0xfffe; // 0xffff would leave the last store's flat range without an end key

export function storeIdBytes(id: number): Buffer {
  const b = Buffer.allocUnsafe(2);
  b[0] = id >>> 8;
  b[1] = id & 0xff;
  return b;
}

export function metaStoreKey(name: string): Buffer {
  return Buffer.from(concatBytes(utf8(META_STORE_PREFIX), utf8(name)));
}

export function nodeRecordKey(storeId: number, version: number, nonce: number): Buffer {
  const b = Buffer.allocUnsafe(14);
  b[0] = storeId >>> 8;
  b[1] = storeId & 0xff;
  writeU64BE(b, 2, version);
  writeU32BE(b, 10, nonce);
  return b;
}

export function orphanRecordKey(lastLiveVersion: number, storeId: number): Buffer {
  const b = Buffer.allocUnsafe(10);
  writeU64BE(b, 0, lastLiveVersion);
  b[8] = storeId >>> 8;
  b[9] = storeId & 0xff;
  return b;
}

export function versionKey(version: number): Buffer {
  return Buffer.from(encodeU64BE(version));
}

export function flatKey(storeId: number, key: Bytes): Buffer {
  const b = Buffer.allocUnsafe(STORE_ID_LENGTH + key.length);
  b[0] = storeId >>> 8;
  b[1] = storeId & 0xff;
  b.set(key, STORE_ID_LENGTH);
  return b;
}
