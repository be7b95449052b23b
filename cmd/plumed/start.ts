import { spawn, type ChildProcess } from "node:child_process";
import { AbciServer } from "../../app/abci/server";
import { appStoreNames, createPlumeApp, type PlumeApp } from "../../chain/app";
import { testHooksFromEnv } from "../../chain/test-hooks";
import { crashPointFromEnv, type CrashPoint } from "../../app/crash-point";
import { DEFAULT_CHAIN_SETTINGS, type ChainSettings } from "../../app/chain-config";
import { findCometbft, supervisedCommand } from "../../app/cometbft";
import { DEFAULT_MIN_GAS_PRICE_AMOUNT, readAppConfig, type AppConfig } from "../../app/config/app-config";
import { readGenesisDoc, type GenesisDoc } from "../../app/genesis-doc";
import { createLogger, parseLogLevel, type Logger } from "../../app/logger";
import type { JsonObject } from "../../app/module";
import { acquireWriterLock, openCommitMultiStore, type WriterLock } from "../../app/store";
import type { CommitMultiStore } from "../../app/store/types";
import { existingHome, type HomePaths } from "./home";
import { apiQueryHook, nodeServicesFromConfig, startApiServers } from "../../app/server";
import { readFileSync } from "node:fs";
import { parseToml } from "../../app/config/toml";
import { PLUMED_NODE_FLAGS, runsWithPlumedNodeFlags } from "./node-flags";

/** CometBFT's RPC listen address from config.toml ([rpc] laddr), for the services that ask it. */
function cometRpcAddress(configToml: string): string {
  const rpc = parseToml(readFileSync(configToml, "utf8"))["rpc"] as Record<string, unknown> | undefined;
  const laddr = typeof rpc?.["laddr"] === "string" ? rpc["laddr"] : "tcp://127.0.0.1:26657";
  return laddr.replace("0.0.0.0", "127.0.0.1");
}

/**
 * A chain's validators come from gentxs (or an exported staking state); without either, InitChain
 * would refuse CometBFT's placeholder validator. Say so in one line before CometBFT starts.
 */
function assertGenesisHasValidators(appState: JsonObject): void {
  const genutil = appState["genutil"] as JsonObject | undefined;
  const staking = appState["staking"] as JsonObject | undefined;
  const gentxs = Array.isArray(genutil?.["gen_txs"]) ? (genutil?.["gen_txs"] as unknown[]).length : 0;
  const validators = Array.isArray(staking?.["validators"]) ? (staking?.["validators"] as unknown[]).length : 0;
  if (gentxs === 0 && validators === 0) {
    throw new Error("no validators: add some with \"plumed genesis gentx\" and \"plumed genesis collect-gentxs\" (or use \"plumed devnet\")");
  }
}

/**
 * The SDK refuses to start without minimum-gas-prices; plumed starts (a node may be fed only by a
 * trusted client) but says, at warn level, that its mempool takes spam for free.
 */
function warnFreeTxs(logger: Logger, denom: string): void {
  logger.warn(
    `minimum-gas-prices is empty in app.toml: this node accepts transactions without fees (spam costs nothing); set it, e.g. minimum-gas-prices = "${DEFAULT_MIN_GAS_PRICE_AMOUNT}${denom}", or "0${denom}" to accept zero fees on purpose`,
  );
}

/** The chain's fee denom as genesis names it (staking's bond denom), for messages. */
function feeDenomOf(appState: JsonObject, settings: ChainSettings): string {
  const staking = appState["staking"] as JsonObject | undefined;
  const params = staking?.["params"] as JsonObject | undefined;
  const bond = params?.["bond_denom"];
  return typeof bond === "string" && bond !== "" ? bond : settings.denom;
}

export interface StartOptions {
  readonly home: string;
  /** Run only the ABCI application, for an externally managed CometBFT. */
  readonly abciOnly?: boolean;
  readonly logLevel?: string;
  readonly logger?: Logger;
}

export interface RunningNode {
  readonly app: PlumeApp;
  readonly abciAddress: string;
  /** Resolves with the exit code once the node has stopped (by stop() or because CometBFT exited). */
  readonly stopped: Promise<number>;
  stop(): Promise<number>;
}

/**
 * `plumed start`: takes the home's writer lock (refused if another plumed runs on it), opens the
 * state, serves ABCI, and (unless abci-only) runs `cometbft node` on the same home as a supervised
 * child. If CometBFT exits, the node stops with its exit code; stop() (SIGINT/SIGTERM) stops
 * CometBFT first, then the ABCI server, then closes the store and releases the lock.
 */
export async function startNode(opts: StartOptions): Promise<RunningNode> {
  const paths = existingHome(opts.home);
  const config = readAppConfig(paths.appToml);
  const logger = opts.logger ?? createLogger({ level: parseLogLevel(opts.logLevel ?? config.logLevel) });
  const genesis = readGenesisDoc(paths.genesis);
  const settings: ChainSettings = { ...DEFAULT_CHAIN_SETTINGS, bech32Prefix: config.bech32Prefix };
  const cometbft = opts.abciOnly ? undefined : findCometbft();

  // Test hook (docs/testing.md): PLUMED_TEST_CRASH=<phase>:<height>; a bad value stops here.
  const crashPoint = crashPointFromEnv(process.env, logger.with({ module: "app" }));

  // One plumed process per home: a second one is refused here, before it opens the store.
  const lock = await acquireWriterLock(paths.lockFile);
  let store: CommitMultiStore | undefined;
  try {
    store = openCommitMultiStore({
      path: paths.appDb,
      storeNames: appStoreNames(settings),
      pruning: config.pruning,
      ...(crashPoint !== undefined ? { faults: { midCommit: (version: number) => crashPoint.reached("commit-mid", BigInt(version)) } } : {}),
    });
    return await serve(opts, { paths, config, logger, genesis, settings, cometbft, store, lock, crashPoint });
  } catch (err) {
    await store?.close();
    await lock.release();
    throw err;
  }
}

interface Opened {
  readonly paths: HomePaths;
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly genesis: GenesisDoc;
  readonly settings: ChainSettings;
  readonly cometbft: string | undefined;
  readonly store: CommitMultiStore;
  readonly lock: WriterLock;
  readonly crashPoint: CrashPoint | undefined;
}

/** The node over an opened store: app, ABCI and API servers, and the supervised CometBFT. */
async function serve(opts: StartOptions, o: Opened): Promise<RunningNode> {
  const { paths, config, logger, genesis, settings, cometbft, store, lock, crashPoint } = o;
  const cometRpcUrl = cometRpcAddress(paths.configToml);
  // The node services (tx, CometBFT, node) answer abci_query too; they need the app once built.
  let built: PlumeApp | undefined;
  const services = nodeServicesFromConfig(config, cometRpcUrl, () => built?.baseApp);
  const app = createPlumeApp({
    chainId: genesis.chain_id,
    settings,
    store,
    logger: logger.with({ module: "app" }),
    minRetainBlocks: config.minRetainBlocks,
    minimumGasPrices: config.minimumGasPrices,
    extraQueries: apiQueryHook(services),
    ...(crashPoint !== undefined ? { crashPoint } : {}),
    testHooks: testHooksFromEnv(process.env),
  });
  built = app;
  const last = store.lastCommitId();
  if (last.version === 0) {
    // Fail before CometBFT starts, with the offending field, rather than in InitChain.
    try {
      app.modules.validateGenesis(genesis.app_state);
      if (!opts.abciOnly) assertGenesisHasValidators(genesis.app_state);
    } catch (err) {
      throw new Error(`invalid genesis ${paths.genesis}: ${(err as Error).message}`);
    }
  }
  logger.info("starting plumed", { home: paths.home, chain_id: genesis.chain_id, height: last.version });
  if (!runsWithPlumedNodeFlags()) {
    logger.info("node runs without plumed's V8 flags (more CPU spent on garbage collection under load); start it as bin/plumed does", { flags: PLUMED_NODE_FLAGS.join(" ") });
  }
  if (config.minimumGasPrices.trim() === "") warnFreeTxs(logger, feeDenomOf(genesis.app_state, settings));

  const server = new AbciServer({ address: config.abciAddress, app: app.baseApp.socketApplication(), logger: logger.with({ module: "abci-server" }) });
  const abciAddress = await server.start();
  logger.info("ABCI server listening", { address: abciAddress });
  const api = await startApiServers({ config, baseApp: app.baseApp, queryRouter: app.queries, moduleRestRoutes: app.modules.restRoutes(), services, cometRpcUrl, logger });
  logger.info("API servers listening", { grpc: api.grpcAddress ?? "off", rest: api.restAddress ?? "off" });

  let child: ChildProcess | undefined;
  let resolveStopped: (code: number) => void = () => undefined;
  const stopped = new Promise<number>((r) => (resolveStopped = r));
  let stopping: Promise<number> | undefined;

  const shutdown = async (code: number): Promise<number> => {
    await api.close();
    await server.close();
    await store.close();
    await lock.release();
    logger.info("stopped", { code });
    resolveStopped(code);
    return code;
  };

  if (cometbft) {
    const run = supervisedCommand(cometbft, ["node", "--home", paths.home, "--proxy_app", abciAddress]);
    child = spawn(run.command, run.args, { stdio: ["ignore", "inherit", "inherit"] });
    logger.info("started cometbft", { pid: child.pid ?? 0, binary: cometbft });
    child.on("exit", (code, signal) => {
      if (stopping) return;
      logger.error("cometbft exited", { code: code ?? -1, signal: signal ?? "" });
      stopping = shutdown(code === 0 || code === null ? 1 : code);
    });
  }

  const stop = (): Promise<number> => {
    if (stopping) return stopping;
    stopping = (async () => {
      if (child && child.exitCode === null && child.signalCode === null) {
        const exited = new Promise<void>((r) => child?.once("exit", () => r()));
        child.kill("SIGTERM");
        const timer = setTimeout(() => child?.kill("SIGKILL"), 15_000);
        await exited;
        clearTimeout(timer);
      }
      return shutdown(0);
    })();
    return stopping;
  };

  return { app, abciAddress, stopped, stop };
}
