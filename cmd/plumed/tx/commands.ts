import { fromBase64, fromHex, toBase64 } from "@cosmjs/encoding";
import type { Command } from "commander";
import { readFileSync, writeFileSync } from "node:fs";
import { TxBody, type Tx } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import type { JsonValue } from "../../../app/module";
import { addressCodecOf, resolveBroadcastMode, resolveChainId, resolveNode, resolveOutput } from "../client/context";
import { homeOption, nodeOption, outputOption } from "../client/flags";
import type { Io } from "../client/io";
import { openKeyring } from "../client/keyring";
import { formatOutput } from "../client/output";
import { CometRpc } from "../client/rpc";
import { addSignerFlags, addTxFlags, generateOrBroadcastTx, signerNumbers, type SignerFlags, type TxFlags } from "../client/tx-flow";
import { sdkTxJson } from "../client/tx-json";
import { broadcastTx, rejection } from "./broadcast";
import { decodeTx, encodeTx, msgSendAny } from "./builder";
import { parseSignMode, signTx } from "./signer";

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
 *
 * The generate/sign/broadcast flow and the tx flags are shared with every module's tx commands
 * (`tx staking ...`): client/tx-flow.ts.
 */
function printJson(io: Io, value: JsonValue): void {
  io.out(JSON.stringify(value) + "\n");
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

export async function bankSend(io: Io, fromArg: string, to: string, amount: string, o: TxFlags): Promise<void> {
  const codec = addressCodecOf(o.home);
  await generateOrBroadcastTx(io, fromArg, (sender) => [msgSendAny(sender, to, amount, codec)], o);
}

interface SignFlags extends SignerFlags {
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

export function registerTxCommands(program: Command, io: Io): void {
  const tx = program.command("tx").description("build, sign and broadcast transactions");
  const bank = tx.command("bank").description("bank module transactions");

  addTxFlags(
    bank
      .command("send")
      .description("send coins from a key (or, with --generate-only, any address) to an address")
      .argument("<from_key_or_address>", "the sender: a key name or address")
      .argument("<to_address>", "the recipient's bech32 address")
      .argument("<coins>", 'amount, e.g. "1000uplume"'),
  ).action((from: string, to: string, coins: string, o: TxFlags) => bankSend(io, from, to, coins, o));

  addSignerFlags(tx.command("sign").description("sign a tx JSON file (as --generate-only prints it) and print the signed tx JSON").argument("<file>", 'tx JSON file, or "-" for stdin'), {
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
