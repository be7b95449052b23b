import { Option, type Command } from "commander";
import type { Tx } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import type { Any } from "cosmjs-types/google/protobuf/any";
import type { AddressCodec } from "../../../app/address";
import type { JsonValue } from "../../../app/module";
import type { Keyring, KeyInfo } from "../keys/keyring";
import { queryAccountNumbers } from "../query/queries";
import { broadcastTx, rejection, simulateGas } from "../tx/broadcast";
import { adjustGas, buildUnsignedTx, computeFee, encodeTx, parseGasAdjustment, parseGasSetting, type GasSetting } from "../tx/builder";
import { parseSignMode, signTx, type SignModeName } from "../tx/signer";
import { addressCodecOf, resolveBroadcastMode, resolveChainId, resolveNode, resolveOutput } from "./context";
import { chainIdOption, homeOption, isYes, keyringBackendOption, nodeOption, outputOption, parseUint } from "./flags";
import { QueryFailedError } from "./grpc-query";
import type { Io } from "./io";
import { openKeyring } from "./keyring";
import { formatOutput } from "./output";
import { CometRpc } from "./rpc";
import { sdkTxJson } from "./tx-json";

/**
 * The one path every tx command takes from its messages to the chain, as the SDK's
 * tx.GenerateOrBroadcastTxCLI: resolve the signer (a key, or with --generate-only any address),
 * build the fee (--fees or --gas-prices x gas, gas fixed or "auto" by simulation), then either
 * print the unsigned tx (--generate-only), print a gas estimate (--dry-run), or confirm (unless
 * -y; refused without -y when stdin is not a terminal), sign with the account number and sequence
 * from the node (or the flags), broadcast and print the TxResponse. A CheckTx rejection prints
 * the response, then fails with exit code 1.
 *
 * `plumed tx bank send` and every `plumed tx staking ...` command use it; each command only
 * builds its messages.
 */
export interface SignerFlags {
  chainId?: string;
  node?: string;
  keyringBackend?: string;
  signMode: string;
  offline?: boolean;
  accountNumber?: bigint;
  sequence?: bigint;
  output?: string;
  home: string;
}

export interface TxFlags extends SignerFlags {
  fees?: string;
  gas: string;
  gasAdjustment: string;
  gasPrices?: string;
  memo?: string;
  timeoutHeight?: bigint;
  feeGranter?: string;
  feePayer?: string;
  generateOnly?: boolean;
  dryRun?: boolean;
  yes?: boolean;
  broadcastMode?: string;
}

/** The signer: a key (by name or address) when the keyring has it, else just a valid address. */
export function resolveSender(keyring: Keyring, codec: AddressCodec, fromArg: string): { address: string; key: KeyInfo | undefined } {
  const byName = keyring.find(fromArg);
  if (byName) return { address: codec.encodeAccount(byName.address), key: byName };
  let bytes: Uint8Array;
  try {
    bytes = codec.decodeAccount(fromArg);
  } catch {
    throw new Error(`${fromArg} is neither a key in the ${keyring.backend} keyring nor an account address`);
  }
  return { address: codec.encodeAccount(bytes), key: keyring.findByAddress(bytes) };
}

/** Account number and sequence: from the flags when both are given, else from the node. */
export async function signerNumbers(o: SignerFlags, rpc: CometRpc | undefined, address: string): Promise<{ accountNumber: bigint; sequence: bigint }> {
  if (o.accountNumber !== undefined && o.sequence !== undefined) return { accountNumber: o.accountNumber, sequence: o.sequence };
  if (o.offline || !rpc) throw new Error("--offline needs --account-number and --sequence");
  const onChain = await queryAccountNumbers(rpc, address);
  return { accountNumber: o.accountNumber ?? onChain.accountNumber, sequence: o.sequence ?? onChain.sequence };
}

function printJson(io: Io, value: JsonValue): void {
  io.out(JSON.stringify(value) + "\n");
}

/**
 * Builds, signs and broadcasts (or prints) a tx of the messages `buildMessages` returns for the
 * signer's bech32 address. `buildMessages` runs after the signer is resolved and before anything
 * is sent, so its argument errors come first.
 */
export async function generateOrBroadcastTx(io: Io, fromArg: string, buildMessages: (sender: string) => readonly Any[], o: TxFlags): Promise<void> {
  const codec = addressCodecOf(o.home);
  const mode: SignModeName = parseSignMode(o.signMode);
  const gas: GasSetting = parseGasSetting(o.gas);
  const adjustment = parseGasAdjustment(o.gasAdjustment);
  const output = resolveOutput(o.home, o.output, "json");
  const broadcastMode = resolveBroadcastMode(o.home, o.broadcastMode);
  if (o.offline && gas === "auto") throw new Error("--gas auto needs a node: it cannot be used with --offline");
  if (o.offline && !o.generateOnly) throw new Error("--offline cannot broadcast: add --generate-only (then sign with plumed tx sign --offline), or drop --offline");
  if (o.fees !== undefined && o.gasPrices !== undefined) throw new Error("cannot provide both --fees and --gas-prices");
  const keyring = openKeyring(io, o.home, o.keyringBackend);
  const sender = resolveSender(keyring, codec, fromArg);
  const messages = buildMessages(sender.address);
  for (const [flag, value] of [["--fee-granter", o.feeGranter], ["--fee-payer", o.feePayer]] as const) {
    if (value !== undefined) codec.decodeAccount(value, `${flag} address`);
  }
  const rpc = o.offline ? undefined : new CometRpc(resolveNode(o.home, o.node));
  const build = (gasLimit: bigint): Tx =>
    buildUnsignedTx({
      messages,
      memo: o.memo ?? "",
      timeoutHeight: o.timeoutHeight ?? 0n,
      fee: computeFee(gasLimit, o.fees, o.gasPrices),
      gasLimit,
      ...(o.feePayer !== undefined ? { feePayer: o.feePayer } : {}),
      ...(o.feeGranter !== undefined ? { feeGranter: o.feeGranter } : {}),
    });

  const estimate = async (sequence: bigint): Promise<bigint> => {
    if (!rpc) throw new Error("--gas auto needs a node");
    let used: bigint;
    try {
      used = await simulateGas(rpc, build(0n), sender.key?.pubKey, sequence, mode);
    } catch (err) {
      if (err instanceof QueryFailedError && /unknown query path/.test(err.message)) {
        throw new Error(`the node cannot simulate transactions (${err.message}): pass --gas <limit> instead of auto`);
      }
      throw err;
    }
    const limit = adjustGas(used, adjustment);
    io.err(`gas estimate: ${limit}\n`);
    return limit;
  };

  if (o.generateOnly) {
    const gasLimit = gas === "auto" ? await estimate(o.sequence ?? 0n) : gas;
    printJson(io, sdkTxJson.toJson(build(gasLimit)));
    return;
  }
  if (!sender.key) throw new Error(`${fromArg} is not a key in the ${keyring.backend} keyring: cannot sign for it (use --generate-only to print the unsigned tx)`);
  const chainId = resolveChainId(o.home, o.chainId);
  const numbers = await signerNumbers(o, rpc, sender.address);
  if (o.dryRun) {
    await estimate(numbers.sequence);
    return;
  }
  const gasLimit = gas === "auto" ? await estimate(numbers.sequence) : gas;
  const unsigned = build(gasLimit);
  if (!o.yes) {
    if (!io.interactive) throw new Error("confirm the transaction with -y (stdin is not a terminal)");
    io.err(JSON.stringify(sdkTxJson.toJson(unsigned), null, 2) + "\n\n");
    if (!isYes(await io.ask("confirm transaction before signing and broadcasting [y/N]:"))) throw new Error("canceled transaction");
  }
  const privateKey = await keyring.privateKey(sender.key.name);
  const signed = await signTx(unsigned, privateKey, { chainId, ...numbers }, mode);
  if (!rpc) throw new Error("no node to broadcast to");
  const response = await broadcastTx(rpc, encodeTx(signed), broadcastMode);
  io.out(formatOutput(response, output));
  if (response.code !== 0) throw rejection(response);
}

/** The signer's flags (simd's): chain id, keyring, sign mode, offline account number and sequence, node. */
export function addSignerFlags(c: Command, { online }: { online: boolean }): Command {
  c.addOption(chainIdOption())
    .addOption(keyringBackendOption())
    .addOption(new Option("--sign-mode <mode>", "direct | amino-json").default("direct"))
    .option("--offline", "do not contact a node (needs --account-number and --sequence)")
    .option("--account-number <n>", "the signer's account number (queried from the node if absent)", parseUint)
    .option("--sequence <n>", "the signer's sequence (queried from the node if absent)", parseUint);
  if (online) c.addOption(nodeOption());
  return c;
}

/** Every flag of a tx command (simd's flags.AddTxFlagsToCmd): signer, fee and gas, output, home. */
export function addTxFlags(c: Command): Command {
  return addSignerFlags(c, { online: true })
    .option("--fees <coins>", 'fee to pay, e.g. "500uplume"')
    .option("--gas-prices <prices>", 'gas price(s) to compute the fee from, e.g. "0.025uplume"')
    .option("--gas <limit>", 'gas limit, or "auto" to simulate', "200000")
    .option("--gas-adjustment <x>", "factor applied to the simulated gas with --gas auto", "1")
    .option("--memo <text>", "memo (note) of the tx")
    .option("--timeout-height <h>", "block height after which the tx is invalid", parseUint)
    .option("--fee-granter <address>", "account that pays the fee through a fee grant")
    .option("--fee-payer <address>", "account that pays the fee (must also sign)")
    .option("--generate-only", "print the unsigned tx as JSON instead of signing and broadcasting")
    .option("--dry-run", "simulate and print the gas estimate, without broadcasting")
    .option("-y, --yes", "skip the confirmation")
    .option("--broadcast-mode <mode>", "sync | async (default: client.toml broadcast-mode, else sync)")
    .addOption(outputOption("json"))
    .addOption(homeOption());
}
