/**
 * The application's CPU per bank send, in process and without CometBFT: the same pre-signed sends
 * as bench/committed-throughput.ts (cosmjs, direct sign mode, zero fees) through the real plumed
 * app on a fresh lmdb store, in the order a single validator runs them: CheckTx of every tx, then
 * blocks of `--block` txs (FinalizeBlock + Commit), each followed by the ReCheck of every tx still
 * waiting, as CometBFT's mempool does. Less noisy than the end-to-end bench (no sockets, no
 * CometBFT sharing the cores), so it is the quick check of a hot-path change; the figure to quote
 * stays the end-to-end one. A warm-up run (its own senders) comes first and is not counted.
 *
 *   npx tsx bench/app-bank-sends.ts [--txs 6000] [--senders 1200] [--block 700] [--runs 3]
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as abci from "cosmjs-types/tendermint/abci/types";
import { DEFAULT_CHAIN_SETTINGS } from "../app/chain-config";
import { silentLogger } from "../app/logger";
import { openCommitMultiStore } from "../app/store";
import { PRUNE_DEFAULT } from "../app/store/pruning";
import { appStoreNames, createPlumeApp, defaultAppState } from "../chain/app";
import { BENCH_CHAIN_ID, benchBlockRequest, fundSenders, initBenchChain, makeSenders, signAll } from "./bank-send-txs";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

const TXS = Number(arg("txs", "6000"));
const SENDERS = Math.min(Number(arg("senders", "1200")), TXS);
const BLOCK = Number(arg("block", "700"));
const RUNS = Number(arg("runs", "3"));

interface Phases {
  check: number;
  recheck: number;
  rechecks: number;
  finalize: number;
  commit: number;
  cpu: number;
  mainCpu: number;
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** CPU ms of this process's main thread (from /proc; Linux's clock ticks are 1/100 s). */
function mainThreadCpuMs(): number {
  const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

function ms(since: bigint): number {
  return Number(process.hrtime.bigint() - since) / 1e6;
}

async function run(txs: readonly Uint8Array[], appState: Record<string, unknown>): Promise<Phases> {
  const dir = mkdtempSync(join(tmpdir(), "plumed-bench-sends-"));
  const settings = DEFAULT_CHAIN_SETTINGS;
  const store = openCommitMultiStore({ path: dir, storeNames: appStoreNames(settings), pruning: PRUNE_DEFAULT });
  try {
    const app = createPlumeApp({ chainId: BENCH_CHAIN_ID, settings, store, logger: silentLogger }).baseApp;
    initBenchChain(app, appState);
    // An empty first block: CheckTx at height 0 would take account number 0 for every signer (gentx rules).
    const block = (height: bigint, txs: Uint8Array[]): abci.ResponseFinalizeBlock => app.finalizeBlock(benchBlockRequest(height, txs));
    block(1n, []);
    app.commit(abci.RequestCommit.fromPartial({}));
    const phases: Phases = { check: 0, recheck: 0, rechecks: 0, finalize: 0, commit: 0, cpu: 0, mainCpu: 0 };
    const cpu0 = cpuMs();
    const main0 = mainThreadCpuMs();
    let t = process.hrtime.bigint();
    for (const tx of txs) {
      const r = app.checkTx(abci.RequestCheckTx.fromPartial({ tx, type: abci.CheckTxType.NEW }));
      if (r.code !== 0) throw new Error(`CheckTx: code ${r.code} ${r.log}`);
    }
    phases.check = ms(t);
    for (let start = 0, height = 2n; start < txs.length; start += BLOCK, height++) {
      t = process.hrtime.bigint();
      const res = block(height, txs.slice(start, start + BLOCK));
      const failed = res.txResults.find((r) => r.code !== 0);
      if (failed) throw new Error(`FinalizeBlock: code ${failed.code} ${failed.log}`);
      phases.finalize += ms(t);
      t = process.hrtime.bigint();
      app.commit(abci.RequestCommit.fromPartial({}));
      phases.commit += ms(t);
      t = process.hrtime.bigint();
      for (const tx of txs.slice(start + BLOCK)) {
        const r = app.checkTx(abci.RequestCheckTx.fromPartial({ tx, type: abci.CheckTxType.RECHECK }));
        if (r.code !== 0) throw new Error(`ReCheck: code ${r.code} ${r.log}`);
        phases.rechecks++;
      }
      phases.recheck += ms(t);
    }
    phases.cpu = cpuMs() - cpu0;
    phases.mainCpu = mainThreadCpuMs() - main0;
    return phases;
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Fresh senders (other keys and addresses for each seed) and their sends, in CheckTx order. */
async function workload(seed: string): Promise<{ txs: Uint8Array[]; appState: Record<string, unknown> }> {
  const senders = await makeSenders(SENDERS, 0n, seed);
  const perSender = await signAll(senders, TXS);
  // Round-robin over senders: each sender's txs stay in sequence order.
  const txs: Uint8Array[] = [];
  for (let s = 0; txs.length < TXS; s++) for (const list of perSender) if (list[s] !== undefined) txs.push(list[s] as Uint8Array);
  const appState = defaultAppState(DEFAULT_CHAIN_SETTINGS);
  fundSenders(appState, senders);
  return { txs, appState };
}

async function main(): Promise<void> {
  console.log(`app-bank-sends: ${TXS} sends from ${SENDERS} senders, blocks of ${BLOCK}, a warm-up run then ${RUNS} run(s)`);
  // Each run has its own senders, so that nothing a process-wide cache kept from an earlier run
  // (addresses, decoded accounts, signatures) helps it: what a long-running node sees with new
  // txs. The warm-up run only lets V8 compile the hot path.
  const all: Phases[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const w = await workload(`run ${i} `);
    const p = await run(w.txs, w.appState);
    const per = (x: number): string => (x / TXS).toFixed(3);
    console.log(
      `${i === 0 ? "warm-up" : `run ${i}`}: process CPU ${per(p.cpu)} ms/tx (main thread ${per(p.mainCpu)}); main thread wall time per tx: CheckTx ${per(p.check)}, ReCheck ${per(p.recheck)} (${p.rechecks} rechecks, ` +
        `${(p.recheck / Math.max(1, p.rechecks)).toFixed(3)} ms each), FinalizeBlock ${per(p.finalize)}, Commit ${per(p.commit)}`,
    );
    if (i > 0) all.push(p);
  }
  const cpus = all.map((p) => p.cpu / TXS).sort((a, b) => a - b);
  console.log(`process CPU ms per tx: min ${(cpus[0] as number).toFixed(3)} median ${(cpus[Math.floor((cpus.length - 1) / 2)] as number).toFixed(3)}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
