/**
 * The Go reference node for side-by-side benchmarks: a Cosmos SDK v0.50 `simd` (built by hand as
 * ../shared/reference/simd-oracle.md describes; never a dependency of the project or its tests)
 * driven over the ABCI socket by the project's pinned cometbft, with the same CometBFT settings,
 * chain id, denom, senders (keys, account numbers, balances) and consensus params as the plumed
 * node of the same benchmark.
 *
 * simd v0.50 writes an AppGenesis that standalone cometbft v0.38 refuses, so the chain is built
 * with simd's own CLI (init, keys, add-genesis-account, gentx, collect-gentxs) and cometbft gets a
 * home of its own holding the same validator key and a reshaped genesis. Its consensus params are
 * those `cometbft init` writes, as in a plumed home (plumed's init keeps them).
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toBech32 } from "@cosmjs/encoding";
import { findCometbft } from "../app/cometbft";
import { setTomlValues } from "../app/config/toml-edit";
import type { Sender } from "./bank-send-txs";

export const GO_REFERENCE_PREFIX = "cosmos";

export interface GoReferenceOptions {
  readonly simd: string;
  readonly chainId: string;
  readonly denom: string;
  readonly senders: readonly Sender[];
  /** Each sender's genesis balance. */
  readonly balance: bigint;
  /** config.toml values beyond the ports (timeout_commit, mempool, prometheus, ...). */
  readonly cometConfig: Readonly<Record<string, string | number | boolean>>;
  readonly ports: { readonly p2p: number; readonly rpc: number; readonly abci: number; readonly grpc: number; readonly api: number };
}

export interface GoReferenceNode {
  readonly dir: string;
  readonly simd: ChildProcess;
  readonly cometbft: ChildProcess;
  readonly logFile: string;
  stop(): Promise<void>;
}

type Json = Record<string, unknown>;

function simdCli(simd: string, home: string, args: readonly string[]): string {
  return execFileSync(simd, [...args, "--home", home], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Adds the senders (account numbers from the genesis' next, as plumed's fundSenders) and their balances. */
function fundSendersInSimdGenesis(genesis: Json, opts: GoReferenceOptions): void {
  const appState = genesis["app_state"] as Json;
  const auth = appState["auth"] as { accounts: Json[] };
  const bank = appState["bank"] as { balances: { address: string; coins: { denom: string; amount: string }[] }[]; supply: { denom: string; amount: string }[] };
  const taken = auth.accounts.reduce((max, a) => Math.max(max, Number(a["account_number"])), -1);
  const first = opts.senders[0]?.accountNumber ?? 0n;
  if (BigInt(taken) >= first) throw new Error(`simd genesis already has account number ${taken}; the senders start at ${first}`);
  for (const s of opts.senders) {
    const address = toBech32(GO_REFERENCE_PREFIX, s.address);
    auth.accounts.push({ "@type": "/cosmos.auth.v1beta1.BaseAccount", address, pub_key: null, account_number: s.accountNumber.toString(), sequence: "0" });
    bank.balances.push({ address, coins: [{ denom: opts.denom, amount: opts.balance.toString() }] });
  }
  const added = opts.balance * BigInt(opts.senders.length);
  const existing = bank.supply.find((c) => c.denom === opts.denom);
  if (existing) existing.amount = (BigInt(existing.amount) + added).toString();
  else bank.supply.push({ denom: opts.denom, amount: added.toString() });
  bank.supply.sort((a, b) => (a.denom < b.denom ? -1 : a.denom > b.denom ? 1 : 0));
}

/** Builds a one-validator simd chain and its cometbft home in a temporary directory, then starts both. */
export function startGoReferenceNode(opts: GoReferenceOptions): GoReferenceNode {
  const dir = mkdtempSync(join(tmpdir(), "plumed-bench-simd-"));
  const home = join(dir, "simd");
  const cometHome = join(dir, "cometbft");
  const { simd } = opts;

  simdCli(simd, home, ["init", "bench", "--chain-id", opts.chainId]);
  simdCli(simd, home, ["keys", "add", "validator", "--keyring-backend", "test"]);
  simdCli(simd, home, ["genesis", "add-genesis-account", "validator", "1000000000000stake", "--keyring-backend", "test"]);
  simdCli(simd, home, ["genesis", "gentx", "validator", "100000000stake", "--chain-id", opts.chainId, "--keyring-backend", "test"]);
  simdCli(simd, home, ["genesis", "collect-gentxs"]);

  const genesisPath = join(home, "config", "genesis.json");
  const genesis = JSON.parse(readFileSync(genesisPath, "utf8")) as Json;
  fundSendersInSimdGenesis(genesis, opts);
  writeFileSync(genesisPath, JSON.stringify(genesis));

  const appToml = join(home, "config", "app.toml");
  writeFileSync(
    appToml,
    setTomlValues(readFileSync(appToml, "utf8"), {
      "minimum-gas-prices": `0${opts.denom}`,
      "api.enable": true,
      "api.address": `tcp://127.0.0.1:${opts.ports.api}`,
      "grpc.enable": true,
      "grpc.address": `127.0.0.1:${opts.ports.grpc}`,
    }),
  );

  // cometbft's own home: the same validator and node keys, the genesis in the shape it accepts.
  const cometbft = findCometbft();
  execFileSync(cometbft, ["init", "--home", cometHome], { stdio: "pipe" });
  const cometGenesisPath = join(cometHome, "config", "genesis.json");
  const consensusParams = (JSON.parse(readFileSync(cometGenesisPath, "utf8")) as Json)["consensus_params"];
  for (const file of ["priv_validator_key.json", "node_key.json"]) copyFileSync(join(home, "config", file), join(cometHome, "config", file));
  writeFileSync(
    cometGenesisPath,
    JSON.stringify({
      genesis_time: genesis["genesis_time"],
      chain_id: genesis["chain_id"],
      initial_height: String((genesis["initial_height"] as string | number | undefined) ?? 1),
      consensus_params: consensusParams,
      app_hash: "",
      app_state: genesis["app_state"],
    }),
  );
  const configToml = join(cometHome, "config", "config.toml");
  writeFileSync(
    configToml,
    setTomlValues(readFileSync(configToml, "utf8"), {
      proxy_app: `tcp://127.0.0.1:${opts.ports.abci}`,
      "rpc.laddr": `tcp://127.0.0.1:${opts.ports.rpc}`,
      "p2p.laddr": `tcp://127.0.0.1:${opts.ports.p2p}`,
      "p2p.allow_duplicate_ip": true,
      "p2p.addr_book_strict": false,
      "tx_index.indexer": "kv",
      ...opts.cometConfig,
    }),
  );

  const logFile = join(dir, "node.log");
  const out = (): number => openSync(logFile, "a");
  const simdChild = spawn(simd, ["start", "--home", home, "--with-comet=false", "--transport=socket", `--address=tcp://127.0.0.1:${opts.ports.abci}`], { stdio: ["ignore", out(), out()] });
  const cometChild = spawn(cometbft, ["start", "--home", cometHome, "--proxy_app", `tcp://127.0.0.1:${opts.ports.abci}`], { stdio: ["ignore", out(), out()] });

  const stopOne = async (child: ChildProcess): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once("exit", () => r()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    await exited;
    clearTimeout(timer);
  };
  return {
    dir,
    simd: simdChild,
    cometbft: cometChild,
    logFile,
    async stop() {
      await stopOne(cometChild);
      await stopOne(simdChild);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
