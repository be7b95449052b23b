import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { defaultAppState } from "../../chain/app";
import { DEFAULT_APP_CONFIG, DEFAULT_MIN_GAS_PRICE_AMOUNT, writeAppConfig, type AppConfig } from "../../app/config/app-config";
import { setTomlValues } from "../../app/config/toml-edit";
import { findCometbft } from "../../app/cometbft";
import { readGenesisDoc, writeGenesisDoc, type GenesisDoc } from "../../app/genesis-doc";
import { homePaths, type HomePaths } from "./home";

export interface NodePorts {
  readonly p2p: number;
  readonly rpc: number;
  readonly abci: number;
  readonly grpc: number;
  readonly api: number;
}

export const DEFAULT_PORTS: NodePorts = { p2p: 26656, rpc: 26657, abci: 26658, grpc: 9090, api: 1317 };

export interface InitOptions {
  readonly home: string;
  readonly moniker: string;
  readonly chainId: string;
  readonly denom: string;
  readonly bech32Prefix: string;
  readonly overwrite?: boolean;
  /**
   * Devnets and tests: P2P on loopback too, with CometBFT's checks for a public network relaxed
   * (several nodes on one IP). gRPC, REST and CometBFT RPC are on loopback in every case.
   */
  readonly loopback?: boolean;
  /** app.toml minimum-gas-prices; default DEFAULT_MIN_GAS_PRICE_AMOUNT in `denom` (devnets pass "0<denom>"). */
  readonly minimumGasPrices?: string;
  readonly ports?: NodePorts;
  /** CometBFT's timeout_commit, e.g. "1s" or "200ms". */
  readonly timeoutCommit?: string;
}

export function validateChainId(chainId: string): void {
  if (chainId.trim() === "") throw new Error("--chain-id is required and cannot be blank");
  if (chainId.length > 50) throw new Error(`chain id "${chainId}" is longer than 50 characters`);
}

const DENOM_RE = /^[a-zA-Z][a-zA-Z0-9/:._-]{2,127}$/;

/** `plumed init`: CometBFT config and keys (via `cometbft init`), genesis with plumed's app_state, app.toml. */
export function initNode(opts: InitOptions): { paths: HomePaths; nodeId: string; genesis: GenesisDoc } {
  validateChainId(opts.chainId);
  if (!DENOM_RE.test(opts.denom)) throw new Error(`invalid denom "${opts.denom}"`);
  if (opts.moniker.trim() === "") throw new Error("moniker cannot be blank");
  const paths = homePaths(opts.home);
  if (existsSync(paths.genesis) && !opts.overwrite) {
    throw new Error(`genesis.json already exists at ${paths.genesis}; use --overwrite to replace it`);
  }
  mkdirSync(paths.configDir, { recursive: true });
  mkdirSync(paths.dataDir, { recursive: true });
  const cometbft = findCometbft();
  // cometbft init keeps an existing genesis.json; with --overwrite a fresh one is wanted.
  if (opts.overwrite && existsSync(paths.genesis)) rmSync(paths.genesis);
  execFileSync(cometbft, ["init", "--home", paths.home], { stdio: "pipe" });
  const nodeId = execFileSync(cometbft, ["show-node-id", "--home", paths.home], { encoding: "utf8" }).trim();

  const ports = opts.ports ?? DEFAULT_PORTS;
  // Safe by default: the APIs (gRPC, REST, CometBFT RPC, ABCI) answer only on loopback, and
  // exposing them is an explicit edit of app.toml / config.toml. P2P listens on every interface, as
  // `cometbft init` writes it, since a node that peers with nobody is of no use.
  const p2pHost = opts.loopback ? "127.0.0.1" : "0.0.0.0";
  const appConfig: AppConfig = {
    ...DEFAULT_APP_CONFIG,
    minimumGasPrices: opts.minimumGasPrices ?? `${DEFAULT_MIN_GAS_PRICE_AMOUNT}${opts.denom}`,
    bech32Prefix: opts.bech32Prefix,
    abciAddress: `tcp://127.0.0.1:${ports.abci}`,
    api: { enable: true, address: `tcp://127.0.0.1:${ports.api}` },
    grpc: { enable: true, address: `127.0.0.1:${ports.grpc}` },
  };
  writeAppConfig(paths.appToml, appConfig);

  const config = setTomlValues(readFileSync(paths.configToml, "utf8"), {
    moniker: opts.moniker,
    proxy_app: appConfig.abciAddress,
    "rpc.laddr": `tcp://127.0.0.1:${ports.rpc}`,
    "p2p.laddr": `tcp://${p2pHost}:${ports.p2p}`,
    "p2p.allow_duplicate_ip": opts.loopback === true,
    "p2p.addr_book_strict": opts.loopback !== true,
    "consensus.timeout_commit": opts.timeoutCommit ?? "1s",
    "tx_index.indexer": "kv",
  });
  writeFileSync(paths.configToml, config);

  const genesis = readGenesisDoc(paths.genesis);
  genesis.chain_id = opts.chainId;
  genesis.app_state = defaultAppState({ bech32Prefix: opts.bech32Prefix, denom: opts.denom });
  writeGenesisDoc(paths.genesis, genesis);
  return { paths, nodeId, genesis };
}
