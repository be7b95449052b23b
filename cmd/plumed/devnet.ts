import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { AddressCodec } from "../../app/address";
import { REPO_ROOT } from "../../app/cometbft";
import { setTomlValues } from "../../app/config/toml-edit";
import { readGenesisDoc, writeGenesisDoc, type GenesisValidator } from "../../app/genesis-doc";
import type { JsonValue } from "../../app/module";
import { deriveKey, generateMnemonic } from "./hd";
import { homePaths } from "./home";
import { initNode, type NodePorts } from "./init";

export interface DevnetAccount {
  readonly name: string;
  readonly address: string;
  readonly mnemonic: string;
  readonly balance: string;
}

export interface DevnetNode {
  readonly name: string;
  readonly home: string;
  readonly nodeId: string;
  readonly ports: NodePorts;
}

/** What `plumed devnet` creates, saved as devnet.json in its directory. */
export interface DevnetLayout {
  readonly chainId: string;
  readonly denom: string;
  readonly bech32Prefix: string;
  readonly nodes: readonly DevnetNode[];
  readonly accounts: readonly DevnetAccount[];
}

export interface CreateDevnetOptions {
  readonly dir: string;
  readonly validators: number;
  readonly chainId?: string;
  readonly denom?: string;
  readonly bech32Prefix?: string;
  /** Ports of node i; default: 26656+100i (p2p), 26657+100i (rpc), 26658+100i (abci), 9090+i, 1317+i. */
  readonly ports?: (index: number) => NodePorts;
  readonly timeoutCommit?: string;
  /** Extra funded user accounts besides one per validator (default 2: "alice", "bob"). */
  readonly users?: readonly string[];
  /** Known mnemonics by account name (tests); others are generated. */
  readonly mnemonics?: Readonly<Record<string, string>>;
  /** Edits the shared genesis before it is written to every node (tests: short periods etc.). */
  readonly editGenesis?: (appState: Record<string, JsonValue>) => void;
}

export const DEVNET_BALANCE = 1_000_000_000_000n;

export function defaultDevnetPorts(index: number): NodePorts {
  return { p2p: 26656 + 100 * index, rpc: 26657 + 100 * index, abci: 26658 + 100 * index, grpc: 9090 + index, api: 1317 + index };
}

export function devnetLayoutPath(dir: string): string {
  return join(resolve(dir), "devnet.json");
}

export function readDevnetLayout(dir: string): DevnetLayout | undefined {
  const path = devnetLayoutPath(dir);
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, "utf8")) as DevnetLayout;
}

/**
 * Creates a local network of N validators on loopback: N node homes sharing one genesis (all
 * validators, funded accounts), each peered with the others. Nothing runs yet.
 */
export async function createDevnet(opts: CreateDevnetOptions): Promise<DevnetLayout> {
  if (!Number.isInteger(opts.validators) || opts.validators < 1 || opts.validators > 32) {
    throw new Error(`--validators must be an integer from 1 to 32 (got ${opts.validators})`);
  }
  const dir = resolve(opts.dir);
  if (existsSync(devnetLayoutPath(dir))) throw new Error(`a devnet already exists at ${dir}`);
  mkdirSync(dir, { recursive: true });
  const chainId = opts.chainId ?? "plume-devnet-1";
  const denom = opts.denom ?? "uplume";
  const bech32Prefix = opts.bech32Prefix ?? "plume";
  const portsOf = opts.ports ?? defaultDevnetPorts;

  const nodes: DevnetNode[] = [];
  const validators: GenesisValidator[] = [];
  for (let i = 0; i < opts.validators; i++) {
    const name = `node${i}`;
    const home = join(dir, name);
    const ports = portsOf(i);
    const { nodeId, genesis } = initNode({
      home,
      moniker: name,
      chainId,
      denom,
      bech32Prefix,
      loopback: true,
      ports,
      ...(opts.timeoutCommit !== undefined ? { timeoutCommit: opts.timeoutCommit } : {}),
    });
    const v = genesis.validators?.[0];
    if (!v) throw new Error(`cometbft init wrote no validator for ${name}`);
    validators.push({ ...v, name });
    nodes.push({ name, home, nodeId, ports });
  }

  const addresses = new AddressCodec(bech32Prefix);
  const names = [...nodes.map((n) => `validator${n.name.slice(4)}`), ...(opts.users ?? ["alice", "bob"])];
  const accounts: DevnetAccount[] = [];
  for (const name of names) {
    const mnemonic = opts.mnemonics?.[name] ?? generateMnemonic();
    const key = await deriveKey(mnemonic);
    accounts.push({ name, address: addresses.encodeAccount(key.address), mnemonic, balance: `${DEVNET_BALANCE}${denom}` });
  }

  const genesis = readGenesisDoc(homePaths(nodes[0]?.home ?? dir).genesis);
  genesis.validators = validators;
  const appState = genesis.app_state;
  const auth = { ...(appState["auth"] as Record<string, JsonValue>) };
  auth["accounts"] = accounts.map((a, i) => ({
    "@type": "/cosmos.auth.v1beta1.BaseAccount",
    address: a.address,
    pub_key: null,
    account_number: String(i),
    sequence: "0",
  }));
  appState["auth"] = auth;
  const bank = { ...(appState["bank"] as Record<string, JsonValue>) };
  const sorted = [...accounts].sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
  bank["balances"] = sorted.map((a) => ({ address: a.address, coins: [{ denom, amount: DEVNET_BALANCE.toString() }] }));
  appState["bank"] = bank;
  opts.editGenesis?.(appState);
  for (const node of nodes) {
    const p = homePaths(node.home);
    writeGenesisDoc(p.genesis, genesis);
    const peers = nodes.filter((n) => n !== node).map((n) => `${n.nodeId}@127.0.0.1:${n.ports.p2p}`);
    writeFileSync(p.configToml, setTomlValues(readFileSync(p.configToml, "utf8"), { "p2p.persistent_peers": peers.join(",") }));
  }

  const layout: DevnetLayout = { chainId, denom, bech32Prefix, nodes, accounts };
  writeFileSync(devnetLayoutPath(dir), JSON.stringify(layout, null, 2) + "\n");
  return layout;
}

export interface NodeProcess {
  readonly node: DevnetNode;
  readonly child: ChildProcess;
  readonly logFile: string;
}

/** Starts one node as a `plumed start` child process, logging to <home>/plumed.log. */
export function spawnNode(node: DevnetNode, env: NodeJS.ProcessEnv = {}, extraArgs: readonly string[] = []): NodeProcess {
  const logFile = join(node.home, "plumed.log");
  const log = createWriteStream(logFile, { flags: "a" });
  const child = spawn(process.execPath, [join(REPO_ROOT, "bin", "plumed"), "start", "--home", node.home, ...extraArgs], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return { node, child, logFile };
}

/** Polls a node's CometBFT RPC until its latest height reaches `height` (bounded). */
export async function waitForHeight(rpcPort: number, height: number, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = -1;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`http://127.0.0.1:${rpcPort}/status`);
      const body = (await res.json()) as { result?: { sync_info?: { latest_block_height?: string } } };
      last = Number(body.result?.sync_info?.latest_block_height ?? -1);
      if (last >= height) return last;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`node on RPC port ${rpcPort} did not reach height ${height} within ${timeoutMs} ms (last seen ${last})`);
}

export function describeDevnet(dir: string, layout: DevnetLayout): string {
  const lines: string[] = [];
  lines.push(`plumed devnet "${layout.chainId}" in ${resolve(dir)} (${layout.nodes.length} validator${layout.nodes.length === 1 ? "" : "s"})`);
  lines.push("");
  lines.push("Endpoints:");
  for (const n of layout.nodes) {
    lines.push(`  ${n.name}: rpc http://127.0.0.1:${n.ports.rpc}  grpc 127.0.0.1:${n.ports.grpc}  rest http://127.0.0.1:${n.ports.api}  p2p ${n.nodeId}@127.0.0.1:${n.ports.p2p}`);
  }
  lines.push("");
  lines.push(`Funded accounts (${layout.denom}; test keys, never use them for real funds):`);
  for (const a of layout.accounts) {
    lines.push(`  ${a.name}: ${a.address}  ${a.balance}`);
    lines.push(`    mnemonic: ${a.mnemonic}`);
  }
  lines.push("");
  lines.push(`Logs: ${join(resolve(dir), "node<i>", "plumed.log")}. Ctrl-C stops the network; run the same command to resume it.`);
  return lines.join("\n");
}
