/**
 * Empty-block throughput through the real ABCI socket: FinalizeBlock (no txs) + Commit per block,
 * each sent as CometBFT sends it (request, then Flush, then wait), over TCP loopback and over a
 * unix socket, next to the same calls made in-process so that the socket + codec share is visible.
 *
 *   npx tsx bench/abci-empty-blocks.ts [--blocks N] [--warmup N] [--app <module>]
 *
 * `--app` names a module exporting `createBenchApp(): BenchApp | Promise<BenchApp>`; by default
 * `bench/plumed-app` (the real plumed application on a fresh lmdb store) is used when it exists, otherwise a no-op application, whose figures are then
 * the pure server overhead.
 */
import { existsSync, promises as fs } from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { pathToFileURL } from "node:url";
import { RequestCommit, RequestFinalizeBlock, RequestInitChain } from "cosmjs-types/tendermint/abci/types";
import type { DeepPartial } from "cosmjs-types/helpers";
import type { AbciApplication } from "../app/abci/application";
import { AbciSocketClient } from "../app/abci/client";
import { createNoopApplication } from "../app/abci/noop-application";
import { AbciServer } from "../app/abci/server";
import { silentLogger } from "../app/logger";

/** What the module named by `--app` provides: a fresh application per run. */
export interface BenchApp {
  readonly app: AbciApplication;
  /** Sent when Info reports height 0, as CometBFT does on a fresh chain. */
  readonly initChain?: DeepPartial<RequestInitChain>;
  /** The FinalizeBlock request for `height`; default: no txs, no votes, one second per block. */
  readonly finalizeBlock?: (height: bigint) => DeepPartial<RequestFinalizeBlock>;
  close?(): void | Promise<void>;
}

export type BenchAppFactory = () => BenchApp | Promise<BenchApp>;

export type Transport = "tcp" | "unix" | "direct";

export interface BenchOptions {
  readonly blocks: number;
  readonly warmup: number;
  readonly transport: Transport;
}

export interface BenchResult {
  readonly transport: Transport;
  readonly blocks: number;
  readonly seconds: number;
  readonly blocksPerSecond: number;
  readonly microsPerBlock: number;
}

const GENESIS_SECONDS = 1_700_000_000n;

function defaultFinalizeBlock(height: bigint): DeepPartial<RequestFinalizeBlock> {
  return {
    height,
    time: { seconds: GENESIS_SECONDS + height, nanos: 0 },
    hash: new Uint8Array(32).fill(Number(height % 256n)),
    txs: [],
    misbehavior: [],
    decidedLastCommit: { round: 0, votes: [] },
  };
}

/** The steps of one block, over a socket or straight into the application. */
interface BlockDriver {
  info(): Promise<bigint>;
  initChain(req: DeepPartial<RequestInitChain>): Promise<void>;
  block(req: DeepPartial<RequestFinalizeBlock>): Promise<void>;
  close(): Promise<void>;
}

async function socketDriver(app: AbciApplication, transport: "tcp" | "unix"): Promise<BlockDriver> {
  let dir: string | undefined;
  let address = "tcp://127.0.0.1:0";
  if (transport === "unix") {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), "plumed-bench-"));
    address = `unix://${path.join(dir, "abci.sock")}`;
  }
  const server = new AbciServer({ address, app, logger: silentLogger });
  const client = await AbciSocketClient.connect(await server.start());
  return {
    info: async () => (await client.info()).lastBlockHeight,
    initChain: async (req) => void (await client.initChain(req)),
    block: async (req) => {
      await client.finalizeBlock(req);
      await client.commit();
    },
    close: async () => {
      await client.close();
      await server.close();
      if (dir !== undefined) await fs.rm(dir, { recursive: true, force: true });
    },
  };
}

function directDriver(app: AbciApplication): BlockDriver {
  return {
    info: async () => (await app.info({ version: "", blockVersion: 0n, p2pVersion: 0n, abciVersion: "" })).lastBlockHeight,
    initChain: async (req) => void (await app.initChain(RequestInitChain.fromPartial(req))),
    block: async (req) => {
      await app.finalizeBlock(RequestFinalizeBlock.fromPartial(req));
      await app.commit(RequestCommit.fromPartial({}));
    },
    close: async () => undefined,
  };
}

/** Runs `warmup` then `blocks` empty blocks on a fresh application; times only the latter. */
export async function runEmptyBlockBench(factory: BenchAppFactory, options: BenchOptions): Promise<BenchResult> {
  const bench = await factory();
  const driver = options.transport === "direct" ? directDriver(bench.app) : await socketDriver(bench.app, options.transport);
  const makeBlock = bench.finalizeBlock ?? defaultFinalizeBlock;
  try {
    let height = await driver.info();
    if (height === 0n && bench.initChain !== undefined) await driver.initChain(bench.initChain);
    for (let i = 0; i < options.warmup; i++) await driver.block(makeBlock(++height));
    // Requests are built outside the timed loop: the figure is the server's and the app's work.
    const requests = Array.from({ length: options.blocks }, () => makeBlock(++height));
    const start = process.hrtime.bigint();
    for (const req of requests) await driver.block(req);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    return {
      transport: options.transport,
      blocks: options.blocks,
      seconds,
      blocksPerSecond: options.blocks / seconds,
      microsPerBlock: (seconds * 1e6) / options.blocks,
    };
  } finally {
    await driver.close();
    await bench.close?.();
  }
}

function parseArgs(argv: readonly string[]): { blocks: number; warmup: number; app: string | undefined } {
  const out: { blocks: number; warmup: number; app: string | undefined } = { blocks: 5000, warmup: 500, app: undefined };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    i++;
    if (flag === "--blocks" || flag === "--warmup") {
      const n = Number(value);
      if (!Number.isSafeInteger(n) || n < (flag === "--blocks" ? 1 : 0)) throw new Error(`bad ${flag} ${value}`);
      out[flag === "--blocks" ? "blocks" : "warmup"] = n;
    } else if (flag === "--app") out.app = value;
    else throw new Error(`unknown option ${flag} (expected --blocks, --warmup, --app)`);
  }
  return out;
}

function findDefaultAppModule(): string | undefined {
  const base = path.join(__dirname, "plumed-app");
  return [`${base}.ts`, `${base}.js`, path.join(base, "index.ts")].find((candidate) => existsSync(candidate));
}

async function loadFactory(modulePath: string | undefined): Promise<{ factory: BenchAppFactory; label: string }> {
  const resolved = modulePath === undefined ? findDefaultAppModule() : path.resolve(modulePath);
  if (resolved === undefined) {
    return {
      factory: () => ({ app: createNoopApplication() }),
      label: "no-op application (figures are the pure socket + codec overhead)",
    };
  }
  const loaded: unknown = await import(pathToFileURL(resolved).href);
  const factory = (loaded as { createBenchApp?: unknown }).createBenchApp;
  if (typeof factory !== "function") throw new Error(`${resolved} does not export createBenchApp()`);
  return { factory: factory as BenchAppFactory, label: path.relative(process.cwd(), resolved) };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const { factory, label } = await loadFactory(args.app);
  console.log(`ABCI empty blocks: FinalizeBlock + Commit, ${args.blocks} blocks after ${args.warmup} warm-up`);
  console.log(`app: ${label}; node ${process.version}, ${os.cpus()[0]?.model ?? "unknown cpu"}`);
  console.log(`${"transport".padEnd(10)}${"blocks/s".padStart(12)}${"µs/block".padStart(12)}`);
  for (const transport of ["tcp", "unix", "direct"] as const) {
    const r = await runEmptyBlockBench(factory, { blocks: args.blocks, warmup: args.warmup, transport });
    const note = transport === "direct" ? "   (in-process calls, no socket)" : "";
    console.log(
      `${transport.padEnd(10)}${r.blocksPerSecond.toFixed(0).padStart(12)}${r.microsPerBlock.toFixed(1).padStart(12)}${note}`,
    );
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
