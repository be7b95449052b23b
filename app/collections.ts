import type { ProtoCodec } from "./codec";
import { concatBytes, decodeU64BEBig, encodeU64BEBig, latin1Key, prefixEnd } from "./store/bytes";
import { LruCache } from "./store/lru-cache";
import type { Bytes, KVStore, KVStoreReader } from "./store/types";

export { concatBytes };

/**
 * Typed collections over a module's store, in the spirit of cosmossdk.io/collections: every key is
 * `prefix ‖ encoded key`, key encodings sort as raw bytes in the order of the typed key (big-endian
 * fixed-width integers, length-prefixed addresses), so prefix and range scans are ordered.
 */
export interface KeyCodec<K> {
  encode(key: K): Bytes;
  /** Decodes a whole key (after the collection prefix). */
  decode(bytes: Bytes): K;
}

export interface ValueCodec<V> {
  encode(value: V): Bytes;
  decode(bytes: Bytes): V;
}

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

export const BytesKey: KeyCodec<Bytes> = {
  encode: (k) => k,
  decode: (b) => b,
};

export const StringKey: KeyCodec<string> = {
  encode: (k) => textEncoder.encode(k),
  decode: (b) => textDecoder.decode(b),
};

export const Uint64Key: KeyCodec<bigint> = {
  encode(k) {
    if (k < 0n || k > 0xffffffffffffffffn) throw new Error(`uint64 key out of range: ${k}`);
    return encodeU64BEBig(k);
  },
  decode(b) {
    if (b.length !== 8) throw new Error(`uint64 key must be 8 bytes, got ${b.length}`);
    return decodeU64BEBig(b);
  },
};

/** A length-prefixed byte string (an address) that can be followed by more key parts. */
export function lengthPrefixed(bytes: Bytes): Bytes {
  if (bytes.length > 255) throw new Error("length-prefixed key part longer than 255 bytes");
  return concatBytes(Uint8Array.of(bytes.length), bytes);
}

/** Splits a length-prefixed part off the front of a key: [part, rest]. */
export function splitLengthPrefixed(bytes: Bytes): [Bytes, Bytes] {
  const n = bytes[0];
  if (n === undefined || bytes.length < 1 + n) throw new Error("malformed length-prefixed key");
  return [bytes.subarray(1, 1 + n), bytes.subarray(1 + n)];
}

/** (address, rest) keys: the address length-prefixed so all keys of one address share a prefix. */
export function pairKey<B>(second: KeyCodec<B>): KeyCodec<readonly [Bytes, B]> {
  return {
    encode: ([a, b]) => concatBytes(lengthPrefixed(a), second.encode(b)),
    decode: (bytes) => {
      const [a, rest] = splitLengthPrefixed(bytes);
      return [a, second.decode(rest)] as const;
    },
  };
}

export function protoValue<V>(codec: ProtoCodec<V>): ValueCodec<V> {
  return { encode: (v) => codec.encode(v).finish(), decode: (b) => codec.decode(b) };
}

/** A value codec that remembers decoded values by their bytes (see memoizedValue). */
export interface MemoizedValueCodec<V> extends ValueCodec<V> {
  /**
   * Tells the codec that `bytes` are the encoding of `value` (the caller encoded it itself): the
   * next decode of those bytes gives `value` without parsing, and encoding `value` gives `bytes`.
   * `value` is frozen and shared from then on.
   */
  remember(value: V, bytes: Bytes): void;
}

/**
 * A value codec that remembers what it decoded, by the stored bytes: the same bytes decode to the
 * same (shared) object without parsing them again. For values read far more often than they
 * change (accounts, params), which callers treat as immutable (they copy to modify, as the
 * collections' readonly types ask). Encoding is unchanged, and so is every store access (gas).
 */
export function memoizedValue<V extends object>(codec: ValueCodec<V>, capacity: number): MemoizedValueCodec<V> {
  // Shared values are frozen (byte arrays aside): a caller that changed one in place would change
  // what later reads of the same stored bytes see, on this node only. It throws instead, on every node.
  const decoded = new LruCache<string, V>(capacity);
  // The stores hand out the same array for the same stored value until it changes (write sets
  // and read caches keep it), so most lookups are by identity, without hashing the bytes.
  const byArray = new WeakMap<Uint8Array, V>();
  const encodedBy = new WeakMap<V, Bytes>();
  return {
    encode: (v) => encodedBy.get(v) ?? codec.encode(v),
    decode(b) {
      let v = byArray.get(b);
      if (v !== undefined) return v;
      const key = latin1Key(b);
      v = decoded.get(key);
      if (v === undefined) {
        // A copy: the decoded value may refer into its bytes, which belong to the store.
        v = freezeDeep(codec.decode(b.slice()));
        decoded.set(key, v);
      }
      byArray.set(b, v);
      return v;
    },
    remember(value, bytes) {
      freezeDeep(value);
      decoded.set(latin1Key(bytes), value);
      encodedBy.set(value, bytes);
    },
  };
}

/** Freezes an object and everything it holds, except byte arrays (which cannot be frozen). */
export function freezeDeep<T>(value: T): T {
  if (typeof value !== "object" || value === null || ArrayBuffer.isView(value) || Object.isFrozen(value)) return value;
  Object.freeze(value);
  // deterministic: freezing each property is independent of the order
  for (const key of Object.keys(value)) freezeDeep((value as Record<string, unknown>)[key]);
  return value;
}

export const StringValue: ValueCodec<string> = {
  encode: (v) => textEncoder.encode(v),
  decode: (b) => textDecoder.decode(b),
};

/** Integers stored as their decimal string (the SDK's math.Int value encoding). */
export const BigIntValue: ValueCodec<bigint> = {
  encode: (v) => textEncoder.encode(v.toString()),
  decode: (b) => BigInt(textDecoder.decode(b)),
};

export const Uint64Value: ValueCodec<bigint> = {
  encode: (v) => Uint64Key.encode(v),
  decode: (b) => Uint64Key.decode(b),
};

/** Presence-only entries (indexes, queues). */
export const EmptyValue: ValueCodec<true> = {
  encode: () => new Uint8Array(),
  decode: () => true,
};

/** One value under a fixed key. */
export class Item<V> {
  constructor(
    private readonly key: Bytes,
    private readonly value: ValueCodec<V>,
  ) {}

  get(store: KVStoreReader): V | undefined {
    const raw = store.get(this.key);
    return raw === undefined ? undefined : this.value.decode(raw);
  }

  set(store: KVStore, v: V): void {
    store.set(this.key, this.value.encode(v));
  }

  delete(store: KVStore): void {
    store.delete(this.key);
  }
}

/** A typed map under a one-or-more-byte prefix. */
export class Collection<K, V> {
  constructor(
    readonly prefix: Bytes,
    readonly keyCodec: KeyCodec<K>,
    readonly valueCodec: ValueCodec<V>,
  ) {}

  storeKey(key: K): Bytes {
    return concatBytes(this.prefix, this.keyCodec.encode(key));
  }

  get(store: KVStoreReader, key: K): V | undefined {
    const raw = store.get(this.storeKey(key));
    return raw === undefined ? undefined : this.valueCodec.decode(raw);
  }

  has(store: KVStoreReader, key: K): boolean {
    return store.has(this.storeKey(key));
  }

  set(store: KVStore, key: K, value: V): void {
    store.set(this.storeKey(key), this.valueCodec.encode(value));
  }

  delete(store: KVStore, key: K): void {
    store.delete(this.storeKey(key));
  }

  /**
   * Entries whose encoded key starts with `subPrefix` (raw bytes after the collection prefix),
   * in key order, or reversed. Snapshot semantics come from the store.
   */
  *entries(store: KVStoreReader, options: { subPrefix?: Bytes; start?: Bytes; end?: Bytes; reverse?: boolean } = {}): IterableIterator<[K, V]> {
    const base = options.subPrefix ? concatBytes(this.prefix, options.subPrefix) : this.prefix;
    const start = options.start ? concatBytes(this.prefix, options.start) : base;
    const end = options.end ? concatBytes(this.prefix, options.end) : prefixEnd(base);
    for (const { key, value } of store.iterate(start, end, options.reverse ?? false)) {
      yield [this.keyCodec.decode(key.subarray(this.prefix.length)), this.valueCodec.decode(value)];
    }
  }
}
