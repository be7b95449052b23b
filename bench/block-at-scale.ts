/**
 * Block execution at scale (issue 13, item 3): FinalizeBlock and Commit of blocks of 5,000 bank
 * sends with 1,000,000 funded accounts in state, through the real plumed app in process over lmdb
 * (the composition of `plumed start`: createPlumeApp over openCommitMultiStore with the default
 * pruning and node cache; no CometBFT, no sockets, zero fees as the other send benches).
 *
 * How the state is built: InitChain with the default genesis plus the 5,000 senders (bench/
 * bank-send-txs.ts fundSenders: x/auth BaseAccounts with a balance each), an empty block, then the
 * bulk accounts in blocks of `--batch` (100,000): for each block, x/bank's keeper mints the block's
 * coins to the mint module account and sends each new address its balance (SendCoinsFromModule-
 * ToAccount, which creates the x/auth BaseAccount with the next account number and writes the
 * x/bank balance, as a transfer to a new address does on a real chain); those keeper writes go on a
 * branch of the committed store, are staged into it, then hashed by the app's own FinalizeBlock (an
 * empty block) and persisted by its Commit. A genesis of a million accounts would go through one
 * JSON document and one in-memory tree of every key; the batches keep memory bounded.
 *
 * Then `--blocks` blocks of `--txs` pre-signed MsgSends (SIGN_MODE_DIRECT by cosmjs' wallet), one
 * per sender per block, to an existing bulk account (even txs) or a new address (odd txs): each
 * block's txs CheckTx'd first, as the mempool does, then FinalizeBlock (every tx must be code 0)
 * and Commit. Per block: times (with FinalizeBlock's share in the store's working hash: applying
 * the staged writes to the IAVL trees and hashing them, timed by a wrapper around the store), the
 * bytes of keys and values the commit wrote (the store's own CommitStats: IAVL nodes, orphan lists,
 * flat index, commit info), the growth of the lmdb files, and memory before and after (RSS split
 * into the process's own pages and lmdb's mapped file, JS heap as found and live after a full GC,
 * Buffers); then min / median over the blocks.
 *
 *   npx tsx bench/block-at-scale.ts [--accounts 1000000] [--blocks 3] [--txs 5000] [--batch 100000] [--dir DIR] [--cpu-prof FILE]
 *   npm run bench:block-at-scale -- --accounts 100000
 *
 * The lmdb directory is a fresh temp dir (removed at the end) unless `--dir` names one (kept).
 * `--cpu-prof FILE` runs one more block (its own txs, not in the figures) under V8's profiler and
 * writes its .cpuprofile (summary: `npx tsx bench/cpuprofile-summary.ts FILE --inclusive
 * checkTx,finalizeBlock,workingHash,commit`).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import * as abci from "cosmjs-types/tendermint/abci/types";
import { AddressCodec } from "../app/address";
import { blockHeader } from "../app/block-info";
import { DEFAULT_CHAIN_SETTINGS } from "../app/chain-config";
import { Context } from "../app/context";
import { EventManager } from "../app/events";
import { silentLogger } from "../app/logger";
import { Coin, Coins } from "../app/math/coins";
import { openCommitMultiStore } from "../app/store";
import type { CommitMultiStore } from "../app/store/types";
import { PRUNE_DEFAULT } from "../app/store/pruning";
import { appStoreNames, createPlumeApp, defaultAppState } from "../chain/app";
import { MINT_MODULE_NAME } from "../x/mint";
import { BENCH_CHAIN_ID, BENCH_DENOM, benchBlockRequest, fundSenders, initBenchChain, makeSenders, signAll } from "./bank-send-txs";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

const ACCOUNTS = Number(arg("accounts", "1000000"));
const BLOCKS = Number(arg("blocks", "3"));
const TXS = Number(arg("txs", "5000"));
const BATCH = Number(arg("batch", "100000"));
const DIR = arg("dir", "");
const CPU_PROF = arg("cpu-prof", "");
/** Each bulk account's balance. */
const BULK_BALANCE = 1_000_000n;

const addresses = new AddressCodec(DEFAULT_CHAIN_SETTINGS.bech32Prefix);

/** Bulk account i's address: 20 bytes of a hash (no key behind it, as a recipient-only account). */
function bulkAddress(i: number): Uint8Array {
  return new Uint8Array(createHash("sha256").update(`plumed bench bulk account ${i}`).digest().subarray(0, 20));
}

/** Tx n's recipient: half existing bulk accounts spread over the whole state, half new addresses. */
function recipient(n: number): string {
  if (n % 2 === 0) return addresses.encodeAccount(bulkAddress((n * 7_919 + 13) % ACCOUNTS));
  return addresses.encodeAccount(new Uint8Array(createHash("sha256").update(`plumed bench new recipient ${n}`).digest().subarray(0, 20)));
}

function ms(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e6;
}

const MB = 1024 * 1024;

// A full GC on demand (as `node --expose-gc` gives), so that the heap figures are the live heap.
setFlagsFromString("--expose-gc");
const fullGc = runInNewContext("gc") as () => void;

interface Memory {
  /** Resident set: all of it, the process's own pages, lmdb's mapped file pages (Linux). */
  readonly rss: number;
  readonly anon: number;
  readonly file: number;
  /** JS heap in use as found, and live after a full GC; memory outside the heap (Buffers) after it. */
  readonly heap: number;
  readonly live: number;
  readonly external: number;
}

/** Resident kB of one kind from /proc/self/status (0 where there is none). */
function residentMb(status: string, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  return m !== null ? Number(m[1]) / 1024 : 0;
}

function memory(): Memory {
  const heap = process.memoryUsage().heapUsed / MB;
  fullGc();
  const m = process.memoryUsage();
  const status = existsSync("/proc/self/status") ? readFileSync("/proc/self/status", "utf8") : "";
  return { rss: m.rss / MB, anon: residentMb(status, "RssAnon"), file: residentMb(status, "RssFile"), heap, live: m.heapUsed / MB, external: m.external / MB };
}

function showMemory(m: Memory): string {
  return `RSS ${m.rss.toFixed(0)} MB (own ${m.anon.toFixed(0)}, lmdb map ${m.file.toFixed(0)}), heap ${m.heap.toFixed(0)} MB (live ${m.live.toFixed(0)}), buffers ${m.external.toFixed(0)} MB`;
}

/** The lmdb files' apparent size and the disk blocks they take, in bytes. */
function diskUsage(dir: string): { size: number; allocated: number } {
  let size = 0;
  let allocated = 0;
  for (const name of readdirSync(dir)) {
    const st = statSync(join(dir, name));
    size += st.size;
    allocated += st.blocks * 512;
  }
  return { size, allocated };
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] as number;
}

/** The store with the time spent in workingHash added up (the app calls it once per FinalizeBlock). */
function timedStore(inner: CommitMultiStore): { store: CommitMultiStore; hashMs: () => number } {
  let total = 0;
  const store: CommitMultiStore = {
    storeNames: inner.storeNames,
    lastCommitId: () => inner.lastCommitId(),
    earliestVersion: () => inner.earliestVersion(),
    branch: () => inner.branch(),
    viewAt: (version) => inner.viewAt(version),
    workingHash: () => {
      const t = process.hrtime.bigint();
      const hash = inner.workingHash();
      total += ms(t);
      return hash;
    },
    setInitialVersion: (version) => inner.setInitialVersion(version),
    commit: () => inner.commit(),
    lastCommitStats: () => inner.lastCommitStats(),
    close: () => inner.close(),
  };
  return { store, hashMs: () => total };
}

interface BlockFigures {
  readonly check: number;
  readonly finalize: number;
  readonly hash: number;
  readonly commit: number;
  readonly bytesWritten: number;
  readonly nodesWritten: number;
  readonly changedKeys: number;
  readonly fileGrowth: number;
  readonly before: Memory;
  readonly after: Memory;
}

async function main(): Promise<void> {
  console.log(`block-at-scale: ${ACCOUNTS} accounts (built in blocks of ${BATCH}), then ${BLOCKS} block(s) of ${TXS} sends from ${TXS} senders; node ${process.version}`);

  let t = process.hrtime.bigint();
  const senders = await makeSenders(TXS, 0n, "scale ");
  const signedBlocks = BLOCKS + (CPU_PROF !== "" ? 1 : 0);
  const perSender = await signAll(senders, TXS * signedBlocks, { recipient });
  console.log(`signed ${TXS * signedBlocks} sends (cosmjs, SIGN_MODE_DIRECT) in ${(ms(t) / 1000).toFixed(1)} s; recipients: even txs existing bulk accounts, odd txs new addresses`);

  const dir = DIR !== "" ? DIR : mkdtempSync(join(tmpdir(), "plumed-bench-scale-"));
  const settings = DEFAULT_CHAIN_SETTINGS;
  const lmdb = openCommitMultiStore({ path: dir, storeNames: appStoreNames(settings), pruning: PRUNE_DEFAULT });
  const { store, hashMs } = timedStore(lmdb);
  try {
    const plume = createPlumeApp({ chainId: BENCH_CHAIN_ID, settings, store, logger: silentLogger });
    const app = plume.baseApp;
    const bank = plume.keepers.bank;
    const appState = defaultAppState(settings);
    fundSenders(appState, senders);
    initBenchChain(app, appState);
    let height = 0n;
    const block = (txs: Uint8Array[]): abci.ResponseFinalizeBlock => {
      height++;
      return app.finalizeBlock(benchBlockRequest(height, txs));
    };
    // An empty first block: CheckTx at height 0 would take account number 0 for every signer (gentx rules).
    block([]);
    app.commit(abci.RequestCommit.fromPartial({}));

    // ---- the bulk accounts ------------------------------------------------------------------------
    const buildStart = process.hrtime.bigint();
    let keeperMs = 0;
    let finalizeMs = 0;
    let commitMs = 0;
    for (let first = 0; first < ACCOUNTS; first += BATCH) {
      const count = Math.min(BATCH, ACCOUNTS - first);
      t = process.hrtime.bigint();
      const branch = store.branch();
      const ctx = new Context(branch, blockHeader({ chainId: BENCH_CHAIN_ID, height: height + 1n }), "finalize", silentLogger);
      const each = Coins.of(Coin.of(BENCH_DENOM, BULK_BALANCE));
      bank.mintCoins(ctx, MINT_MODULE_NAME, Coins.of(Coin.of(BENCH_DENOM, BULK_BALANCE * BigInt(count))));
      for (let i = first; i < first + count; i++) {
        // A fresh event sink per account: the events of a send are not kept.
        bank.sendCoinsFromModuleToAccount(ctx.withEventManager(new EventManager()), MINT_MODULE_NAME, bulkAddress(i), each);
      }
      branch.write();
      const k = ms(t);
      t = process.hrtime.bigint();
      block([]);
      const h = ms(t);
      t = process.hrtime.bigint();
      app.commit(abci.RequestCommit.fromPartial({}));
      const c = ms(t);
      keeperMs += k;
      finalizeMs += h;
      commitMs += c;
      const s = store.lastCommitStats();
      console.log(
        `  accounts ${first + count}: keeper writes ${(k / 1000).toFixed(1)} s, FinalizeBlock (hashing) ${(h / 1000).toFixed(1)} s, Commit ${(c / 1000).toFixed(1)} s ` +
          `(${s.changedKeys} keys, ${s.nodesWritten} nodes, ${(s.bytesWritten / MB).toFixed(0)} MB); ${showMemory(memory())}`,
      );
    }
    const built = diskUsage(dir);
    console.log(
      `state: ${ACCOUNTS} bulk accounts (x/auth BaseAccount + x/bank balance each) + ${TXS} senders, built in ${(ms(buildStart) / 1000).toFixed(1)} s ` +
        `(keeper writes ${(keeperMs / 1000).toFixed(1)} s, FinalizeBlock ${(finalizeMs / 1000).toFixed(1)} s, Commit ${(commitMs / 1000).toFixed(1)} s) over ${Math.ceil(ACCOUNTS / BATCH)} blocks of up to ${BATCH} accounts, by x/bank keeper writes committed through the app's FinalizeBlock + Commit`,
    );
    console.log(`lmdb on disk after building: ${(built.allocated / MB).toFixed(0)} MB allocated (files ${(built.size / MB).toFixed(0)} MB) at height ${height}; ${showMemory(memory())}`);

    // ---- the blocks of sends ----------------------------------------------------------------------
    const figures: BlockFigures[] = [];
    for (let b = 0; b < BLOCKS; b++) {
      const txs = perSender.map((list) => list[b] as Uint8Array);
      const before = memory();
      const disk0 = diskUsage(dir).allocated;
      t = process.hrtime.bigint();
      for (const tx of txs) {
        const r = app.checkTx(abci.RequestCheckTx.fromPartial({ tx, type: abci.CheckTxType.NEW }));
        if (r.code !== 0) throw new Error(`CheckTx: code ${r.code} ${r.log}`);
      }
      const check = ms(t);
      t = process.hrtime.bigint();
      const hash0 = hashMs();
      const res = block(txs);
      const finalize = ms(t);
      const hash = hashMs() - hash0;
      const failed = res.txResults.findIndex((r) => r.code !== 0);
      if (failed >= 0) throw new Error(`FinalizeBlock: tx ${failed} code ${res.txResults[failed]?.code} ${res.txResults[failed]?.log}`);
      if (res.txResults.length !== txs.length) throw new Error(`FinalizeBlock: ${res.txResults.length} results for ${txs.length} txs`);
      t = process.hrtime.bigint();
      app.commit(abci.RequestCommit.fromPartial({}));
      const commit = ms(t);
      const s = store.lastCommitStats();
      const f: BlockFigures = {
        check,
        finalize,
        hash,
        commit,
        bytesWritten: s.bytesWritten,
        nodesWritten: s.nodesWritten,
        changedKeys: s.changedKeys,
        fileGrowth: diskUsage(dir).allocated - disk0,
        before,
        after: memory(),
      };
      figures.push(f);
      console.log(
        `block ${b + 1} (height ${height}, ${txs.length} txs, all code 0): CheckTx ${f.check.toFixed(0)} ms (${(f.check / txs.length).toFixed(3)} ms/tx); ` +
          `FinalizeBlock ${f.finalize.toFixed(0)} ms (${(f.finalize / txs.length).toFixed(3)} ms/tx, of which working hash ${f.hash.toFixed(0)} ms); Commit ${f.commit.toFixed(0)} ms; ` +
          `written ${f.changedKeys} keys, ${f.nodesWritten} nodes, ${(f.bytesWritten / MB).toFixed(1)} MB (${(f.bytesWritten / txs.length).toFixed(0)} B/tx), lmdb files +${(f.fileGrowth / MB).toFixed(1)} MB; ` +
          `before ${showMemory(f.before)}, after ${showMemory(f.after)}`,
      );
    }

    // ---- summary ------------------------------------------------------------------------------------
    const line = (name: string, xs: readonly number[], unit: string, digits: number): void => {
      console.log(`${name}: min ${Math.min(...xs).toFixed(digits)} median ${median(xs).toFixed(digits)} ${unit}`);
    };
    console.log(`summary over ${figures.length} block(s) of ${TXS} txs with ${ACCOUNTS} accounts:`);
    line("  CheckTx per tx", figures.map((f) => f.check / TXS), "ms", 3);
    line("  FinalizeBlock", figures.map((f) => f.finalize), "ms", 0);
    line("  FinalizeBlock per tx", figures.map((f) => f.finalize / TXS), "ms", 3);
    line("  FinalizeBlock's working hash (IAVL apply + hash)", figures.map((f) => f.hash), "ms", 0);
    line("  Commit", figures.map((f) => f.commit), "ms", 0);
    line("  Commit per tx", figures.map((f) => f.commit / TXS), "ms", 3);
    line("  bytes written per tx (keys + values)", figures.map((f) => f.bytesWritten / TXS), "B", 0);
    line("  lmdb file growth per tx", figures.map((f) => f.fileGrowth / TXS), "B", 0);
    line("  RSS after the block", figures.map((f) => f.after.rss), "MB", 0);
    line("  RSS after the block, the process's own pages (not lmdb's map)", figures.map((f) => f.after.anon), "MB", 0);
    line("  JS heap after the block", figures.map((f) => f.after.heap), "MB", 0);
    line("  JS heap after the block, live after a full GC", figures.map((f) => f.after.live), "MB", 0);
    line("  Buffers outside the JS heap after the block", figures.map((f) => f.after.external), "MB", 0);
    if (CPU_PROF !== "") {
      const txs = perSender.map((list) => list[BLOCKS] as Uint8Array);
      const session = new Session();
      session.connect();
      await session.post("Profiler.enable");
      await session.post("Profiler.start");
      for (const tx of txs) app.checkTx(abci.RequestCheckTx.fromPartial({ tx, type: abci.CheckTxType.NEW }));
      block(txs);
      app.commit(abci.RequestCommit.fromPartial({}));
      const { profile } = await session.post("Profiler.stop");
      session.disconnect();
      writeFileSync(CPU_PROF, JSON.stringify(profile));
      console.log(`profiled block (height ${height}, CheckTx + FinalizeBlock + Commit, not in the figures): ${CPU_PROF}`);
    }
    const end = diskUsage(dir);
    console.log(`end: ${showMemory(memory())}; lmdb ${(end.allocated / MB).toFixed(0)} MB allocated (files ${(end.size / MB).toFixed(0)} MB)`);
  } finally {
    await store.close();
    if (DIR === "") rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
