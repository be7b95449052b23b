import { BranchMultiStore } from "./branch-multi-store";
import type { CacheKVStore } from "./cache-kv-store";
import { newMemoryKVStore } from "./index";
import type { CacheMultiStore } from "./types";

/**
 * Root stores in memory with a branch on top standing for the committed state: for tests and
 * tools that run keepers or the tx pipeline without lmdb.
 */
export function memoryMultiStore(names: readonly string[]): CacheMultiStore {
  const roots = new Map(names.map((n) => [n, newMemoryKVStore() as CacheKVStore]));
  return new BranchMultiStore((name) => {
    const s = roots.get(name);
    if (!s) throw new Error(`unknown store ${name}`);
    return s;
  });
}
