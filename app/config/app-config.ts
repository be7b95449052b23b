import { readFileSync, writeFileSync } from "node:fs";
import { parseToml } from "./toml";
import type { PruningOptions, PruningStrategy } from "../store/types";

/** What `app.toml` configures: node-local settings, not consensus rules (except bech32-prefix, fixed per chain). */
export interface AppConfig {
  readonly minimumGasPrices: string;
  readonly pruning: PruningOptions;
  readonly minRetainBlocks: number;
  readonly logLevel: string;
  readonly bech32Prefix: string;
  readonly abciAddress: string;
  readonly api: { readonly enable: boolean; readonly address: string };
  readonly grpc: { readonly enable: boolean; readonly address: string };
}

/**
 * The gas price `plumed init` writes as this node's fee floor, per unit of gas in the chain's denom
 * (minimum-gas-prices = "0.025uplume"). With 1 PLUME = 10^6 uplume, a bank send (~100k gas) costs
 * 2500 uplume = 0.0025 PLUME: negligible for a user, but spam now costs something. It is the price
 * cosmjs' examples, Keplr's "average" step and README use, so ordinary clients pass it unchanged.
 * The SDK refuses to start with no minimum gas price at all; plumed writes this default instead and
 * warns at start when it is empty. Devnets and tests write "0<denom>" explicitly.
 */
export const DEFAULT_MIN_GAS_PRICE_AMOUNT = "0.025";

/** Defaults of keys absent from app.toml (an absent minimum-gas-prices is empty, as in the SDK). */
export const DEFAULT_APP_CONFIG: AppConfig = {
  minimumGasPrices: "",
  pruning: { strategy: "default", keepRecent: 0, interval: 0 },
  minRetainBlocks: 0,
  logLevel: "info",
  bech32Prefix: "plume",
  abciAddress: "tcp://127.0.0.1:26658",
  api: { enable: true, address: "tcp://127.0.0.1:1317" },
  grpc: { enable: true, address: "127.0.0.1:9090" },
};

export function renderAppToml(c: AppConfig): string {
  const q = JSON.stringify;
  return `# plumed application config (node-local; see docs/operators.md)

# The minimum gas prices this node accepts in CheckTx, e.g. "0.025uplume" (not a consensus rule).
# "0uplume" accepts zero-fee transactions on purpose (devnets); empty does too, with a warning at start.
minimum-gas-prices = ${q(c.minimumGasPrices)}

# Which committed versions of the application state to keep:
#   default: the last 362880 versions, pruned every 10 blocks
#   nothing: keep every version (archive node)
#   everything: keep the last 2 versions, pruned every 10 blocks
#   custom: pruning-keep-recent and pruning-interval below
pruning = ${q(c.pruning.strategy)}
pruning-keep-recent = ${q(String(c.pruning.keepRecent))}
pruning-interval = ${q(String(c.pruning.interval))}

# Blocks CometBFT keeps below the latest (Commit retain_height); 0 keeps all blocks.
min-retain-blocks = ${c.minRetainBlocks}

# debug | info | warn | error
log-level = ${q(c.logLevel)}

[chain]
# Bech32 prefix of account addresses (validators use <prefix>valoper, consensus keys <prefix>valcons).
# Fixed when the chain is created; every node of a chain must use the same.
bech32-prefix = ${q(c.bech32Prefix)}

[abci]
# Where the application listens for CometBFT (must match proxy_app in config.toml).
address = ${q(c.abciAddress)}

# Every listener below is on loopback by default. Exposing one (0.0.0.0, or a public address) is
# an operator's choice: put it behind a proxy or firewall first (see docs/operators.md).

[api]
# REST (LCD) server with the Cosmos SDK routes.
enable = ${c.api.enable}
address = ${q(c.api.address)}

[grpc]
enable = ${c.grpc.enable}
address = ${q(c.grpc.address)}
`;
}

function str(table: Record<string, unknown>, key: string, fallback: string, file: string): string {
  const v = table[key];
  if (v === undefined) return fallback;
  if (typeof v !== "string") throw new Error(`${file}: ${key} must be a string`);
  return v;
}

function bool(table: Record<string, unknown>, key: string, fallback: boolean, file: string): boolean {
  const v = table[key];
  if (v === undefined) return fallback;
  if (typeof v !== "boolean") throw new Error(`${file}: ${key} must be true or false`);
  return v;
}

function uint(value: unknown, key: string, file: string): number {
  const n = typeof value === "string" ? Number(value) : typeof value === "bigint" ? Number(value) : value;
  if (typeof n !== "number" || !Number.isSafeInteger(n) || n < 0) throw new Error(`${file}: ${key} must be a non-negative integer`);
  return n;
}

function table(root: Record<string, unknown>, key: string, file: string): Record<string, unknown> {
  const v = root[key];
  if (v === undefined) return {};
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error(`${file}: [${key}] must be a table`);
  return v as Record<string, unknown>;
}

export function parseAppToml(text: string, file = "app.toml"): AppConfig {
  let root: Record<string, unknown>;
  try {
    root = parseToml(text);
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message.split("\n")[0]}`, { cause: err });
  }
  const d = DEFAULT_APP_CONFIG;
  const strategy = str(root, "pruning", d.pruning.strategy, file);
  if (!["default", "nothing", "everything", "custom"].includes(strategy)) {
    throw new Error(`${file}: pruning must be one of default, nothing, everything, custom (got "${strategy}")`);
  }
  const pruning: PruningOptions = {
    strategy: strategy as PruningStrategy,
    keepRecent: uint(root["pruning-keep-recent"] ?? "0", "pruning-keep-recent", file),
    interval: uint(root["pruning-interval"] ?? "0", "pruning-interval", file),
  };
  if (pruning.strategy === "custom" && pruning.interval > 0 && pruning.keepRecent < 2) {
    throw new Error(`${file}: custom pruning needs pruning-keep-recent >= 2`);
  }
  const chain = table(root, "chain", file);
  const abci = table(root, "abci", file);
  const api = table(root, "api", file);
  const grpc = table(root, "grpc", file);
  return {
    minimumGasPrices: str(root, "minimum-gas-prices", d.minimumGasPrices, file),
    pruning,
    minRetainBlocks: uint(root["min-retain-blocks"] ?? 0, "min-retain-blocks", file),
    logLevel: str(root, "log-level", d.logLevel, file),
    bech32Prefix: str(chain, "bech32-prefix", d.bech32Prefix, file),
    abciAddress: str(abci, "address", d.abciAddress, file),
    api: { enable: bool(api, "enable", d.api.enable, file), address: str(api, "address", d.api.address, file) },
    grpc: { enable: bool(grpc, "enable", d.grpc.enable, file), address: str(grpc, "address", d.grpc.address, file) },
  };
}

export function readAppConfig(path: string): AppConfig {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    throw new Error(`cannot read ${path} (run plumed init first, or pass --home)`);
  }
  return parseAppToml(text, path);
}

export function writeAppConfig(path: string, config: AppConfig): void {
  writeFileSync(path, renderAppToml(config));
}
