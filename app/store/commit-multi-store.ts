/**
 * The committed multistore: one IAVL tree per module store, all in one lmdb environment, combined
 * into the app hash as cosmos-sdk rootmulti does.
 *
 * Life of a version:
 *   branch() ─ block branch (CacheKVStore per store) over the staging layer
 *   branch.write() ─ pushes the block's writes into the staging layer (one sorted dirty set per store)
 *   workingHash() ─ applies each store's staged set to a working tree built on the committed root, in
 *       key order, and returns the app hash; nothing is persisted. If more writes are staged later,
 *       the tree is rebuilt from the committed root with the whole staged set, so the hash depends
 *       only on the set of staged writes, never on their order or on how many times this was called.
 *   commit() ─ writes, in ONE lmdb transaction: the new nodes, the orphan lists, the flat-index
 *       changes, the commit info and the latest version. Then it prunes if due (another transaction).
 * A crash before the commit transaction completes leaves the previous version, untouched.
 *
 * Reads: the staging layer reads the flat index (latest committed state), so branches never walk a
 * tree. `viewAt(v)` reads the flat index while v is the latest version on disk, the tree of v
 * otherwise (including iterators that were started on the flat index when a commit lands).
 *
 * One writer: a single process opens a node's store. `plumed start` and `plumed export` take the
 * home's writer lock (writer-lock.ts) before opening it, so a second process is refused before it
 * touches lmdb. Readers of past versions still check the version on disk (diskLatestVersion).
 * Removing a store (the SDK's StoreUpgrades.Deleted) is not supported: a name left out of
 * `storeNames` is ignored and its data stays.
 */
import { mkdirSync } from "node:fs";
import { open, type RootDatabase } from "lmdb";
import { ErrInvalidHeight } from "../errors";
import { BranchMultiStore } from "./branch-multi-store";
import { decodeU64BE, encodeU64BE, fromUtf8, hasPrefix, readU32BE } from "./bytes";
import { CacheKVStore, EMPTY_READER } from "./cache-kv-store";
import { appHashOf, compareNames, decodeCommitInfo, encodeCommitInfo, type CommitInfo, type StoreCommitInfo } from "./commit-info";
import { FlatReader, type BinaryDb } from "./flat-store";
import { EMPTY_HASH, encodeNode, type IavlNode } from "./iavl-node";
import { rootHashOf, treeGet, treeIterate, WorkingTree } from "./iavl-tree";
import {
  DB_COMMITS,
  DB_FLAT,
  DB_META,
  DB_NODES,
  DB_ORPHANS,
  flatKey,
  MAX_STORE_ID,
  META_EARLIEST,
  META_LATEST,
  META_STORE_PREFIX,
  metaStoreKey,
  nodeRecordKey,
  orphanRecordKey,
  storeIdBytes,
  versionKey,
} from "./layout";
import { LruCache } from "./lru-cache";
import { nodeCacheKey, StoreNodeSource, type NodeCache } from "./node-source";
import { pruneHeightAfter, resolvePruning, type ResolvedPruning } from "./pruning";
import { storeWriteError } from "./write-error";
import type {
  Bytes,
  CacheMultiStore,
  CommitId,
  CommitMultiStore,
  CommitStats,
  KVPair,
  KVStoreReader,
  MultiStoreReader,
  PruningOptions,
} from "./types";

export interface OpenCommitMultiStoreOptions {
  /** Directory of the lmdb environment; created if missing. */
  readonly path: string;
  /** Module store names. A name never committed before starts as an empty store. */
  readonly storeNames: readonly string[];
  readonly pruning: PruningOptions;
  /** Decoded IAVL nodes kept in memory across all stores (LRU). Default 250 000. */
  readonly nodeCacheSize?: number;
  /** Test seams for failures that cannot be produced on demand (a full disk, a crash mid-commit). */
  readonly faults?: StoreFaults;
}

export interface StoreFaults {
  /** Called inside the commit's lmdb transaction; what it throws fails the write, as a full disk would. */
  readonly commitWrite?: (version: number) => void;
  /**
   * Crash points (app/crash-point.ts): called inside the commit's lmdb transaction of `version`
   * once every store's nodes, orphan list and flat-index changes are written, before the commit
   * info and the latest version are. A process killed here must reopen at the previous version.
   */
  readonly midCommit?: (version: number) => void;
}

export const DEFAULT_NODE_CACHE_SIZE = 250_000;

const ZERO_STATS: CommitStats = { changedKeys: 0, nodesWritten: 0, bytesWritten: 0, nodesPruned: 0 };

/** Opens (or creates) the store at `path`. Synchronous: lmdb opens synchronously. */
export function openCommitMultiStore(options: OpenCommitMultiStoreOptions): CommitMultiStore {
  return LmdbCommitMultiStore.open(options);
}

/** One module store inside the multistore. */
class StoreState {
  /** Root of the latest committed version (undefined: empty tree). */
  root: IavlNode | undefined;
  /** Writes staged for the next version, over the flat index. */
  readonly staged: CacheKVStore;
  /** The staged writes applied to a tree, valid while `staged.revision === workingRevision`. */
  working: WorkingTree | undefined = undefined;
  workingRevision = -1;

  constructor(
    readonly name: string,
    readonly id: number,
    /** Whether the name → id record still has to be written (first commit of a new store). */
    public unregistered: boolean,
    readonly src: StoreNodeSource,
    flat: FlatReader,
    root: IavlNode | undefined,
  ) {
    this.root = root;
    this.staged = new CacheKVStore(flat);
  }

  /** Root after the staged writes (valid after applyStaged). */
  get workingRoot(): IavlNode | undefined {
    return this.working !== undefined ? this.working.root : this.root;
  }
}

/** Keys of the latest state each store's staging layer remembers between two commits. */
const FLAT_READ_CACHE_KEYS = 100_000;

class LmdbCommitMultiStore implements CommitMultiStore {
  readonly storeNames: readonly string[];
  private readonly byName = new Map<string, StoreState>();
  /** Sorted by name bytes. */
  private readonly ordered: StoreState[];
  private latest: number;
  private earliest: number;
  private lastInfo: CommitInfo | undefined;
  /** Bumped whenever the flat index changes (each commit); lets flat iterators detect staleness. */
  private epoch = 0;
  private stats: CommitStats = ZERO_STATS;
  private closed = false;
  private failure: unknown = undefined;
  private initialVersion = 1;

  private constructor(
    private readonly env: RootDatabase,
    private readonly nodes: BinaryDb,
    private readonly orphans: BinaryDb,
    private readonly flat: BinaryDb,
    private readonly commits: BinaryDb,
    private readonly meta: BinaryDb,
    private readonly cache: NodeCache,
    private readonly pruning: ResolvedPruning,
    names: readonly string[],
    /** The lmdb directory, named in errors. */
    private readonly path: string,
    private readonly faults: StoreFaults,
  ) {
    this.latest = readU64(meta, META_LATEST);
    this.earliest = readU64(meta, META_EARLIEST);
    if (this.latest > 0) {
      const raw = commits.get(versionKey(this.latest));
      if (raw === undefined) throw new Error(`store: commit info of latest version ${this.latest} is missing`);
      this.lastInfo = decodeCommitInfo(raw);
    }

    // Ids of every store ever registered, so that a new store never reuses an id whose data remains.
    const ids = new Map<string, number>();
    let maxId = -1;
    const prefix = Buffer.from(META_STORE_PREFIX);
    for (const { key, value } of meta.getRange({ start: prefix })) {
      if (!hasPrefix(key, prefix)) break;
      const id = (value[0] as number) * 256 + (value[1] as number);
      ids.set(fromUtf8(key.subarray(prefix.length)), id);
      if (id > maxId) maxId = id;
    }

    this.storeNames = [...names].sort(compareNames);
    this.ordered = this.storeNames.map((name) => {
      let id = ids.get(name);
      const unregistered = id === undefined;
      if (id === undefined) {
        id = ++maxId;
        if (id > MAX_STORE_ID) throw new Error("store: too many stores");
      }
      const src = new StoreNodeSource(nodes, this.cache, id);
      const info = this.lastInfo?.stores.find((s) => s.name === name);
      const root = info === undefined || info.rootVersion === 0 ? undefined : src.load(info.rootVersion, info.rootNonce, info.hash);
      // The staging layer's reader remembers what it read until the next commit (see FlatReader).
      const flatReader = new FlatReader(flat, id, () => this.epoch, undefined, FLAT_READ_CACHE_KEYS);
      const state = new StoreState(name, id, unregistered, src, flatReader, root);
      this.byName.set(name, state);
      return state;
    });
  }

  static open(o: OpenCommitMultiStoreOptions): LmdbCommitMultiStore {
    const names = o.storeNames;
    const seen = new Set<string>();
    for (const n of names) {
      if (n === "") throw new Error("store: empty store name");
      if (seen.has(n)) throw new Error(`store: duplicate store name "${n}"`);
      seen.add(n);
    }
    const pruning = resolvePruning(o.pruning);
    const cacheSize = o.nodeCacheSize ?? DEFAULT_NODE_CACHE_SIZE;
    mkdirSync(o.path, { recursive: true });
    // Default durability: every transactionSync is flushed before it returns.
    const env = open({ path: o.path, noSubdir: false, maxDbs: 8 });
    const sub = (name: string): BinaryDb => env.openDB<Uint8Array, Uint8Array>({ name, keyEncoding: "binary", encoding: "binary" });
    try {
      return new LmdbCommitMultiStore(
        env,
        sub(DB_NODES),
        sub(DB_ORPHANS),
        sub(DB_FLAT),
        sub(DB_COMMITS),
        sub(DB_META),
        new LruCache(cacheSize),
        pruning,
        names,
        o.path,
        o.faults ?? {},
      );
    } catch (err) {
      void env.close();
      throw err;
    }
  }

  lastCommitId(): CommitId {
    this.ensureUsable();
    return { version: this.latest, hash: this.lastInfo?.appHash ?? EMPTY_HASH };
  }

  earliestVersion(): number {
    this.ensureUsable();
    return this.earliest;
  }

  branch(): CacheMultiStore {
    this.ensureUsable();
    return new BranchMultiStore((name) => this.store(name).staged);
  }

  viewAt(version: number): MultiStoreReader {
    this.ensureUsable();
    if (!Number.isSafeInteger(version) || version <= 0 || version > this.latest || version < this.earliest) {
      throw ErrInvalidHeight.wrap(
        `version ${version} is not available (earliest ${this.earliest}, latest ${this.latest})`,
      );
    }
    const info = version === this.latest ? this.lastInfo : this.commitInfoAt(version);
    if (info === undefined) throw ErrInvalidHeight.wrap(`version ${version} has been pruned`);
    return new VersionView(this, info);
  }

  workingHash(): Bytes {
    this.ensureUsable();
    this.applyStaged();
    return appHashOf(this.ordered.map((s) => ({ name: s.name, hash: rootHashOf(s.workingRoot) })));
  }

  setInitialVersion(version: number): void {
    this.ensureUsable();
    if (!Number.isSafeInteger(version) || version < 1) throw new Error(`store: invalid initial version ${version}`);
    if (this.latest !== 0) throw new Error(`store: cannot set the initial version after version ${this.latest} was committed`);
    if (version === this.initialVersion) return;
    this.initialVersion = version;
    // Working trees carry the version in their node hashes: rebuild them for the new one.
    for (const s of this.ordered) {
      s.working = undefined;
      s.workingRevision = -1;
    }
  }

  commit(): CommitId {
    this.ensureUsable();
    this.applyStaged();
    const version = this.nextVersion();

    let changedKeys = 0;
    let nodesWritten = 0;
    let bytesWritten = 0;
    const infos: StoreCommitInfo[] = [];
    const newNodes: IavlNode[][] = [];
    for (const s of this.ordered) {
      const fresh = s.working !== undefined ? s.working.assignNodeKeys() : [];
      newNodes.push(fresh);
      const root = s.workingRoot;
      infos.push({
        name: s.name,
        storeId: s.id,
        rootVersion: root === undefined ? 0 : root.version,
        rootNonce: root === undefined ? 0 : root.nonce,
        hash: rootHashOf(root),
      });
    }
    const info: CommitInfo = { version, appHash: appHashOf(infos), stores: infos };

    try {
      this.env.transactionSync(() => {
        this.ordered.forEach((s, i) => {
          for (const n of newNodes[i] as IavlNode[]) {
            const k = nodeRecordKey(s.id, version, n.nonce);
            const v = encodeNode(n);
            this.nodes.putSync(k, v);
            nodesWritten++;
            bytesWritten += k.length + v.length;
          }
          const orphaned = s.working?.orphans ?? [];
          if (orphaned.length > 0) {
            const k = orphanRecordKey(version - 1, s.id);
            const v = encodeOrphans(orphaned);
            this.orphans.putSync(k, v);
            bytesWritten += k.length + v.length;
          }
          for (const [key, value] of s.staged.dirtyEntries()) {
            changedKeys++;
            const k = flatKey(s.id, key);
            if (value === null) {
              this.flat.removeSync(k);
            } else {
              this.flat.putSync(k, value);
              bytesWritten += k.length + value.length;
            }
          }
          if (s.unregistered) this.meta.putSync(metaStoreKey(s.name), storeIdBytes(s.id));
        });
        this.faults.midCommit?.(version);
        const ci = encodeCommitInfo(info);
        this.commits.putSync(versionKey(version), ci);
        this.meta.putSync(META_LATEST, Buffer.from(encodeU64BE(version)));
        if (this.earliest === 0) this.meta.putSync(META_EARLIEST, Buffer.from(encodeU64BE(version)));
        bytesWritten += ci.length + 16;
        this.faults.commitWrite?.(version);
      });
    } catch (err) {
      // Node keys were already assigned to the working trees; they cannot be reused safely.
      const failure = storeWriteError(err, this.path, `height ${version}`);
      this.failure = failure;
      throw failure;
    }

    // The transaction is durable: switch the in-memory state over to the new version.
    this.ordered.forEach((s, i) => {
      s.root = s.workingRoot;
      for (const n of newNodes[i] as IavlNode[]) s.src.remember(n);
      s.unregistered = false;
      s.working = undefined;
      s.workingRevision = -1;
      s.staged.reset();
    });
    this.latest = version;
    if (this.earliest === 0) this.earliest = version;
    this.lastInfo = info;
    this.epoch++;

    const nodesPruned = this.pruneIfDue(version);
    this.stats = { changedKeys, nodesWritten, bytesWritten, nodesPruned };
    return { version, hash: info.appHash };
  }

  lastCommitStats(): CommitStats {
    return this.stats;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.cache.clear();
    await this.env.close();
  }

  // ---- internals used by readers ------------------------------------------------------------------

  /**
   * The latest version as recorded in the database, which is what the flat index holds. Readers of
   * past versions check it rather than the in-memory `latest`, so that a second process that opened
   * the same database read-only (an export while the node runs) never mistakes the flat index,
   * moved on by the writer, for the version it asked for.
   */
  diskLatestVersion(): number {
    return readU64(this.meta, META_LATEST);
  }

  get flatDb(): BinaryDb {
    return this.flat;
  }

  store(name: string): StoreState {
    const s = this.byName.get(name);
    if (s === undefined) throw new Error(`store: unknown store "${name}"`);
    return s;
  }

  ensureUsable(): void {
    if (this.closed) throw new Error("store: closed");
    if (this.failure !== undefined) {
      throw new Error("store: a commit failed; close and reopen the store", { cause: this.failure });
    }
  }

  // ---- private --------------------------------------------------------------------------------------

  private nextVersion(): number {
    return this.latest === 0 ? this.initialVersion : this.latest + 1;
  }

  private commitInfoAt(version: number): CommitInfo | undefined {
    const raw = this.commits.get(versionKey(version));
    return raw === undefined ? undefined : decodeCommitInfo(raw);
  }

  /** Brings every store's working tree up to date with its staged set (see the file comment). */
  private applyStaged(): void {
    const version = this.nextVersion();
    for (const s of this.ordered) {
      if (s.workingRevision === s.staged.revision) continue;
      if (s.staged.dirtyCount === 0) {
        s.working = undefined;
      } else {
        const tree = new WorkingTree(s.src, s.root, version);
        for (const [key, value] of s.staged.dirtyEntries()) {
          if (value === null) tree.remove(key);
          else tree.set(key, value);
        }
        tree.hash();
        s.working = tree;
      }
      s.workingRevision = s.staged.revision;
    }
  }

  /** Deletes every version <= the SDK pruning height, if one is due; returns the nodes deleted. */
  private pruneIfDue(height: number): number {
    const upTo = pruneHeightAfter(this.pruning, height);
    if (upTo <= 0 || upTo < this.earliest) return 0;
    let nodesPruned = 0;
    try {
      this.env.transactionSync(() => {
        // Orphan lists whose last live version is <= upTo: no retained version (all > upTo) needs them.
        const records = [...this.orphans.getRange({ end: versionKey(upTo + 1) })];
        for (const { key, value } of records) {
          const storeId = (key[8] as number) * 256 + (key[9] as number);
          for (let off = 0; off < value.length; off += 12) {
            const version = decodeU64BE(value, off);
            const nonce = readU32BE(value, off + 8);
            this.nodes.removeSync(nodeRecordKey(storeId, version, nonce));
            this.cache.delete(nodeCacheKey(storeId, version, nonce));
            nodesPruned++;
          }
          this.orphans.removeSync(key);
        }
        const versions = [...this.commits.getKeys({ start: versionKey(this.earliest), end: versionKey(upTo + 1) })];
        for (const k of versions) this.commits.removeSync(k);
        this.meta.putSync(META_EARLIEST, Buffer.from(encodeU64BE(upTo + 1)));
      });
    } catch (err) {
      // The block is committed; pruning is redone by a later commit once the disk is writable.
      throw storeWriteError(err, this.path, `the pruning of heights up to ${upTo}`);
    }
    this.earliest = upTo + 1;
    return nodesPruned;
  }
}

function readU64(db: BinaryDb, key: Uint8Array): number {
  const v = db.get(key);
  return v === undefined ? 0 : decodeU64BE(v);
}

function encodeOrphans(nodes: readonly IavlNode[]): Buffer {
  const out = Buffer.allocUnsafe(nodes.length * 12);
  nodes.forEach((n, i) => {
    out.set(encodeU64BE(n.version), i * 12);
    out.writeUInt32BE(n.nonce, i * 12 + 8);
  });
  return out;
}

/** All stores at one committed version. */
class VersionView implements MultiStoreReader {
  readonly version: number;

  constructor(
    private readonly cms: LmdbCommitMultiStore,
    private readonly info: CommitInfo,
  ) {
    this.version = info.version;
  }

  getReader(storeName: string): KVStoreReader {
    const state = this.cms.store(storeName);
    const entry = this.info.stores.find((s) => s.name === storeName);
    // A store added by a later upgrade did not exist at this version: it reads as empty.
    if (entry === undefined || entry.rootVersion === 0) return EMPTY_READER;
    return new VersionReader(this.cms, state, entry, this.version);
  }
}

/** One store at one version: flat index while that version is the latest, its tree otherwise. */
class VersionReader implements KVStoreReader {
  private root: IavlNode | undefined = undefined;
  private readonly flat: FlatReader;

  constructor(
    private readonly cms: LmdbCommitMultiStore,
    private readonly state: StoreState,
    private readonly entry: StoreCommitInfo,
    private readonly version: number,
  ) {
    // If a commit lands while iterating the flat index, carry on in this version's tree.
    this.flat = new FlatReader(cms.flatDb, state.id, () => cms.diskLatestVersion(), (s, e, r) => this.treeIter(s, e, r));
  }

  get(key: Bytes): Bytes | undefined {
    this.cms.ensureUsable();
    if (this.cms.diskLatestVersion() === this.version) return this.flat.get(key);
    return treeGet(this.state.src, this.loadRoot(), key);
  }

  has(key: Bytes): boolean {
    return this.get(key) !== undefined;
  }

  iterate(start?: Bytes, end?: Bytes, reverse = false): IterableIterator<KVPair> {
    this.cms.ensureUsable();
    if (this.cms.diskLatestVersion() === this.version) return this.flat.iterate(start, end, reverse);
    return this.treeIter(start, end, reverse);
  }

  private treeIter(start: Bytes | undefined, end: Bytes | undefined, reverse: boolean): IterableIterator<KVPair> {
    // Load the root now so that the iterator is bound to this version from its creation.
    return treeIterate(this.state.src, this.loadRoot(), start, end, reverse);
  }

  private loadRoot(): IavlNode {
    if (this.root === undefined) this.root = this.state.src.load(this.entry.rootVersion, this.entry.rootNonce, this.entry.hash);
    return this.root;
  }
}
