/**
 * Reads of the latest committed state from the flat index (storeId ‖ key → value), so that gets and
 * iteration over the latest state need no tree walk.
 *
 * Iteration reads lmdb in bounded chunks (16 entries first, doubling to 1024) rather than holding one
 * lmdb cursor open: an iterator a caller abandons after peeking at its first entry would otherwise pin
 * an lmdb read transaction for good. The first chunk is read when the iterator is created, so it
 * reflects the state at that moment; the index only changes at commit, and `epoch` (a number that
 * changes with every commit) lets a later chunk tell whether a commit happened in between (then
 * `onStale` decides). The epoch is read in the same synchronous turn as the chunk, so both come from
 * the same lmdb read snapshot.
 */
import type { Database } from "lmdb";
import { concatBytes, latin1Key } from "./bytes";
import { MAX_KEY_LENGTH } from "./cache-kv-store";
import { flatKey, STORE_ID_LENGTH, storeIdBytes } from "./layout";
import type { Bytes, KVPair, KVStoreReader } from "./types";

/** lmdb sub-database with raw byte keys and values (lmdb returns Buffers, which are Uint8Arrays). */
export type BinaryDb = Database<Uint8Array, Uint8Array>;

/** Continues an iteration whose snapshot went stale, over the remaining range [start, end). */
export type StaleHandler = (start: Bytes | undefined, end: Bytes | undefined, reverse: boolean) => Iterator<KVPair>;

const FIRST_CHUNK = 16;
const MAX_CHUNK = 1024;

/**
 * Keys are at most MAX_KEY_LENGTH bytes, so a bound b admits exactly the same keys as b clipped to
 * MAX_KEY_LENGTH + 1 bytes: a key k of length <= MAX_KEY_LENGTH compares with b and with its clip
 * identically (they differ only past the last byte k could be compared on). Clipping keeps lmdb keys
 * within its size limit.
 */
function clip(bound: Bytes): Bytes {
  return bound.length > MAX_KEY_LENGTH + 1 ? bound.subarray(0, MAX_KEY_LENGTH + 1) : bound;
}

export class FlatReader implements KVStoreReader {
  /** Values read (null: absent) since the epoch `readsEpoch`; see `cacheReads`. */
  private reads = new Map<string, Bytes | null>();
  private readsEpoch = -1;

  /**
   * @param cacheReads how many keys to remember between two commits (0: none). Only for a reader
   *   whose `epoch` changes whenever the index it reads changes (the staging layer's reader: the
   *   index changes only in a commit, which bumps the epoch); the cache is dropped at every new
   *   epoch, and whole when it is full. A block reads the same accounts and params again and again.
   */
  constructor(
    private readonly db: BinaryDb,
    private readonly storeId: number,
    private readonly epoch: () => number,
    private readonly onStale?: StaleHandler,
    private readonly cacheReads = 0,
  ) {}

  get(key: Bytes): Bytes | undefined {
    // A key too long to store cannot exist, and lmdb would refuse to look it up.
    if (key.length === 0 || key.length > MAX_KEY_LENGTH) return undefined;
    if (this.cacheReads === 0) return this.db.get(flatKey(this.storeId, key));
    const epoch = this.epoch();
    if (epoch !== this.readsEpoch || this.reads.size >= this.cacheReads) {
      this.reads = new Map();
      this.readsEpoch = epoch;
    }
    const id = latin1Key(key);
    const known = this.reads.get(id);
    if (known !== undefined) return known ?? undefined;
    const value = this.db.get(flatKey(this.storeId, key));
    this.reads.set(id, value ?? null);
    return value;
  }

  has(key: Bytes): boolean {
    return this.get(key) !== undefined;
  }

  iterate(start?: Bytes, end?: Bytes, reverse = false): IterableIterator<KVPair> {
    const prefix = storeIdBytes(this.storeId);
    const lo = Buffer.from(start === undefined ? prefix : concatBytes(prefix, clip(start)));
    // storeId + 1 as the open end: the next store's ids (MAX_STORE_ID keeps this from overflowing).
    const hi = end === undefined ? storeIdBytes(this.storeId + 1) : Buffer.from(concatBytes(prefix, clip(end)));
    if (Buffer.compare(lo, hi) >= 0) return [][Symbol.iterator]();
    const epoch = this.epoch();
    const first = this.readChunk(lo, hi, reverse, undefined, FIRST_CHUNK);
    return this.chunks(first, lo, hi, reverse, epoch, start, end);
  }

  private readChunk(lo: Uint8Array, hi: Uint8Array, reverse: boolean, after: Uint8Array | undefined, limit: number): KVPair[] {
    const range = reverse
      ? this.db.getRange({ start: after ?? hi, end: lo, reverse: true, exclusiveStart: true, inclusiveEnd: true, limit })
      : this.db.getRange({ start: after ?? lo, end: hi, exclusiveStart: after !== undefined, limit });
    const out: KVPair[] = [];
    // Consuming the whole (limited) range closes its cursor and read transaction.
    for (const { key, value } of range) out.push({ key: key.subarray(STORE_ID_LENGTH), value });
    return out;
  }

  private *chunks(
    first: KVPair[],
    lo: Uint8Array,
    hi: Uint8Array,
    reverse: boolean,
    epoch: number,
    start: Bytes | undefined,
    end: Bytes | undefined,
  ): IterableIterator<KVPair> {
    let chunk = first;
    let limit = FIRST_CHUNK;
    for (;;) {
      for (const e of chunk) yield e;
      if (chunk.length < limit) return;
      const last = (chunk[chunk.length - 1] as KVPair).key;
      if (this.epoch() !== epoch) {
        // A commit rewrote the index since this iterator was created: continue from its snapshot.
        if (this.onStale === undefined) throw new Error("store: committed state changed during iteration");
        const rest = reverse
          ? this.onStale(start, last, true)
          : this.onStale(concatBytes(last, new Uint8Array([0])), end, false);
        for (let r = rest.next(); !r.done; r = rest.next()) yield r.value;
        return;
      }
      limit = Math.min(limit * 2, MAX_CHUNK);
      chunk = this.readChunk(lo, hi, reverse, flatKey(this.storeId, last), limit);
    }
  }
}
