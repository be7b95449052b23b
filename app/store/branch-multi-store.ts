/**
 * A branch of all module stores: one CacheKVStore per store, created on first use, each over the
 * same store of the parent. `write()` pushes every store's writes into the parent's.
 */
import { CacheKVStore } from "./cache-kv-store";
import { compareNames } from "./commit-info";
import type { CacheMultiStore, KVStore } from "./types";

/** Gives the parent layer of a store; throws for an unknown store name. */
export type ParentLookup = (storeName: string) => CacheKVStore;

export class BranchMultiStore implements CacheMultiStore {
  private readonly caches = new Map<string, CacheKVStore>();

  constructor(private readonly parentOf: ParentLookup) {}

  getStore(storeName: string): KVStore {
    return this.cache(storeName);
  }

  branch(): CacheMultiStore {
    return new BranchMultiStore((name) => this.cache(name));
  }

  write(): void {
    // Stores are independent, so order does not matter; sorted anyway so that nothing depends on
    // Map insertion order.
    const names = [...this.caches.keys()].sort(compareNames);
    for (const name of names) (this.caches.get(name) as CacheKVStore).writeTo(this.parentOf(name));
  }

  private cache(storeName: string): CacheKVStore {
    let c = this.caches.get(storeName);
    if (c === undefined) {
      c = new CacheKVStore(this.parentOf(storeName));
      this.caches.set(storeName, c);
    }
    return c;
  }
}
