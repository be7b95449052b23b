/**
 * The storage contracts every part of plumed programs against.
 *
 * Keys and values are raw bytes; keys order as unsigned bytes (memcmp order), never as strings.
 * Versions are block heights (safe integers); version 0 is the empty state before the first commit.
 */
export type Bytes = Uint8Array;

export interface KVPair {
  readonly key: Bytes;
  readonly value: Bytes;
}

/**
 * Keys and values handed out by readers may be shared with the store's own buffers: treat them as
 * read-only (copy before mutating). Keys and values given to `set` are copied by the store.
 */
export interface KVStoreReader {
  get(key: Bytes): Bytes | undefined;
  has(key: Bytes): boolean;
  /**
   * Entries with `start <= key < end` (an absent bound is open), ascending by bytes, or descending
   * when `reverse`. An iterator MUST reflect the store as it was when the iterator was created:
   * writes made while iterating (to this store or a branch of it) are allowed and are not seen.
   */
  iterate(start?: Bytes, end?: Bytes, reverse?: boolean): IterableIterator<KVPair>;
}

export interface KVStore extends KVStoreReader {
  /**
   * Empty keys are refused (they cannot be committed), and so are keys longer than MAX_KEY_LENGTH
   * (1975 bytes, from lmdb's key size limit; see cache-kv-store.ts); values may be empty.
   */
  set(key: Bytes, value: Bytes): void;
  delete(key: Bytes): void;
}

/** A read-only view of all module stores at one version. */
export interface MultiStoreReader {
  readonly version: number;
  getReader(storeName: string): KVStoreReader;
}

/**
 * A writable branch (cache) over a parent. Writes stay in the branch until `write()` pushes them
 * to the parent in one step; dropping the branch discards them. Branches nest (a tx branch over the
 * block branch over the committed state).
 */
export interface CacheMultiStore {
  getStore(storeName: string): KVStore;
  branch(): CacheMultiStore;
  /** Pushes this branch's writes into its parent. The branch stays usable (and is then clean). */
  write(): void;
}

export interface CommitId {
  readonly version: number;
  readonly hash: Bytes;
}

export type PruningStrategy = "default" | "nothing" | "everything" | "custom";

export interface PruningOptions {
  /** default: keep 362880 recent, prune every 10; nothing: keep all; everything: keep 2, every 10. */
  readonly strategy: PruningStrategy;
  /** Versions kept below the latest (custom only). */
  readonly keepRecent: number;
  /** Prune every `interval` commits (custom only); 0 disables pruning. */
  readonly interval: number;
}

export interface CommitStats {
  readonly changedKeys: number;
  readonly nodesWritten: number;
  readonly bytesWritten: number;
  readonly nodesPruned: number;
}

/**
 * The committed, versioned, Merkle-hashed multistore persisted in lmdb.
 *
 * Life of a block: `branch()` gives the block branch; its `write()` stages the block's writes;
 * `workingHash()` applies the staged writes (in key order, so the hash does not depend on write
 * order) and returns the would-be app hash without persisting anything; `commit()` persists the
 * new version in ONE lmdb transaction (tree nodes, latest-state index, version metadata), then prunes.
 * A crash before `commit()` returns leaves the previous version intact.
 */
export interface CommitMultiStore {
  readonly storeNames: readonly string[];
  lastCommitId(): CommitId;
  /** Oldest version still readable (after pruning); 0 when nothing is committed. */
  earliestVersion(): number;
  /** A fresh branch over the last committed state. */
  branch(): CacheMultiStore;
  /** The committed state at `version`; throws AppError ErrInvalidHeight if pruned or not yet committed. */
  viewAt(version: number): MultiStoreReader;
  workingHash(): Bytes;
  /**
   * Sets the version of the first commit (the chain's initial height from InitChain) when nothing is
   * committed yet; afterwards each commit is the previous version + 1. Throws once a version exists.
   * Mirrors rootmulti's SetInitialVersion (IAVL hashes include the version, so this matters).
   */
  setInitialVersion(version: number): void;
  commit(): CommitId;
  lastCommitStats(): CommitStats;
  close(): Promise<void>;
}
