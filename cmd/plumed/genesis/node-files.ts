import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { parseToml } from "../../../app/config/toml";
import { consensusPubKeyFromJson, ED25519_TYPE_URL } from "../../../x/staking/pubkey";
import type { HomePaths } from "../home";

/**
 * What gentx reads from a node home besides genesis (the SDK's InitializeNodeValidatorFiles and
 * the server config): the consensus public key of config/priv_validator_key.json, the node id of
 * config/node_key.json (hex of the first 20 bytes of sha256 of its ed25519 public key, as
 * `cometbft show-node-id` prints it), and the moniker and P2P port of config/config.toml.
 */
function readJson(path: string, what: string): Record<string, unknown> {
  if (!existsSync(path)) throw new Error(`no ${what} at ${path} (run "plumed init" first)`);
  try {
    const v = JSON.parse(readFileSync(path, "utf8")) as unknown;
    if (typeof v !== "object" || v === null || Array.isArray(v)) throw new Error("expected a JSON object");
    return v as Record<string, unknown>;
  } catch (err) {
    throw new Error(`cannot read the ${what} ${path}: ${(err as Error).message}`);
  }
}

function keyValue(file: Record<string, unknown>, field: string, type: string, path: string): Buffer {
  const k = file[field] as { type?: unknown; value?: unknown } | undefined;
  if (!k || k.type !== type || typeof k.value !== "string") throw new Error(`${path}: ${field} is not a ${type}`);
  return Buffer.from(k.value, "base64");
}

/** The validator's consensus key as the Any a MsgCreateValidator carries. */
export function readConsensusPubKey(paths: HomePaths): Any {
  const file = readJson(paths.privValidatorKey, "validator key");
  const key = keyValue(file, "pub_key", "tendermint/PubKeyEd25519", paths.privValidatorKey);
  return consensusPubKeyFromJson(ED25519_TYPE_URL, key.toString("base64"));
}

export function readNodeId(paths: HomePaths): string {
  const file = readJson(paths.nodeKey, "node key");
  const priv = keyValue(file, "priv_key", "tendermint/PrivKeyEd25519", paths.nodeKey);
  if (priv.length !== 64) throw new Error(`${paths.nodeKey}: an ed25519 private key has 64 bytes`);
  return createHash("sha256").update(priv.subarray(32)).digest("hex").slice(0, 40);
}

export interface NodeConfig {
  readonly moniker: string;
  /** The port of [p2p] laddr. */
  readonly p2pPort: number;
}

export function readNodeConfig(paths: HomePaths): NodeConfig {
  if (!existsSync(paths.configToml)) throw new Error(`no config.toml at ${paths.configToml} (run "plumed init" first)`);
  const toml = parseToml(readFileSync(paths.configToml, "utf8"));
  const moniker = typeof toml["moniker"] === "string" ? toml["moniker"] : "";
  const p2p = toml["p2p"] as Record<string, unknown> | undefined;
  const laddr = typeof p2p?.["laddr"] === "string" ? p2p["laddr"] : "tcp://0.0.0.0:26656";
  const port = Number(/:(\d+)$/.exec(laddr)?.[1] ?? "26656");
  return { moniker, p2pPort: port };
}
