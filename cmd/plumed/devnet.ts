import { spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { AddressCodec } from "../../app/address";
import { REPO_ROOT } from "../../app/cometbft";
import { readGenesisDoc, writeGenesisDoc } from "../../app/genesis-doc";
import type { JsonValue } from "../../app/module";
import { DEVNET_COMPOUND_INTERVAL } from "../../x/restaking";
import { addGenesisAccount } from "./genesis/add-genesis-account";
import { collectGenTxsInHome } from "./genesis/collect-gentxs";
import { createGenTx } from "./genesis/gentx";
import { COSMOS_HD_PATH, deriveKey, generateMnemonic } from "./hd";
import { homePaths } from "./home";
import { initNode, type NodePorts } from "./init";
import { PLUMED_NODE_FLAGS } from "./node-flags";
import { Keyring } from "./keys/keyring";

export interface DevnetAccount {
  readonly name: string;
  readonly address: string;
  readonly mnemonic: string;
  /** The spendable balance at genesis (after a validator's self-delegation). */
  readonly balance: string;
  /** A validator account's self-delegation (its gentx). */
  readonly selfDelegation?: string;
}

export interface DevnetNode {
  readonly name: string;
  readonly home: string;
  readonly nodeId: string;
  readonly ports: NodePorts;
  /** The validator operator address of this node's validator (absent in devnets made before gentxs). */
  readonly operator?: string;
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
  /** Edits the shared genesis before the gentxs are made (tests: short periods, staking params, the cap). */
  readonly editGenesis?: (appState: Record<string, JsonValue>) => void;
  /** genesis_time (RFC 3339) instead of now, e.g. to have validators older than 24h (commission changes). */
  readonly genesisTime?: string;
}

/** What every devnet account gets in genesis: 1 000 000 PLUME. */
export const DEVNET_BALANCE = 1_000_000_000_000n;
/** A devnet validator's self-delegation: 100 PLUME, i.e. consensus power 100; the rest stays spendable. */
export const DEVNET_SELF_DELEGATION = 100_000_000n;

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
 * Creates a local network of N validators on loopback, the way a real chain is launched (simd's
 * init / add-genesis-account / gentx / collect-gentxs):
 *
 * 1. `init` of N node homes (CometBFT keys and config, default genesis with the devnet denom as
 *    staking bond denom);
 * 2. one funded account per validator ("validator<i>") and per user, added to node0's genesis
 *    with add-genesis-account's logic, then `editGenesis`; that genesis goes to every node;
 * 3. a gentx per node: validator<i> (whose key is also put into node<i>'s test keyring)
 *    self-delegates DEVNET_SELF_DELEGATION with node<i>'s consensus key;
 * 4. the gentxs are gathered in <dir>/gentx and every node runs collect-gentxs over them, which
 *    gives every node the same genesis (gentxs in, CometBFT validators out) and peers it with the
 *    others.
 *
 * At InitChain the gentxs run through the tx pipeline, and the validators' power comes from their
 * stake. Nothing runs yet.
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

  // 1. Node homes.
  const homes: { name: string; home: string; nodeId: string; ports: NodePorts }[] = [];
  for (let i = 0; i < opts.validators; i++) {
    const name = `node${i}`;
    const home = join(dir, name);
    const ports = portsOf(i);
    const { nodeId } = initNode({
      home,
      moniker: name,
      chainId,
      denom,
      bech32Prefix,
      loopback: true,
      // A devnet is for trying things: zero fees accepted, on purpose and in writing.
      minimumGasPrices: `0${denom}`,
      ports,
      ...(opts.timeoutCommit !== undefined ? { timeoutCommit: opts.timeoutCommit } : {}),
    });
    homes.push({ name, home, nodeId, ports });
  }
  const first = homes[0];
  if (!first) throw new Error("no node");

  // 2. Funded accounts in one genesis, shared by every node.
  const addresses = new AddressCodec(bech32Prefix);
  const validatorNames = homes.map((_, i) => `validator${i}`);
  const names = [...validatorNames, ...(opts.users ?? ["alice", "bob"])];
  const keys = new Map<string, { mnemonic: string; address: Uint8Array; privateKey: Uint8Array }>();
  for (const name of names) {
    const mnemonic = opts.mnemonics?.[name] ?? generateMnemonic();
    const key = await deriveKey(mnemonic);
    keys.set(name, { mnemonic, address: key.address, privateKey: key.privateKey });
    addGenesisAccount({ home: first.home, address: key.address, coins: `${DEVNET_BALANCE}${denom}`, addresses });
  }
  const genesisPath = homePaths(first.home).genesis;
  const genesis = readGenesisDoc(genesisPath);
  if (opts.genesisTime !== undefined) genesis.genesis_time = opts.genesisTime;
  const appState = genesis.app_state;
  const staking = appState["staking"] as { params: Record<string, JsonValue> } & Record<string, JsonValue>;
  appState["staking"] = { ...staking, params: { ...staking.params, bond_denom: denom } };
  // Auto-compounding every few blocks instead of once a day, so that a user who turns it on sees
  // the delegation grow within a minute (docs/restaking.md).
  const restaking = appState["restaking"] as { params: Record<string, JsonValue> } & Record<string, JsonValue>;
  appState["restaking"] = { ...restaking, params: { ...restaking.params, compound_interval: DEVNET_COMPOUND_INTERVAL.toString() } };
  opts.editGenesis?.(appState);
  writeGenesisDoc(genesisPath, genesis);
  for (const h of homes.slice(1)) copyFileSync(genesisPath, homePaths(h.home).genesis);

  // 3. A gentx per node, by its validator account.
  const gentxDir = join(dir, "gentx");
  mkdirSync(gentxDir, { recursive: true });
  const nodes: DevnetNode[] = [];
  for (const [i, h] of homes.entries()) {
    const name = validatorNames[i] as string;
    const key = keys.get(name);
    if (!key) throw new Error(`no key for ${name}`);
    await new Keyring({ home: h.home, backend: "test" }).addMnemonic(name, key.mnemonic, COSMOS_HD_PATH);
    const out = await createGenTx({
      home: h.home,
      addresses,
      operator: key.address,
      privateKey: async () => key.privateKey,
      amount: `${DEVNET_SELF_DELEGATION}${denom}`,
      chainId,
      moniker: h.name,
      ip: "127.0.0.1",
      p2pPort: h.ports.p2p,
      nodeId: h.nodeId,
    });
    copyFileSync(out.path, join(gentxDir, basename(out.path)));
    nodes.push({ ...h, operator: addresses.encodeValidator(key.address) });
  }

  // 4. Every node collects the same gentxs: the same genesis everywhere, peers wired.
  for (const h of homes) collectGenTxsInHome(h.home, gentxDir);
  const reference = readFileSync(genesisPath, "utf8");
  for (const h of homes) {
    if (readFileSync(homePaths(h.home).genesis, "utf8") !== reference) throw new Error(`collect-gentxs gave ${h.name} a different genesis than node0`);
  }

  const accounts: DevnetAccount[] = names.map((name, i) => {
    const key = keys.get(name) as { mnemonic: string; address: Uint8Array };
    const bonded = i < homes.length ? DEVNET_SELF_DELEGATION : 0n;
    return {
      name,
      address: addresses.encodeAccount(key.address),
      mnemonic: key.mnemonic,
      balance: `${DEVNET_BALANCE - bonded}${denom}`,
      ...(bonded > 0n ? { selfDelegation: `${bonded}${denom}` } : {}),
    };
  });
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
  const child = spawn(process.execPath, [...PLUMED_NODE_FLAGS, join(REPO_ROOT, "bin", "plumed"), "start", "--home", node.home, ...extraArgs], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  // Two sources into one file: neither may end it alone (a write after end is an uncaught error),
  // e.g. when a killed node's orphaned cometbft still writes to one of the pipes. 'close' comes
  // once both pipes are closed.
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  child.once("close", () => log.end());
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
    if (n.operator !== undefined) lines.push(`    validator ${n.operator} (key validator${n.name.slice(4)} in ${join(n.home, "keyring-test")})`);
  }
  lines.push("");
  lines.push(`Funded accounts (${layout.denom}; test keys, never use them for real funds):`);
  for (const a of layout.accounts) {
    lines.push(`  ${a.name}: ${a.address}  ${a.balance}${a.selfDelegation !== undefined ? ` (+${a.selfDelegation} self-delegated)` : ""}`);
    lines.push(`    mnemonic: ${a.mnemonic}`);
  }
  const first = layout.nodes[0];
  if (first?.operator !== undefined) {
    const node = `--node tcp://127.0.0.1:${first.ports.rpc}`;
    lines.push("");
    lines.push("Staking rewards accrue from the first blocks (fees and inflation, docs/distribution.md):");
    lines.push(`  plumed query distribution commission ${first.operator} ${node}`);
    lines.push(`  plumed query distribution rewards <delegator address> ${node}`);
    lines.push(`  plumed query mint inflation ${node}`);
  }
  lines.push("");
  lines.push(`Logs: ${join(resolve(dir), "node<i>", "plumed.log")}. Ctrl-C stops the network; run the same command to resume it.`);
  return lines.join("\n");
}
