import type { Bytes, CacheMultiStore, KVPair, KVStore, KVStoreReader, MultiStoreReader } from "./store/types";

/** A committed version seen through the writable interfaces; any write is a bug and throws. */
class ReadOnlyKVStore implements KVStore {
  constructor(private readonly reader: KVStoreReader) {}
  get(key: Bytes): Bytes | undefined {
    return this.reader.get(key);
  }
  has(key: Bytes): boolean {
    return this.reader.has(key);
  }
  iterate(start?: Bytes, end?: Bytes, reverse?: boolean): IterableIterator<KVPair> {
    return this.reader.iterate(start, end, reverse);
  }
  set(): void {
    throw new Error("write to a read-only store");
  }
  delete(): void {
    throw new Error("write to a read-only store");
  }
}

export function readOnlyMultiStore(view: MultiStoreReader): CacheMultiStore {
  const store: CacheMultiStore = {
    getStore: (name) => new ReadOnlyKVStore(view.getReader(name)),
    branch: () => store,
    write: () => {
      throw new Error("write to a read-only store");
    },
  };
  return store;
}
