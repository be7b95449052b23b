import { closeSync, existsSync, mkdirSync, openSync, writeSync } from "node:fs";
import { networkInterfaces } from "node:os";
import { join, resolve } from "node:path";
import type { Description } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import type { Tx } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import type { Any } from "cosmjs-types/google/protobuf/any";
import type { AddressCodec } from "../../../app/address";
import { readGenesisDoc } from "../../../app/genesis-doc";
import { Int } from "../../../app/math";
import { genTxToJson, validateAccountInGenesis } from "../../../x/genutil";
import { homePaths } from "../home";
import { buildUnsignedTx, computeFee, DEFAULT_GAS_LIMIT } from "../tx/builder";
import { signTx, type SignModeName } from "../tx/signer";
import { createValidatorMsg, DEFAULT_COMMISSION, DEFAULT_MIN_SELF_DELEGATION, parseAmount, type CommissionInput } from "../tx/staking-msgs";
import { readConsensusPubKey, readNodeConfig, readNodeId } from "./node-files";
import { validateGenesisFile } from "./validate";

/**
 * `plumed genesis gentx`: what the SDK's `gentx` does (x/genutil/client/cli/gentx.go), as a
 * library the command and the devnet share.
 *
 * 1. The node's id (config/node_key.json) and consensus key (config/priv_validator_key.json),
 *    unless given.
 * 2. genesis.json is validated by every module (as `genesis validate`); the chain id to sign for
 *    must be the genesis one.
 * 3. The operator's account must hold the self-delegation in genesis (ValidateAccountInGenesis).
 * 4. A MsgCreateValidator (moniker defaults to config.toml's) passes MsgCreateValidator.Validate,
 *    with memo `node_id@ip:p2p_port` so that collect-gentxs can wire up peers.
 * 5. Signed as every gentx is: account number 0 and sequence 0 (height 0 rules), then written as
 *    the SDK's tx JSON to config/gentx/gentx-<node_id>.json (or `outputDocument`), never over an
 *    existing file.
 */
export interface GenTxInput {
  readonly home: string;
  readonly addresses: AddressCodec;
  /** The operator's account (the key's address) and the key that signs for it (asked last). */
  readonly operator: Uint8Array;
  readonly privateKey: () => Promise<Uint8Array>;
  readonly amount: string;
  /** Must equal the genesis chain id when given. */
  readonly chainId?: string;
  readonly moniker?: string;
  readonly identity?: string;
  readonly website?: string;
  readonly securityContact?: string;
  readonly details?: string;
  readonly commission?: Partial<CommissionInput>;
  readonly minSelfDelegation?: string;
  readonly fees?: string;
  readonly gasPrices?: string;
  readonly gas?: bigint;
  readonly signMode?: SignModeName;
  /** The node's public IP for the memo (default: this machine's first external IPv4). */
  readonly ip?: string;
  /** Default: the port of config.toml's [p2p] laddr. */
  readonly p2pPort?: number;
  readonly nodeId?: string;
  readonly pubkey?: Any;
  readonly outputDocument?: string;
  /** Warnings (no external IP) go here. */
  readonly warn?: (text: string) => void;
}

export interface GenTxOutput {
  readonly path: string;
  readonly tx: Tx;
  readonly nodeId: string;
}

/** server.ExternalIP: the first IPv4 address of a non-internal interface, else "". */
export function externalIp(): string {
  for (const addrs of Object.values(networkInterfaces())) {
    for (const a of addrs ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  }
  return "";
}

export async function createGenTx(input: GenTxInput): Promise<GenTxOutput> {
  const paths = homePaths(input.home);
  const nodeId = input.nodeId ?? readNodeId(paths);
  const pubkey = input.pubkey ?? readConsensusPubKey(paths);

  const genesis = readGenesisDoc(paths.genesis);
  try {
    validateGenesisFile(genesis, input.addresses.prefix);
  } catch (err) {
    throw new Error(`failed to validate genesis state: ${(err as Error).message}`);
  }
  if (input.chainId !== undefined && input.chainId !== genesis.chain_id) {
    throw new Error(`--chain-id ${input.chainId} is not the chain id of ${paths.genesis} (${genesis.chain_id})`);
  }

  const config = readNodeConfig(paths);
  const moniker = input.moniker ?? config.moniker;
  const amount = parseAmount(input.amount);
  try {
    validateAccountInGenesis(genesis.app_state, input.operator, { denom: amount.denom, amount: Int.fromString(amount.amount) }, input.addresses);
  } catch (err) {
    throw new Error(`failed to validate account in genesis: ${(err as Error).message}`);
  }

  const description: Description = {
    moniker,
    identity: input.identity ?? "",
    website: input.website ?? "",
    securityContact: input.securityContact ?? "",
    details: input.details ?? "",
  };
  const { any } = createValidatorMsg(
    {
      operator: input.operator,
      pubkey,
      amount: input.amount,
      description,
      commission: {
        rate: input.commission?.rate ?? DEFAULT_COMMISSION.rate,
        maxRate: input.commission?.maxRate ?? DEFAULT_COMMISSION.maxRate,
        maxChangeRate: input.commission?.maxChangeRate ?? DEFAULT_COMMISSION.maxChangeRate,
      },
      minSelfDelegation: input.minSelfDelegation ?? DEFAULT_MIN_SELF_DELEGATION,
    },
    input.addresses,
  );

  const ip = input.ip ?? externalIp();
  if (ip === "") input.warn?.("failed to retrieve an external IP; the tx's memo field will be unset (pass --ip)\n");
  const p2pPort = input.p2pPort ?? config.p2pPort;
  const memo = ip !== "" && p2pPort > 0 ? `${nodeId}@${ip}:${p2pPort}` : "";
  const gasLimit = input.gas ?? DEFAULT_GAS_LIMIT;
  const unsigned = buildUnsignedTx({ messages: [any], memo, fee: computeFee(gasLimit, input.fees, input.gasPrices), gasLimit });
  const tx = await signTx(unsigned, await input.privateKey(), { chainId: genesis.chain_id, accountNumber: 0n, sequence: 0n }, input.signMode ?? "direct");

  let path: string;
  if (input.outputDocument !== undefined) {
    path = resolve(input.outputDocument);
  } else {
    mkdirSync(paths.gentxDir, { recursive: true, mode: 0o700 });
    path = join(paths.gentxDir, `gentx-${nodeId}.json`);
  }
  writeNewFile(path, JSON.stringify(genTxToJson(tx)) + "\n");
  return { path, tx, nodeId };
}

/** O_CREATE|O_EXCL, as the SDK writes gentx files: an existing gentx is never replaced. */
function writeNewFile(path: string, text: string): void {
  if (existsSync(path)) throw new Error(`failed to write signed gen tx: ${path} already exists (remove it to create a new gentx)`);
  const fd = openSync(path, "wx", 0o644);
  try {
    writeSync(fd, text);
  } finally {
    closeSync(fd);
  }
}
