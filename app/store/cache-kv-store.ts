/**
 * A write cache over a parent KV reader: the building block of every branch.
 *
 * Writes (sets and deletes) go to an ordered dirty set; reads look there first, then in the parent.
 * Iteration merges the dirty set over the parent, honouring deletes. `write()` pushes the dirty set
 * into the parent cache in one step.
 */
import { compareBytes, copyBytes } from "./bytes";
import { SortedBytesMap } from "./sorted-map";
import type { Bytes, KVPair, KVStore, KVStoreReader } from "./types";

/**
 * Longest key a store accepts. lmdb-js refuses keys over 1978 bytes; the latest-state index prefixes
 * keys with a 2-byte store id, and one more byte is kept free so that any iteration bound can be
 * clipped to MAX_KEY_LENGTH + 1 bytes without changing which keys it admits (see flat-store.ts).
 */
export const MAX_KEY_LENGTH = 1975;

/** A tombstone in a dirty set: the key is deleted in this layer. */
export type DirtyValue = Bytes | null;

export function validateKey(key: Bytes): void {
  if (!(key instanceof Uint8Array)) throw new TypeError("store key must be a Uint8Array");
  if (key.length === 0) throw new Error("store key must not be empty");
  if (key.length > MAX_KEY_LENGTH) {
    throw new Error(`store key is ${key.length} bytes, longer than the maximum of ${MAX_KEY_LENGTH}`);
  }
}

function validateValue(value: Bytes): void {
  if (!(value instanceof Uint8Array)) throw new TypeError("store value must be a Uint8Array");
}

const EMPTY_ITERATOR: KVPair[] = [];

/** A reader with nothing in it: the parent of a stand-alone in-memory store. */
export const EMPTY_READER: KVStoreReader = {
  get: () => undefined,
  has: () => false,
  iterate: () => EMPTY_ITERATOR[Symbol.iterator](),
};

export class CacheKVStore implements KVStore {
  private dirty = new SortedBytesMap<DirtyValue>();
  private revisionCounter = 0;

  constructor(private readonly parent: KVStoreReader) {}

  /** Bumped by every write into this layer; lets the commit store notice that its staged set changed. */
  get revision(): number {
    return this.revisionCounter;
  }

  /** Number of keys set or deleted in this layer. */
  get dirtyCount(): number {
    return this.dirty.size;
  }

  get(key: Bytes): Bytes | undefined {
    const v = this.dirty.get(key);
    if (v !== undefined) return v === null ? undefined : v;
    return this.parent.get(key);
  }

  has(key: Bytes): boolean {
    return this.get(key) !== undefined;
  }

  /** Key and value are copied: a caller reusing its buffers cannot alter what was written. */
  set(key: Bytes, value: Bytes): void {
    validateKey(key);
    validateValue(value);
    this.dirty.set(copyBytes(key), copyBytes(value));
    this.revisionCounter++;
  }

  delete(key: Bytes): void {
    validateKey(key);
    this.dirty.set(copyBytes(key), null);
    this.revisionCounter++;
  }

  iterate(start?: Bytes, end?: Bytes, reverse = false): IterableIterator<KVPair> {
    // Both sides are snapshotted here, eagerly, so the iterator reflects the state at this call.
    const parentIter = this.parent.iterate(start, end, reverse);
    if (this.dirty.size === 0) return parentIter;
    const own = this.dirty.snapshot().entries(start, end, reverse);
    return mergeIterators(parentIter, own, reverse);
  }

  /** The dirty entries in key order (a snapshot; tombstones are `null`). */
  dirtyEntries(): IterableIterator<[Bytes, DirtyValue]> {
    return this.dirty.entries();
  }

  /**
   * Pushes this layer's writes into `target` (the parent cache) and leaves this layer clean. When the
   * target holds nothing yet, the whole dirty set is handed over in O(1): the common case of a block
   * branch with 100k writes landing in the empty staging layer.
   */
  writeTo(target: CacheKVStore): void {
    if (this.dirty.size === 0) return;
    if (target.dirty.size === 0) {
      target.dirty = this.dirty;
      this.dirty = new SortedBytesMap<DirtyValue>();
    } else {
      for (const [k, v] of this.dirty.entries()) target.dirty.set(k, v);
      this.dirty.clear();
    }
    target.revisionCounter++;
    this.revisionCounter++;
  }

  /** Drops every write of this layer. */
  reset(): void {
    if (this.dirty.size === 0) return;
    this.dirty = new SortedBytesMap<DirtyValue>();
    this.revisionCounter++;
  }
}

/** A KVStore held in memory only (a cache over nothing); handy for tests and scratch state. */
export function newMemoryKVStore(): KVStore {
  return new CacheKVStore(EMPTY_READER);
}

/**
 * Merges a parent stream with a layer's dirty stream (same bounds and direction). On equal keys
 * the dirty entry wins; a tombstone hides the parent's entry.
 */
export function* mergeIterators(
  parent: Iterator<KVPair>,
  dirty: Iterator<[Bytes, DirtyValue]>,
  reverse: boolean,
): IterableIterator<KVPair> {
  let p = parent.next();
  let d = dirty.next();
  try {
    while (!p.done || !d.done) {
      if (d.done) {
        yield p.value as KVPair;
        p = parent.next();
        continue;
      }
      const [dk, dv] = d.value;
      if (p.done) {
        if (dv !== null) yield { key: dk, value: dv };
        d = dirty.next();
        continue;
      }
      let c = compareBytes(p.value.key, dk);
      if (reverse) c = -c;
      if (c < 0) {
        yield p.value;
        p = parent.next();
      } else {
        if (dv !== null) yield { key: dk, value: dv };
        if (c === 0) p = parent.next();
        d = dirty.next();
      }
    }
  } finally {
    // Release resources held by the inner iterators when the caller stops early.
    if (!p.done) parent.return?.();
    if (!d.done) dirty.return?.();
  }
}
