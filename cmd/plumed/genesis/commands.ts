import { InvalidArgumentError, Option, type Command } from "commander";
import { addressCodecOf } from "../client/context";
import { chainIdOption, homeOption, keyringBackendOption, parseUint } from "../client/flags";
import type { Io } from "../client/io";
import { openKeyring } from "../client/keyring";
import { parseGasSetting } from "../tx/builder";
import { parseSignMode } from "../tx/signer";
import { DEFAULT_COMMISSION, DEFAULT_MIN_SELF_DELEGATION } from "../tx/staking-msgs";
import { consensusPubKeyFromJson } from "../../../x/staking/pubkey";
import { addGenesisAccount } from "./add-genesis-account";
import { collectGenTxsInHome } from "./collect-gentxs";
import { createGenTx } from "./gentx";
import { validateGenesisCommand } from "./validate";

/** The address of `addressOrKey`: a bech32 account address of this chain, else a key's name. */
export function resolveAccountAddress(io: Io, home: string, addressOrKey: string, keyringBackend: string | undefined): Uint8Array {
  const codec = addressCodecOf(home);
  let decodeError: string;
  try {
    return codec.decodeAccount(addressOrKey);
  } catch (err) {
    decodeError = (err as Error).message;
  }
  const keyring = openKeyring(io, home, keyringBackend);
  const key = keyring.find(addressOrKey);
  if (key) return key.address;
  throw new Error(`${addressOrKey} is neither an account address (${decodeError}) nor a key in the ${keyring.backend} keyring`);
}

interface GenTxFlags {
  chainId?: string;
  moniker?: string;
  identity?: string;
  website?: string;
  securityContact?: string;
  details?: string;
  commissionRate: string;
  commissionMaxRate: string;
  commissionMaxChangeRate: string;
  minSelfDelegation: string;
  fees?: string;
  gasPrices?: string;
  gas: string;
  signMode: string;
  ip?: string;
  p2pPort?: bigint;
  nodeId?: string;
  pubkey?: string;
  keyringBackend?: string;
  outputDocument?: string;
  home: string;
}

/** --pubkey: the SDK's JSON of a consensus key, {"@type":"/cosmos.crypto.ed25519.PubKey","key":"<base64>"}. */
function parsePubKeyFlag(text: string): ReturnType<typeof consensusPubKeyFromJson> {
  try {
    const o = JSON.parse(text) as { "@type"?: unknown; key?: unknown };
    if (typeof o["@type"] !== "string" || typeof o.key !== "string") throw new Error('expected {"@type": ..., "key": ...}');
    return consensusPubKeyFromJson(o["@type"], o.key);
  } catch (err) {
    throw new Error(`failed to unmarshal validator public key: ${(err as Error).message}`);
  }
}

async function genTxCommand(io: Io, keyName: string, amount: string, o: GenTxFlags): Promise<void> {
  if (o.fees !== undefined && o.gasPrices !== undefined) throw new Error("cannot provide both --fees and --gas-prices");
  const gas = parseGasSetting(o.gas);
  if (gas === "auto") throw new Error("--gas auto needs a running chain: a gentx takes a gas limit");
  const signMode = parseSignMode(o.signMode);
  const addresses = addressCodecOf(o.home);
  const keyring = openKeyring(io, o.home, o.keyringBackend);
  let key;
  try {
    key = keyring.key(keyName, addresses);
  } catch (err) {
    throw new Error(`failed to fetch '${keyName}' from the keyring: ${(err as Error).message}`);
  }
  const out = await createGenTx({
    home: o.home,
    addresses,
    operator: key.address,
    privateKey: () => keyring.privateKey(key.name),
    amount,
    ...(o.chainId !== undefined ? { chainId: o.chainId } : {}),
    ...(o.moniker !== undefined ? { moniker: o.moniker } : {}),
    ...(o.identity !== undefined ? { identity: o.identity } : {}),
    ...(o.website !== undefined ? { website: o.website } : {}),
    ...(o.securityContact !== undefined ? { securityContact: o.securityContact } : {}),
    ...(o.details !== undefined ? { details: o.details } : {}),
    commission: { rate: o.commissionRate, maxRate: o.commissionMaxRate, maxChangeRate: o.commissionMaxChangeRate },
    minSelfDelegation: o.minSelfDelegation,
    ...(o.fees !== undefined ? { fees: o.fees } : {}),
    ...(o.gasPrices !== undefined ? { gasPrices: o.gasPrices } : {}),
    gas,
    signMode,
    ...(o.ip !== undefined ? { ip: o.ip } : {}),
    ...(o.p2pPort !== undefined ? { p2pPort: Number(o.p2pPort) } : {}),
    ...(o.nodeId !== undefined ? { nodeId: o.nodeId } : {}),
    ...(o.pubkey !== undefined ? { pubkey: parsePubKeyFlag(o.pubkey) } : {}),
    ...(o.outputDocument !== undefined ? { outputDocument: o.outputDocument } : {}),
    warn: (text) => io.err(text),
  });
  io.err(`Genesis transaction written to ${JSON.stringify(out.path)}\n`);
}

function parsePort(value: string): bigint {
  const n = parseUint(value);
  if (n < 1n || n > 65535n) throw new InvalidArgumentError("expected a port from 1 to 65535");
  return n;
}

export function registerGenesisCommands(program: Command, io: Io): void {
  const genesis = program.command("genesis").description("edit the genesis file of a new chain");

  genesis
    .command("add-genesis-account")
    .description("add a funded BaseAccount to genesis.json (app_state.auth.accounts and app_state.bank.balances)")
    .argument("<address_or_key_name>", "bech32 account address, or the name of a key in the keyring")
    .argument("<coins>", 'initial balance, e.g. "1000000uplume,5stake"')
    .option("--append", "add the coins to an account that is already in genesis")
    .addOption(keyringBackendOption())
    .addOption(homeOption())
    .action((addressOrKey: string, coins: string, o: { append?: boolean; keyringBackend?: string; home: string }) => {
      const address = resolveAccountAddress(io, o.home, addressOrKey, o.keyringBackend);
      addGenesisAccount({ home: o.home, address, coins, addresses: addressCodecOf(o.home), ...(o.append ? { append: true } : {}) });
    });

  genesis
    .command("gentx")
    .description(
      "create a genesis tx carrying a self-delegation: a MsgCreateValidator with this node's consensus key (config/priv_validator_key.json), " +
        "signed by <key_name> with account number 0 and sequence 0, written to config/gentx/gentx-<node_id>.json",
    )
    .argument("<key_name>", "the operator's key in the keyring; its account must be funded in genesis")
    .argument("<amount>", 'the self-delegation, e.g. "100000000uplume" (in the bond denom)')
    .addOption(chainIdOption())
    .option("--moniker <name>", "the validator's moniker (default: config.toml moniker)")
    .option("--identity <id>", "the (optional) identity signature (ex. UPort or Keybase)")
    .option("--website <url>", "the validator's (optional) website")
    .option("--security-contact <email>", "the validator's (optional) security contact email")
    .option("--details <text>", "the validator's (optional) details")
    .option("--commission-rate <rate>", "the initial commission rate", DEFAULT_COMMISSION.rate)
    .option("--commission-max-rate <rate>", "the maximum commission rate", DEFAULT_COMMISSION.maxRate)
    .option("--commission-max-change-rate <rate>", "the maximum commission change rate per day", DEFAULT_COMMISSION.maxChangeRate)
    .option("--min-self-delegation <amount>", "the minimum self delegation required on the validator", DEFAULT_MIN_SELF_DELEGATION)
    .option("--fees <coins>", 'fee the gentx pays at genesis, e.g. "500uplume" (default none)')
    .option("--gas-prices <prices>", "gas price(s) to compute the fee from")
    .option("--gas <limit>", "gas limit written into the gentx (genesis txs are not metered)", "200000")
    .addOption(new Option("--sign-mode <mode>", "direct | amino-json").default("direct"))
    .option("--ip <ip>", "the node's public IP for the memo (default: this machine's first external IPv4)")
    .option("--p2p-port <port>", "the node's public P2P port for the memo (default: config.toml [p2p] laddr port)", parsePort)
    .option("--node-id <id>", "the node's id (default: from config/node_key.json)")
    .option("--pubkey <json>", 'the consensus key, {"@type":"/cosmos.crypto.ed25519.PubKey","key":"..."} (default: config/priv_validator_key.json)')
    .option("--output-document <file>", "write the gentx here instead of config/gentx/gentx-<node_id>.json")
    .addOption(keyringBackendOption())
    .addOption(homeOption())
    .action((keyName: string, amount: string, o: GenTxFlags) => genTxCommand(io, keyName, amount, o));

  genesis
    .command("collect-gentxs")
    .description(
      "put every gentx of the gentx directory into genesis.json (app_state.genutil.gen_txs, in file-name order), clear its validators " +
        "(InitChain takes them from the gentxs) and set config.toml persistent_peers to the other validators",
    )
    .option("--gentx-dir <dir>", "directory of the gentx files (default: config/gentx)")
    .addOption(homeOption())
    .action((o: { gentxDir?: string; home: string }) => {
      const r = collectGenTxsInHome(o.home, o.gentxDir);
      io.err(
        JSON.stringify(
          { moniker: r.moniker, chain_id: r.chainId, node_id: r.nodeId, gentxs_dir: r.gentxDir, gen_txs: r.genTxs, persistent_peers: r.persistentPeers, genesis: r.genesis },
          null,
          2,
        ) + "\n",
      );
    });

  genesis
    .command("validate")
    .alias("validate-genesis")
    .description("validate a genesis file: its CometBFT part and every module's app_state section (gentxs are decoded and checked, not executed)")
    .argument("[file]", "the genesis file (default: config/genesis.json of --home)")
    .addOption(homeOption())
    .action((file: string | undefined, o: { home: string }) => {
      const path = validateGenesisCommand(o.home, file);
      io.out(`File at ${path} is a valid genesis file\n`);
    });
}
