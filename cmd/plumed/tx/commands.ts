import { fromBase64, fromHex, toBase64 } from "@cosmjs/encoding";
import { Option, type Command } from "commander";
import { readFileSync, writeFileSync } from "node:fs";
import { TxBody, type Tx } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import type { AddressCodec } from "../../../app/address";
import type { JsonValue } from "../../../app/module";
import { addressCodecOf, resolveBroadcastMode, resolveChainId, resolveNode, resolveOutput } from "../client/context";
import { chainIdOption, homeOption, isYes, keyringBackendOption, nodeOption, outputOption, parseUint } from "../client/flags";
import type { Io } from "../client/io";
import { openKeyring } from "../client/keyring";
import { formatOutput } from "../client/output";
import { QueryFailedError } from "../client/grpc-query";
import { CometRpc } from "../client/rpc";
import { sdkTxJson } from "../client/tx-json";
import type { Keyring, KeyInfo } from "../keys/keyring";
import { queryAccountNumbers } from "../query/queries";
import { broadcastTx, rejection, simulateGas } from "./broadcast";
import { adjustGas, buildUnsignedTx, computeFee, decodeTx, encodeTx, msgSendAny, parseGasAdjustment, parseGasSetting, type GasSetting } from "./builder";
import { parseSignMode, signTx, type SignModeName } from "./signer";

/**
 * `plumed tx ...`: build, sign and broadcast transactions as simd does.
 *
 * - `tx bank send <from> <to> <coins>`: online it looks up the sender's account number and
 *   sequence, (with --gas auto) simulates, asks for confirmation (unless -y; refused without -y
 *   when stdin is not a terminal), signs, broadcasts with broadcast_tx_sync and prints the
 *   TxResponse; a CheckTx rejection prints the response too, then fails with exit code 1.
 *   `--generate-only` prints the unsigned tx as SDK JSON (the sender may be a bare address).
 * - `tx sign <file>` signs such a file (offline with --offline --account-number --sequence),
 *   `tx broadcast <file>` sends a signed one, `tx encode|decode` convert JSON <-> base64 bytes.
 */
interface CommonTxFlags {
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

interface SendFlags extends CommonTxFlags {
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

function printJson(io: Io, value: JsonValue): void {
  io.out(JSON.stringify(value) + "\n");
}

/** The sender: a key (by name or address) when the keyring has it, else just a valid address. */
function resolveSender(keyring: Keyring, codec: AddressCodec, fromArg: string): { address: string; key: KeyInfo | undefined } {
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
async function signerNumbers(o: CommonTxFlags, rpc: CometRpc | undefined, address: string): Promise<{ accountNumber: bigint; sequence: bigint }> {
  if (o.accountNumber !== undefined && o.sequence !== undefined) return { accountNumber: o.accountNumber, sequence: o.sequence };
  if (o.offline || !rpc) throw new Error("--offline needs --account-number and --sequence");
  const onChain = await queryAccountNumbers(rpc, address);
  return { accountNumber: o.accountNumber ?? onChain.accountNumber, sequence: o.sequence ?? onChain.sequence };
}

function readTxFile(file: string): Tx {
  let text: string;
  try {
    text = file === "-" ? readFileSync(0, "utf8") : readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let json: JsonValue;
  try {
    json = JSON.parse(text) as JsonValue;
  } catch (err) {
    throw new Error(`${file} is not JSON: ${(err as Error).message}`);
  }
  try {
    return sdkTxJson.fromJson(json);
  } catch (err) {
    throw new Error(`${file}: ${(err as Error).message}`);
  }
}

export async function bankSend(io: Io, fromArg: string, to: string, amount: string, o: SendFlags): Promise<void> {
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
  const msg = msgSendAny(sender.address, to, amount, codec);
  for (const [flag, value] of [["--fee-granter", o.feeGranter], ["--fee-payer", o.feePayer]] as const) {
    if (value !== undefined) codec.decodeAccount(value, `${flag} address`);
  }
  const rpc = o.offline ? undefined : new CometRpc(resolveNode(o.home, o.node));
  const build = (gasLimit: bigint): Tx =>
    buildUnsignedTx({
      messages: [msg],
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

interface SignFlags extends CommonTxFlags {
  from: string;
  overwrite?: boolean;
  outputDocument?: string;
}

export async function signFile(io: Io, file: string, o: SignFlags): Promise<void> {
  const codec = addressCodecOf(o.home);
  const mode = parseSignMode(o.signMode);
  const tx = readTxFile(file);
  const keyring = openKeyring(io, o.home, o.keyringBackend);
  const key = keyring.key(o.from, codec);
  const address = codec.encodeAccount(key.address);
  const signers = sdkTxJson.signers(tx.body ?? TxBody.fromPartial({}));
  const payer = tx.authInfo?.fee?.payer ?? "";
  if (payer !== "" && !signers.includes(payer)) signers.push(payer);
  if (!signers.includes(address)) {
    throw new Error(`${key.name} (${address}) is not a signer of this transaction (signers: ${signers.join(", ") || "none"})`);
  }
  const chainId = resolveChainId(o.home, o.chainId);
  const rpc = o.offline ? undefined : new CometRpc(resolveNode(o.home, o.node));
  const numbers = await signerNumbers(o, rpc, address);
  const privateKey = await keyring.privateKey(key.name);
  const signed = await signTx(tx, privateKey, { chainId, ...numbers }, mode, { overwrite: o.overwrite === true });
  const text = JSON.stringify(sdkTxJson.toJson(signed)) + "\n";
  if (o.outputDocument) writeFileSync(o.outputDocument, text);
  else io.out(text);
}

export async function broadcastFile(io: Io, file: string, o: { node?: string; output?: string; broadcastMode?: string; home: string }): Promise<void> {
  const output = resolveOutput(o.home, o.output, "json");
  const mode = resolveBroadcastMode(o.home, o.broadcastMode);
  const tx = readTxFile(file);
  if (tx.signatures.length === 0) throw new Error(`${file} has no signatures: sign it first (plumed tx sign ${file} --from <key>)`);
  const rpc = new CometRpc(resolveNode(o.home, o.node));
  const response = await broadcastTx(rpc, encodeTx(tx), mode);
  io.out(formatOutput(response, output));
  if (response.code !== 0) throw rejection(response);
}

function txOptions(c: Command, { online }: { online: boolean }): Command {
  c.addOption(chainIdOption())
    .addOption(keyringBackendOption())
    .addOption(new Option("--sign-mode <mode>", "direct | amino-json").default("direct"))
    .option("--offline", "do not contact a node (needs --account-number and --sequence)")
    .option("--account-number <n>", "the signer's account number (queried from the node if absent)", parseUint)
    .option("--sequence <n>", "the signer's sequence (queried from the node if absent)", parseUint);
  if (online) c.addOption(nodeOption());
  return c;
}

export function registerTxCommands(program: Command, io: Io): void {
  const tx = program.command("tx").description("build, sign and broadcast transactions");
  const bank = tx.command("bank").description("bank module transactions");

  txOptions(
    bank
      .command("send")
      .description("send coins from a key (or, with --generate-only, any address) to an address")
      .argument("<from_key_or_address>", "the sender: a key name or address")
      .argument("<to_address>", "the recipient's bech32 address")
      .argument("<coins>", 'amount, e.g. "1000uplume"'),
    { online: true },
  )
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
    .addOption(homeOption())
    .action((from: string, to: string, coins: string, o: SendFlags) => bankSend(io, from, to, coins, o));

  txOptions(tx.command("sign").description("sign a tx JSON file (as --generate-only prints it) and print the signed tx JSON").argument("<file>", 'tx JSON file, or "-" for stdin'), {
    online: true,
  })
    .requiredOption("--from <key>", "the signing key: name or address")
    .option("--overwrite", "replace existing signatures instead of appending")
    .option("--output-document <file>", "write the signed tx here instead of stdout")
    .addOption(homeOption())
    .action((file: string, o: SignFlags) => signFile(io, file, o));

  tx.command("broadcast")
    .description("broadcast a signed tx JSON file (as plumed tx sign prints it)")
    .argument("<file>", 'signed tx JSON file, or "-" for stdin')
    .addOption(nodeOption())
    .option("--broadcast-mode <mode>", "sync | async (default: client.toml broadcast-mode, else sync)")
    .addOption(outputOption("json"))
    .addOption(homeOption())
    .action((file: string, o: { node?: string; output?: string; broadcastMode?: string; home: string }) => broadcastFile(io, file, o));

  tx.command("encode")
    .description("print a tx JSON file as base64 protobuf bytes (what broadcast_tx_* take)")
    .argument("<file>", 'tx JSON file, or "-" for stdin')
    .addOption(homeOption())
    .action((file: string) => {
      io.out(toBase64(encodeTx(readTxFile(file))) + "\n");
    });

  tx.command("decode")
    .description("print base64 (or --hex) protobuf tx bytes as tx JSON")
    .argument("<bytes>", "the encoded tx")
    .option("--hex", "the bytes are hex, not base64")
    .addOption(homeOption())
    .action((encoded: string, o: { hex?: boolean }) => {
      const text = encoded.trim();
      let bytes: Uint8Array;
      try {
        if (o.hex) {
          if (!/^([0-9a-fA-F]{2})*$/.test(text)) throw new Error("not hex");
          bytes = fromHex(text);
        } else {
          if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new Error("not base64");
          bytes = fromBase64(text);
        }
      } catch (err) {
        throw new Error(`cannot decode the tx bytes: ${(err as Error).message}`);
      }
      printJson(io, sdkTxJson.toJson(decodeTx(bytes), true));
    });
}
