import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { AddressCodec } from "../../../app/address";
import { DEFAULT_CHAIN_SETTINGS } from "../../../app/chain-config";
import { readAppConfig } from "../../../app/config/app-config";
import { parseToml } from "../../../app/config/toml";
import { readGenesisDoc } from "../../../app/genesis-doc";
import { homePaths } from "../home";
import { parseOutputFormat, type OutputFormat } from "./output";

/**
 * Where a client command's settings come from, first match wins (as simd's client.Context):
 * 1. its flag (`--node`, `--chain-id`, `--keyring-backend`, `--output`, `--broadcast-mode`);
 * 2. `<home>/config/client.toml`, if present (simd's keys: chain-id, keyring-backend, output,
 *    node, broadcast-mode);
 * 3. the home itself: the chain id of `<home>/config/genesis.json`, the bech32 prefix of
 *    `<home>/config/app.toml` `[chain] bech32-prefix`;
 * 4. built-in defaults (node tcp://127.0.0.1:26657, keyring backend "file", prefix "plume").
 */
export interface ClientConfig {
  readonly chainId?: string;
  readonly keyringBackend?: string;
  readonly output?: string;
  readonly node?: string;
  readonly broadcastMode?: string;
}

export const DEFAULT_NODE = "tcp://127.0.0.1:26657";
export const DEFAULT_KEYRING_BACKEND = "file";

export function readClientConfig(home: string): ClientConfig {
  const file = join(homePaths(home).configDir, "client.toml");
  if (!existsSync(file)) return {};
  let root: Record<string, unknown>;
  try {
    root = parseToml(readFileSync(file, "utf8"));
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message.split("\n")[0]}`);
  }
  const pick = (key: string): string | undefined => {
    const v = root[key];
    if (v === undefined || v === "") return undefined;
    if (typeof v !== "string") throw new Error(`${file}: ${key} must be a string`);
    return v;
  };
  const config: { -readonly [K in keyof ClientConfig]: ClientConfig[K] } = {};
  const chainId = pick("chain-id");
  const keyringBackend = pick("keyring-backend");
  const output = pick("output");
  const node = pick("node");
  const broadcastMode = pick("broadcast-mode");
  if (chainId !== undefined) config.chainId = chainId;
  if (keyringBackend !== undefined) config.keyringBackend = keyringBackend;
  if (output !== undefined) config.output = output;
  if (node !== undefined) config.node = node;
  if (broadcastMode !== undefined) config.broadcastMode = broadcastMode;
  return config;
}

/** The account bech32 prefix of this home: app.toml `[chain] bech32-prefix`, else "plume". */
export function bech32PrefixOf(home: string): string {
  const appToml = homePaths(home).appToml;
  if (!existsSync(appToml)) return DEFAULT_CHAIN_SETTINGS.bech32Prefix;
  return readAppConfig(appToml).bech32Prefix;
}

export function addressCodecOf(home: string): AddressCodec {
  return new AddressCodec(bech32PrefixOf(home));
}

/** The chain id: the flag, else client.toml, else genesis.json of the home. */
export function resolveChainId(home: string, flag: string | undefined): string {
  const explicit = flag ?? readClientConfig(home).chainId;
  if (explicit !== undefined) {
    if (explicit.trim() === "") throw new Error("--chain-id cannot be blank");
    return explicit;
  }
  const genesis = homePaths(home).genesis;
  if (!existsSync(genesis)) throw new Error(`no chain id: pass --chain-id (or run in a node home with ${genesis})`);
  return readGenesisDoc(genesis).chain_id;
}

export function resolveOutput(home: string, flag: string | undefined, commandDefault: OutputFormat): OutputFormat {
  const v = flag ?? readClientConfig(home).output;
  return v === undefined ? commandDefault : parseOutputFormat(v);
}

export function resolveNode(home: string, flag: string | undefined): string {
  return flag ?? readClientConfig(home).node ?? DEFAULT_NODE;
}

export function resolveKeyringBackend(home: string, flag: string | undefined): string {
  return flag ?? readClientConfig(home).keyringBackend ?? DEFAULT_KEYRING_BACKEND;
}

export type BroadcastMode = "sync" | "async";

export function resolveBroadcastMode(home: string, flag: string | undefined): BroadcastMode {
  const v = flag ?? readClientConfig(home).broadcastMode ?? "sync";
  if (v === "sync" || v === "async") return v;
  if (v === "block") throw new Error('broadcast mode "block" was removed in Cosmos SDK v0.50; use sync and then plumed query tx <hash>');
  throw new Error(`invalid broadcast mode "${v}" (expected sync or async)`);
}
