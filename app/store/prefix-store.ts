/**
 * A store view under a byte prefix: keys are given and returned without the prefix, as the SDK's
 * prefix.Store does. Modules use it to keep each collection in its own key range.
 */
import { compareBytes, concatBytes, copyBytes, hasPrefix, prefixEnd } from "./bytes";
import type { Bytes, KVPair, KVStore, KVStoreReader } from "./types";

class PrefixReader implements KVStoreReader {
  constructor(
    protected readonly inner: KVStoreReader,
    protected readonly prefix: Bytes,
  ) {}

  protected full(key: Bytes): Bytes {
    // An empty key under a prefix would address the prefix itself; refuse it like an empty key.
    if (key.length === 0) throw new Error("store key must not be empty");
    return concatBytes(this.prefix, key);
  }

  get(key: Bytes): Bytes | undefined {
    return this.inner.get(this.full(key));
  }

  has(key: Bytes): boolean {
    return this.inner.has(this.full(key));
  }

  iterate(start?: Bytes, end?: Bytes, reverse = false): IterableIterator<KVPair> {
    const lo = start === undefined ? this.prefix : concatBytes(this.prefix, start);
    const hi = end === undefined ? prefixEnd(this.prefix) : concatBytes(this.prefix, end);
    if (hi !== undefined && compareBytes(lo, hi) >= 0) return [][Symbol.iterator]();
    return stripPrefix(this.inner.iterate(lo.length === 0 ? undefined : lo, hi, reverse), this.prefix);
  }
}

class PrefixStore extends PrefixReader implements KVStore {
  constructor(
    private readonly store: KVStore,
    prefix: Bytes,
  ) {
    super(store, prefix);
  }

  set(key: Bytes, value: Bytes): void {
    this.store.set(this.full(key), value);
  }

  delete(key: Bytes): void {
    this.store.delete(this.full(key));
  }
}

function* stripPrefix(it: Iterator<KVPair>, prefix: Bytes): IterableIterator<KVPair> {
  let done = false;
  try {
    for (let r = it.next(); !r.done; r = it.next()) {
      const { key, value } = r.value;
      // Keys outside the prefix cannot appear given the bounds; guard anyway rather than return junk.
      if (!hasPrefix(key, prefix)) continue;
      yield { key: key.subarray(prefix.length), value };
    }
    done = true;
  } finally {
    if (!done) it.return?.();
  }
}

/** A KVStore view of `store` under `prefix`. The prefix is copied. */
export function prefixStore(store: KVStore, prefix: Bytes): KVStore {
  return new PrefixStore(store, copyBytes(prefix));
}

/** A read-only view of `reader` under `prefix`. */
export function prefixReader(reader: KVStoreReader, prefix: Bytes): KVStoreReader {
  return new PrefixReader(reader, copyBytes(prefix));
}
