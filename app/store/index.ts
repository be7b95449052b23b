/**
 * The storage layer: the lmdb-backed, IAVL-committed multistore, branches, and byte/key helpers.
 * Contracts are in ./types.
 */
export { openCommitMultiStore, DEFAULT_NODE_CACHE_SIZE, type OpenCommitMultiStoreOptions } from "./commit-multi-store";
export { CacheKVStore, newMemoryKVStore, MAX_KEY_LENGTH, validateKey } from "./cache-kv-store";
export { BranchMultiStore } from "./branch-multi-store";
export { acquireWriterLock, WriterLockHeldError, type WriterLock } from "./writer-lock";
export { prefixStore, prefixReader } from "./prefix-store";
export { appHashOf, simpleMerkleRoot, type CommitInfo, type StoreCommitInfo } from "./commit-info";
export { EMPTY_HASH, innerHash, leafHash, sha256 } from "./iavl-node";
export { PRUNE_DEFAULT, PRUNE_EVERYTHING, PRUNE_NOTHING, pruneHeightAfter, resolvePruning } from "./pruning";
export {
  compareBytes,
  concatBytes,
  copyBytes,
  decodeU64BE,
  decodeU64BEBig,
  encodeU32BE,
  encodeU64BE,
  encodeU64BEBig,
  equalBytes,
  fromHex,
  fromUtf8,
  hasPrefix,
  lengthPrefixed,
  prefixEnd,
  toHex,
  utf8,
} from "./bytes";
export type {
  Bytes,
  CacheMultiStore,
  CommitId,
  CommitMultiStore,
  CommitStats,
  KVPair,
  KVStore,
  KVStoreReader,
  MultiStoreReader,
  PruningOptions,
  PruningStrategy,
} from "./types";
