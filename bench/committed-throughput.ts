/**
 * Committed bank-send throughput and CPU cost per tx through a real single-validator node
 * (`plumed start` supervising a real cometbft; timeout_commit 1s, recheck on), the figures of
 * issue 13:
 *
 * - N pre-signed MsgSends (SIGN_MODE_DIRECT through cosmjs' wallet, zero fees, the bench node
 *   accepting them with minimum-gas-prices 0) from S senders funded in genesis, broadcast with
 *   broadcast_tx_sync by C concurrent workers (one sender's txs in sequence order);
 * - the client's own ceiling: the same workers against a mock RPC server that answers at once;
 * - committed tx/s from CometBFT's block metas (header times of the blocks that carried them),
 *   txs per block, every tx's code from block_results;
 * - CPU time (utime+stime from /proc/<pid>/stat) of the plumed process and of its cometbft child,
 *   per committed tx, over the window from the first broadcast until the last tx's block is
 *   committed;
 * - rechecks (cometbft_mempool_recheck_times from CometBFT's Prometheus endpoint);
 * - query latency after the load: abci_query, REST and gRPC p50 of a bank balance query.
 *
 *   npx tsx bench/committed-throughput.ts [--txs 10000] [--senders 2000] [--concurrency 128]
 *     [--runs 1] [--cpu-prof DIR] [--timeout-commit 1s] [--simd PATH] [--batch 1]
 *     [--node-flags "--single-threaded-gc ..."] [--warmup 0]
 *   npm run bench:committed-throughput -- --txs 3000 --senders 600
 *
 * plumed runs with the V8 flags bin/plumed gives it (cmd/plumed/node-flags.ts); --node-flags come
 * after them, so a flag given there (e.g. --max-semi-space-size=16) overrides.
 *
 * With --runs 3 the same signed txs go through three fresh nodes; min and median are printed.
 * With --cpu-prof DIR the plumed process runs under `node --cpu-prof` and writes its profile to
 * DIR when it stops (open it in Chrome DevTools or speedscope).
 * With --simd PATH (a Go Cosmos SDK v0.50 simd built as ../shared/reference/simd-oracle.md shows)
 * every plumed run is followed by the same load on the Go node under the same cometbft and
 * settings (bench/go-reference-node.ts), and the two are printed side by side.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { openSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import { QueryBalanceRequest, QueryBalanceResponse } from "cosmjs-types/cosmos/bank/v1beta1/query";
import { REPO_ROOT } from "../app/cometbft";
import { PLUMED_NODE_FLAGS } from "../cmd/plumed/node-flags";
import { setTomlValues } from "../app/config/toml-edit";
import { toBech32 } from "@cosmjs/encoding";
import { BENCH_CHAIN_ID as CHAIN_ID, BENCH_DENOM as DENOM, SENDER_BALANCE, fundSenders, makeSenders, signAll, type Sender } from "./bank-send-txs";
import { GO_REFERENCE_PREFIX, startGoReferenceNode } from "./go-reference-node";
import { Testnet } from "../test/helpers/testnet";
import { freePorts } from "../test/helpers/ports";
import { rpc, waitFor, waitForHeight } from "../test/helpers/rpc";

// ---- options -------------------------------------------------------------------------------

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

const TXS = Number(arg("txs", "10000"));
const SENDERS = Math.min(Number(arg("senders", "2000")), TXS);
const CONCURRENCY = Number(arg("concurrency", "128"));
/** Txs per JSON-RPC request: 1 = a GET per tx (issue 13's client); more = batches, a cheaper client. */
const BATCH = Number(arg("batch", "1"));
/**
 * Txs (from senders of their own) committed before the measured window, so that the figures are a
 * running node's rather than a fresh one's (V8 compiles the hot paths during the first thousands).
 */
const WARMUP = Number(arg("warmup", "0"));
const RUNS = Number(arg("runs", "1"));
const TIMEOUT_COMMIT = arg("timeout-commit", "1s");
const CPU_PROF = arg("cpu-prof", "");
/** Extra flags for the node (V8) process that runs `plumed start`, e.g. "--single-threaded-gc". */
const NODE_FLAGS = arg("node-flags", "").split(" ").filter((f) => f !== "");
/** A Go reference simd (../shared/reference/simd-oracle.md) to run side by side, alternating runs. */
const SIMD = arg("simd", "");
/** Each bench run must end within this (broadcast + commit), so a stuck node cannot hang it. */
const RUN_TIMEOUT_MS = Number(arg("run-timeout", "600")) * 1000;

/** Issue 13's goal and the figures measured for the Go app (simapp v0.50.15) and plumed before. */
const GOAL = { appCpuMsPerTx: 0.5, goAppCpuMsPerTx: 0.83, goTxPerSec: 844, plumedBeforeAppCpuMsPerTx: 1.01, abciQueryMs: 0.88, restMs: 0.67, grpcMs: 1.18 };

const PREFIX_OF_DEVNET = "plume";
const CLK_TCK = 100; // Linux USER_HZ: /proc times are in 1/100 s on every architecture Node supports.

// ---- broadcasting --------------------------------------------------------------------------

interface BroadcastResult {
  readonly seconds: number;
  readonly rejected: number;
  readonly firstRejection?: string;
  readonly retries: number;
  /** The bench process's own CPU time while broadcasting (the client's cost), ms. */
  readonly clientCpuMs: number;
}

interface RpcAnswer {
  readonly result?: { code: number; log: string };
  readonly error?: { message: string; data?: string };
}

/**
 * Sends txs (in order) as broadcast_tx_sync: one GET each, or with `batch` > 1 JSON-RPC batches of
 * that many in one POST (CometBFT runs a batch's calls in order, so a sender's sequence holds).
 * Answers whether each was accepted; "mempool is full" stops the batch there, to be retried.
 */
async function broadcastSome(port: number, txs: readonly string[], batch: number): Promise<RpcAnswer[]> {
  if (batch <= 1) {
    const res = await fetch(`http://127.0.0.1:${port}/broadcast_tx_sync?tx=0x${txs[0] as string}`);
    return [(await res.json()) as RpcAnswer];
  }
  const body = JSON.stringify(txs.map((tx, id) => ({ jsonrpc: "2.0", id, method: "broadcast_tx_sync", params: { tx: Buffer.from(tx, "hex").toString("base64") } })));
  const res = await fetch(`http://127.0.0.1:${port}/`, { method: "POST", headers: { "content-type": "application/json" }, body });
  const answers = (await res.json()) as (RpcAnswer & { id: number })[] | RpcAnswer;
  if (!Array.isArray(answers)) throw new Error(`a batch of ${txs.length} broadcasts was refused: ${JSON.stringify(answers).slice(0, 300)}`);
  return answers.sort((a, b) => a.id - b.id);
}

/**
 * C workers take senders in turn and push each sender's txs in sequence order with
 * broadcast_tx_sync, one per request or in JSON-RPC batches. "mempool is full" is retried after a
 * short pause.
 */
async function broadcastAll(port: number, perSender: readonly (readonly Uint8Array[])[], concurrency: number, batch: number): Promise<BroadcastResult> {
  const hex = perSender.map((list) => list.map((tx) => Buffer.from(tx).toString("hex")));
  let next = 0;
  let rejected = 0;
  let retries = 0;
  let firstRejection: string | undefined;
  const start = process.hrtime.bigint();
  const cpu0 = process.cpuUsage();
  const worker = async (): Promise<void> => {
    for (;;) {
      const i = next++;
      if (i >= hex.length) return;
      const txs = hex[i] as string[];
      let at = 0;
      while (at < txs.length) {
        const answers = await broadcastSome(port, txs.slice(at, at + Math.max(1, batch)), batch);
        let full = false;
        for (const body of answers) {
          if (body.error && `${body.error.data ?? ""}`.includes("mempool is full")) {
            full = true;
            break;
          }
          if (body.error) {
            rejected++;
            firstRejection ??= `${body.error.message} ${body.error.data ?? ""}`;
          } else if (body.result && body.result.code !== 0) {
            rejected++;
            firstRejection ??= `code ${body.result.code}: ${body.result.log}`;
          }
          at++;
        }
        if (full) {
          retries++;
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const cpu = process.cpuUsage(cpu0);
  return {
    seconds: Number(process.hrtime.bigint() - start) / 1e9,
    rejected,
    retries,
    clientCpuMs: (cpu.user + cpu.system) / 1000,
    ...(firstRejection !== undefined ? { firstRejection } : {}),
  };
}

/** A mock RPC server in its own process that answers every broadcast_tx_sync (or batch of them) at once. */
async function clientCeiling(perSender: readonly (readonly Uint8Array[])[], concurrency: number, batch: number): Promise<BroadcastResult & { readonly perSecond: number }> {
  const [port] = await freePorts(1);
  const code = `
    const one = { jsonrpc: "2.0", id: -1, result: { code: 0, data: "", log: "", codespace: "", hash: "00" } };
    const single = JSON.stringify(one);
    require("node:http").createServer((req, res) => {
      const chunks = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/json" });
        if (req.method !== "POST") return res.end(single);
        const n = JSON.parse(Buffer.concat(chunks).toString()).length;
        res.end(JSON.stringify(Array.from({ length: n }, (_, id) => ({ ...one, id }))));
      });
    }).listen(${port}, "127.0.0.1", () => process.stdout.write("ready\\n"));`;
  const child = spawn(process.execPath, ["-e", code], { stdio: ["ignore", "pipe", "inherit"] });
  try {
    await new Promise<void>((resolve, reject) => {
      child.stdout.once("data", () => resolve());
      child.once("exit", () => reject(new Error("mock server exited")));
    });
    const r = await broadcastAll(port as number, perSender, concurrency, batch);
    return { ...r, perSecond: perSender.reduce((n, l) => n + l.length, 0) / r.seconds };
  } finally {
    child.kill("SIGTERM");
  }
}

// ---- /proc and metrics ---------------------------------------------------------------------

/** utime+stime (and cutime+cstime of reaped children) of a process, in ms. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // fields[0] is field 3 (state): utime is field 14, stime 15, cutime 16, cstime 17.
  const ticks = [11, 12, 13, 14].reduce((sum, k) => sum + Number(fields[k]), 0);
  return Math.floor((ticks * 1000) / CLK_TCK);
}

/** CPU ms of each thread of a process, summed by thread name (main thread: the process name). */
function threadCpuMs(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const name = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")")).replace(/[0-9]+$/, "");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ms = Math.floor(((Number(fields[11]) + Number(fields[12])) * 1000) / CLK_TCK);
      out.set(Number(tid) === pid ? "main" : name, (out.get(Number(tid) === pid ? "main" : name) ?? 0) + ms);
    } catch {
      // the thread ended
    }
  }
  return out;
}

function threadCpuDelta(before: Map<string, number>, after: Map<string, number>): string {
  return [...after.entries()]
    .map(([name, ms]) => [name, ms - (before.get(name) ?? 0)] as const)
    .filter(([, ms]) => ms > 0)
    .sort((a, b) => b[1] - a[1])
    .map(([name, ms]) => `${name} ${ms}`)
    .join(", ");
}

function childPids(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // gone
    }
  }
  return out;
}

function commOf(pid: number): string {
  return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
}

async function metric(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  let sum = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) sum += Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return sum;
}

// ---- blocks --------------------------------------------------------------------------------

interface BlockMeta {
  readonly height: number;
  readonly timeMs: number;
  readonly numTxs: number;
}

function rfc3339Ms(t: string): number {
  // Sub-millisecond digits are dropped; block times are whole milliseconds apart at best.
  return Date.parse(t.replace(/(\.\d{3})\d*Z$/, "$1Z"));
}

async function blockMetas(port: number, from: number, to: number): Promise<BlockMeta[]> {
  const out: BlockMeta[] = [];
  for (let hi = to; hi >= from; hi -= 20) {
    const lo = Math.max(from, hi - 19);
    const r = await rpc<{ block_metas: { header: { height: string; time: string }; num_txs: string }[] }>(port, "blockchain", { minHeight: lo, maxHeight: hi });
    for (const m of r.block_metas) out.push({ height: Number(m.header.height), timeMs: rfc3339Ms(m.header.time), numTxs: Number(m.num_txs) });
  }
  return out.sort((a, b) => a.height - b.height);
}

async function latest(port: number): Promise<number> {
  const r = await rpc<{ sync_info: { latest_block_height: string } }>(port, "status");
  return Number(r.sync_info.latest_block_height);
}

// ---- queries -------------------------------------------------------------------------------

function p50(samples: number[]): number {
  const s = [...samples].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

async function timed(n: number, f: () => Promise<unknown>): Promise<number> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = process.hrtime.bigint();
    await f();
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return p50(out);
}

async function queryLatencies(ports: { rpc: number; api: number; grpc: number }, address: string): Promise<{ abci: number; rest: number; grpc: number }> {
  const data = Buffer.from(QueryBalanceRequest.encode({ address, denom: DENOM }).finish()).toString("hex");
  const abciQuery = async (): Promise<void> => {
    const r = await rpc<{ response: { code: number } }>(ports.rpc, "abci_query", { path: '"/cosmos.bank.v1beta1.Query/Balance"', data: `0x${data}` });
    if (r.response.code !== 0) throw new Error(`abci_query failed: code ${r.response.code}`);
  };
  const rest = async (): Promise<void> => {
    const res = await fetch(`http://127.0.0.1:${ports.api}/cosmos/bank/v1beta1/balances/${address}/by_denom?denom=${DENOM}`);
    if (res.status !== 200) throw new Error(`REST ${res.status}`);
    await res.text();
  };
  const client = new grpc.Client(`127.0.0.1:${ports.grpc}`, grpc.credentials.createInsecure());
  const grpcQuery = (): Promise<void> =>
    new Promise((resolve, reject) =>
      client.makeUnaryRequest(
        "/cosmos.bank.v1beta1.Query/Balance",
        (req: QueryBalanceRequest) => Buffer.from(QueryBalanceRequest.encode(req).finish()),
        (buf: Buffer) => QueryBalanceResponse.decode(buf),
        { address, denom: DENOM },
        (err) => (err ? reject(err) : resolve()),
      ),
    );
  try {
    // Warm each path (connections, JIT) before measuring.
    await timed(50, abciQuery);
    await timed(50, rest);
    await timed(50, grpcQuery);
    return { abci: await timed(300, abciQuery), rest: await timed(300, rest), grpc: await timed(300, grpcQuery) };
  } finally {
    client.close();
  }
}

// ---- the nodes under test ------------------------------------------------------------------

/** A running node: where to reach it and which processes to charge the CPU to. */
interface NodeUnderTest {
  readonly label: string;
  readonly ports: { readonly rpc: number; readonly api: number; readonly grpc: number };
  readonly metricsPort: number;
  readonly appPid: number;
  readonly cometPid: number;
  /** An account with a balance to query afterwards. */
  readonly queryAddress: string;
  /** Rejects if a process of the node exits before stop(). */
  readonly exited: Promise<never>;
  stop(): Promise<void>;
}

/** The CometBFT settings of every node in the bench, plumed's or Go's. */
function benchCometConfig(metricsPort: number): Record<string, string | number | boolean> {
  return {
    "consensus.timeout_commit": TIMEOUT_COMMIT,
    "mempool.recheck": true,
    "mempool.size": Math.max(5000, TXS),
    "rpc.max_request_batch_size": Math.max(10, BATCH),
    "instrumentation.prometheus": true,
    "instrumentation.prometheus_listen_addr": `127.0.0.1:${metricsPort}`,
  };
}

function exitedEarly(child: ChildProcess, what: string, logFile: string): Promise<never> {
  return new Promise<never>((_, reject) => child.once("exit", () => reject(new Error(`${what} exited; see ${logFile}: ${readFileSync(logFile, "utf8").slice(-2000)}`))));
}

async function startPlumed(senders: readonly Sender[]): Promise<NodeUnderTest> {
  const net = await Testnet.create(1, { chainId: CHAIN_ID, users: [], timeoutCommit: TIMEOUT_COMMIT, editGenesis: (appState) => fundSenders(appState, senders, PREFIX_OF_DEVNET) });
  const [metricsPort] = await freePorts(1);
  const node = net.layout.nodes[0];
  if (!node) throw new Error("no node");
  const configToml = join(node.home, "config", "config.toml");
  writeFileSync(configToml, setTomlValues(readFileSync(configToml, "utf8"), benchCometConfig(metricsPort as number)));
  // `plumed start` as spawnNode runs it, with node's profiler flags when asked (NODE_OPTIONS may not carry them).
  const logFile = join(node.home, "plumed.log");
  const child = spawn(process.execPath, [...PLUMED_NODE_FLAGS, ...NODE_FLAGS, ...(CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${CPU_PROF}`] : []), join(REPO_ROOT, "bin", "plumed"), "start", "--home", node.home], {
    stdio: ["ignore", openSync(logFile, "a"), openSync(logFile, "a")],
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const early = exitedEarly(child, "plumed", logFile);
  early.catch(() => undefined);
  const stop = async (): Promise<void> => {
    await stopChild(child, exited);
    await net.stop();
  };
  try {
    await Promise.race([waitForHeight(node.ports.rpc, 2, 120_000), early]);
    const appPid = child.pid as number;
    const cometPid = await waitFor("the cometbft child", async () => childPids(appPid).find((p) => commOf(p) === "cometbft"), 10_000);
    return { label: "plumed", ports: node.ports, metricsPort: metricsPort as number, appPid, cometPid, queryAddress: (senders[0] as Sender).bech32, exited: early, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function startGo(simd: string, senders: readonly Sender[]): Promise<NodeUnderTest> {
  const [p2p, rpcPort, abci, grpcPort, api, metricsPort] = (await freePorts(6)) as [number, number, number, number, number, number];
  const node = startGoReferenceNode({
    simd,
    chainId: CHAIN_ID,
    denom: DENOM,
    senders,
    balance: SENDER_BALANCE,
    cometConfig: benchCometConfig(metricsPort),
    ports: { p2p, rpc: rpcPort, abci, grpc: grpcPort, api },
  });
  const early = Promise.race([exitedEarly(node.simd, "simd", node.logFile), exitedEarly(node.cometbft, "cometbft", node.logFile)]);
  early.catch(() => undefined);
  try {
    await Promise.race([waitForHeight(rpcPort, 2, 120_000), early]);
    return {
      label: "Go simd",
      ports: { rpc: rpcPort, api, grpc: grpcPort },
      metricsPort,
      appPid: node.simd.pid as number,
      cometPid: node.cometbft.pid as number,
      queryAddress: toBech32(GO_REFERENCE_PREFIX, (senders[0] as Sender).address),
      exited: early,
      stop: () => node.stop(),
    };
  } catch (err) {
    await node.stop();
    throw err;
  }
}

// ---- one run -------------------------------------------------------------------------------

interface RunResult {
  readonly txPerSec: number;
  readonly appCpuMsPerTx: number;
  readonly cometCpuMsPerTx: number;
  readonly blocks: number;
  readonly maxTxsPerBlock: number;
  readonly rechecks: number;
  readonly queries: { abci: number; rest: number; grpc: number };
}

async function run(index: number, node: NodeUnderTest, perSender: readonly (readonly Uint8Array[])[], warmup: readonly (readonly Uint8Array[])[]): Promise<RunResult> {
  try {
    if (warmup.length > 0) await Promise.race([warmUp(node, warmup), node.exited]);
    return await Promise.race([measure(index, node, perSender), node.exited]);
  } finally {
    await node.stop();
  }
}

/** Broadcasts the warm-up txs and waits until they are all committed. */
async function warmUp(node: NodeUnderTest, perSender: readonly (readonly Uint8Array[])[]): Promise<void> {
  const port = node.ports.rpc;
  const total = perSender.reduce((n, l) => n + l.length, 0);
  const from = (await latest(port)) + 1;
  const sent = await broadcastAll(port, perSender, CONCURRENCY, BATCH);
  if (sent.rejected > 0) throw new Error(`${sent.rejected} warm-up txs rejected by CheckTx; first: ${sent.firstRejection ?? "?"}`);
  const committed = await waitFor(
    "the warm-up txs in blocks",
    async () => {
      const metas = await blockMetas(port, from, await latest(port));
      const withTxs = metas.filter((m) => m.numTxs > 0);
      return withTxs.reduce((n, m) => n + m.numTxs, 0) >= total ? withTxs[withTxs.length - 1] : undefined;
    },
    RUN_TIMEOUT_MS,
  );
  await waitForHeight(port, committed.height + 1, 30_000);
  console.log(`  warm-up: ${total} txs committed by height ${committed.height}`);
}

async function measure(index: number, node: NodeUnderTest, perSender: readonly (readonly Uint8Array[])[]): Promise<RunResult> {
  const port = node.ports.rpc;
  const { appPid, cometPid, metricsPort } = node;
  const startHeight = await latest(port);
  const recheck0 = await metric(metricsPort, "cometbft_mempool_recheck_times");
  const app0 = cpuMs(appPid);
  const threads0 = threadCpuMs(appPid);
  const comet0 = cpuMs(cometPid);
  const sent = await broadcastAll(port, perSender, CONCURRENCY, BATCH);
  if (sent.rejected > 0) throw new Error(`${sent.rejected} txs rejected by CheckTx; first: ${sent.firstRejection ?? "?"}`);

  // Wait until every tx is in a block, then until that block is committed (the next one exists).
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  let metas: BlockMeta[];
  for (;;) {
    const h = await latest(port);
    metas = await blockMetas(port, startHeight + 1, h);
    if (metas.reduce((n, m) => n + m.numTxs, 0) >= TXS) break;
    if (Date.now() > deadline) throw new Error(`only ${metas.reduce((n, m) => n + m.numTxs, 0)} of ${TXS} txs committed in time`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const withTxs = metas.filter((m) => m.numTxs > 0);
  const first = withTxs[0] as BlockMeta;
  const last = withTxs[withTxs.length - 1] as BlockMeta;
  await waitForHeight(port, last.height + 1, 30_000);
  const app1 = cpuMs(appPid);
  const threads1 = threadCpuMs(appPid);
  const comet1 = cpuMs(cometPid);
  const recheck1 = await metric(metricsPort, "cometbft_mempool_recheck_times");

  // Every committed tx succeeded.
  let failed = 0;
  let firstFailure = "";
  for (const m of withTxs) {
    const r = await rpc<{ txs_results: { code: number; log: string }[] | null }>(port, "block_results", { height: m.height });
    for (const t of r.txs_results ?? []) {
      if (t.code !== 0) {
        failed++;
        firstFailure ||= `height ${m.height}: code ${t.code} ${t.log}`;
      }
    }
  }
  if (failed > 0) throw new Error(`${failed} committed txs failed; first: ${firstFailure}`);

  const before = metas.find((m) => m.height === first.height - 1) ?? (await blockMetas(port, first.height - 1, first.height - 1))[0];
  const spanMs = last.timeMs - (before as BlockMeta).timeMs;
  const queries = await queryLatencies(node.ports, node.queryAddress);
  const result: RunResult = {
    txPerSec: (TXS * 1000) / spanMs,
    appCpuMsPerTx: (app1 - app0) / TXS,
    cometCpuMsPerTx: (comet1 - comet0) / TXS,
    blocks: withTxs.length,
    maxTxsPerBlock: Math.max(...withTxs.map((m) => m.numTxs)),
    rechecks: recheck1 - recheck0,
    queries,
  };
  console.log(
    `run ${index + 1} (${node.label}): ${result.txPerSec.toFixed(0)} committed tx/s over ${withTxs.length} blocks (heights ${first.height}-${last.height}, ` +
      `txs per block ${withTxs.map((m) => m.numTxs).join(" ")}); broadcast took ${sent.seconds.toFixed(1)} s (${(TXS / sent.seconds).toFixed(0)} tx/s, ${sent.retries} mempool-full retries, client CPU ${(sent.clientCpuMs / TXS).toFixed(3)} ms per tx)`,
  );
  console.log(
    `  CPU per committed tx: app ${result.appCpuMsPerTx.toFixed(3)} ms, cometbft ${result.cometCpuMsPerTx.toFixed(3)} ms ` +
      `(app ${app1 - app0} ms, cometbft ${comet1 - comet0} ms in total); rechecks ${result.rechecks}; all ${TXS} txs code 0`,
  );
  console.log(`  app CPU ms by thread: ${threadCpuDelta(threads0, threads1)}`);
  console.log(`  query p50: abci_query ${queries.abci.toFixed(2)} ms, REST ${queries.rest.toFixed(2)} ms, gRPC ${queries.grpc.toFixed(2)} ms`);
  return result;
}

/** SIGTERM (plumed stops cometbft, then exits, writing its CPU profile), SIGKILL after 30 s. */
async function stopChild(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
  await exited;
  clearTimeout(timer);
}

// ---- main ----------------------------------------------------------------------------------

function summary(label: string, values: readonly number[], digits: number): string {
  const s = [...values].sort((a, b) => a - b);
  const median = s[Math.floor((s.length - 1) / 2)] as number;
  return values.length === 1 ? `${label} ${median.toFixed(digits)}` : `${label} min ${(s[0] as number).toFixed(digits)} median ${median.toFixed(digits)} max ${(s[s.length - 1] as number).toFixed(digits)}`;
}

function printSummary(label: string, results: readonly RunResult[]): void {
  console.log(`${label}, ${results.length} run(s) of ${TXS} txs:`);
  console.log(`  ${summary("committed tx/s:", results.map((r) => r.txPerSec), 0)}`);
  console.log(`  ${summary("app CPU ms per committed tx:", results.map((r) => r.appCpuMsPerTx), 3)}`);
  console.log(`  ${summary("cometbft CPU ms per committed tx:", results.map((r) => r.cometCpuMsPerTx), 3)}`);
  console.log(`  ${summary("rechecks:", results.map((r) => r.rechecks), 0)}`);
  console.log(`  ${summary("abci_query p50 ms:", results.map((r) => r.queries.abci), 2)}`);
  console.log(`  ${summary("REST p50 ms:", results.map((r) => r.queries.rest), 2)}`);
  console.log(`  ${summary("gRPC p50 ms:", results.map((r) => r.queries.grpc), 2)}`);
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] as number;
}

async function main(): Promise<void> {
  console.log(
    `committed-throughput: ${TXS} bank sends from ${SENDERS} senders, concurrency ${CONCURRENCY}, timeout_commit ${TIMEOUT_COMMIT}, recheck on, ${RUNS} run(s)` +
      (WARMUP > 0 ? `, each after ${WARMUP} warm-up txs` : "") +
      (BATCH > 1 ? `, ${BATCH} txs per JSON-RPC batch` : "") +
      (SIMD ? `, each alternating with the Go reference node ${SIMD}` : ""),
  );
  const t0 = process.hrtime.bigint();
  const senders = await makeSenders(SENDERS);
  const perSender = await signAll(senders, TXS);
  const goPerSender = SIMD ? await signAll(senders, TXS, { prefix: GO_REFERENCE_PREFIX }) : [];
  const warmSenders = WARMUP > 0 ? await makeSenders(Math.min(WARMUP, SENDERS), BigInt(SENDERS) + 1n, "warm-up ") : [];
  const warmup = WARMUP > 0 ? await signAll(warmSenders, WARMUP) : [];
  const goWarmup = WARMUP > 0 && SIMD ? await signAll(warmSenders, WARMUP, { prefix: GO_REFERENCE_PREFIX }) : [];
  const funded = [...senders, ...warmSenders];
  console.log(`signed ${TXS} txs${SIMD ? " for each node" : ""} in ${(Number(process.hrtime.bigint() - t0) / 1e9).toFixed(1)} s`);
  const ceiling = await clientCeiling(perSender, CONCURRENCY, BATCH);
  console.log(`client ceiling against a mock RPC server: ${ceiling.perSecond.toFixed(0)} broadcasts/s (client CPU ${(ceiling.clientCpuMs / TXS).toFixed(3)} ms per tx)`);

  const results: RunResult[] = [];
  const goResults: RunResult[] = [];
  for (let i = 0; i < RUNS; i++) {
    results.push(await run(i, await startPlumed(funded), perSender, warmup));
    if (SIMD) goResults.push(await run(i, await startGo(SIMD, funded), goPerSender, goWarmup));
  }

  console.log("");
  printSummary("plumed", results);
  if (SIMD) {
    printSummary("Go simd (same txs, same cometbft and settings, runs alternating with plumed's)", goResults);
    const m = (rs: readonly RunResult[], f: (r: RunResult) => number): number => median(rs.map(f));
    console.log("plumed against Go, medians:");
    console.log(`  committed tx/s: ${(m(results, (r) => r.txPerSec) / m(goResults, (r) => r.txPerSec)).toFixed(2)}x   (goal >= 1.5x)`);
    console.log(
      `  app CPU per committed tx: ${(m(results, (r) => r.appCpuMsPerTx) / m(goResults, (r) => r.appCpuMsPerTx)).toFixed(2)}x   ` +
        `(goal <= ${GOAL.appCpuMsPerTx} ms, i.e. < 0.6x Go's)`,
    );
    console.log(`  cometbft CPU per committed tx: ${(m(results, (r) => r.cometCpuMsPerTx) / m(goResults, (r) => r.cometCpuMsPerTx)).toFixed(2)}x`);
  } else {
    console.log(`goals: app CPU <= ${GOAL.appCpuMsPerTx} ms per committed tx (issue 13 measured Go's app at ${GOAL.goAppCpuMsPerTx} and plumed before at ${GOAL.plumedBeforeAppCpuMsPerTx});`);
    console.log(`  committed tx/s >= 1.5x the Go node's side by side (issue 13 measured it at ${GOAL.goTxPerSec}; pass --simd to run it here);`);
    console.log(`  query p50s as before (issue 13: abci_query ${GOAL.abciQueryMs}, REST ${GOAL.restMs}, gRPC ${GOAL.grpcMs} ms)`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
