import { EnglishMnemonic } from "@cosmjs/crypto";
import { toBase64 } from "@cosmjs/encoding";
import type { Command } from "commander";
import { readFileSync } from "node:fs";
import type { AddressCodec } from "../../../app/address";
import type { JsonObject } from "../../../app/module";
import { addressCodecOf, resolveOutput } from "../client/context";
import { homeOption, isYes, keyringBackendOption, outputOption, parseSmallUint } from "../client/flags";
import type { Io } from "../client/io";
import { openKeyring } from "../client/keyring";
import { formatOutput, type OutputFormat } from "../client/output";
import { SECP256K1_PUBKEY_TYPE_URL } from "../client/tx-json";
import { deriveKey, generateMnemonic } from "../hd";
import { armorPrivateKey, checkPassphrase, unarmorPrivateKey } from "./armor";
import { KeyNotFoundError, normalizeMnemonic, validateKeyName, type KeyInfo } from "./keyring";

/**
 * `plumed keys ...`: simd's client/keys commands for the file and test keyrings. Output matches
 * simd's KeyOutput ({name, type, address, pubkey}, pubkey being the key's Any JSON as a string),
 * as a YAML list in text mode and JSON otherwise.
 */
export type Bech = "acc" | "val" | "cons";

export function parseBech(value: string): Bech {
  if (value === "acc" || value === "val" || value === "cons") return value;
  throw new Error(`invalid --bech "${value}" (expected acc, val or cons)`);
}

export function pubKeyJson(pubKey: Uint8Array): string {
  return JSON.stringify({ "@type": SECP256K1_PUBKEY_TYPE_URL, key: toBase64(pubKey) });
}

export function encodeAddress(k: KeyInfo, codec: AddressCodec, bech: Bech = "acc"): string {
  return bech === "val" ? codec.encodeValidator(k.address) : bech === "cons" ? codec.encodeConsensus(k.address) : codec.encodeAccount(k.address);
}

export function keyOutput(k: KeyInfo, codec: AddressCodec, bech: Bech = "acc"): JsonObject {
  return { name: k.name, type: k.type, address: encodeAddress(k, codec, bech), pubkey: pubKeyJson(k.pubKey) };
}

function printKeys(io: Io, keys: readonly JsonObject[], format: OutputFormat, single: boolean): void {
  io.out(formatOutput(format === "json" && single ? (keys[0] ?? null) : keys, format));
}

export function hdPathOf(o: { account: number; index: number; coinType: number; hdPath?: string }): string {
  if (o.hdPath !== undefined) {
    if (!/^m(\/\d+'?)+$/.test(o.hdPath)) throw new Error(`invalid --hd-path "${o.hdPath}" (expected e.g. m/44'/118'/0'/0/0)`);
    return o.hdPath;
  }
  return `m/44'/${o.coinType}'/${o.account}'/0/${o.index}`;
}

export function checkMnemonic(mnemonic: string): string {
  const normalized = normalizeMnemonic(mnemonic);
  try {
    new EnglishMnemonic(normalized);
  } catch (err) {
    throw new Error(`invalid mnemonic: ${(err as Error).message}`);
  }
  return normalized;
}

interface AddOptions {
  recover?: boolean;
  keyringBackend?: string;
  account: number;
  index: number;
  coinType: number;
  hdPath?: string;
  backup: boolean;
  dryRun?: boolean;
  output?: string;
  home: string;
}

export async function keysAdd(io: Io, name: string, o: AddOptions): Promise<void> {
  validateKeyName(name);
  const format = resolveOutput(o.home, o.output, "text");
  const codec = addressCodecOf(o.home);
  const hdPath = hdPathOf(o);
  const keyring = openKeyring(io, o.home, o.keyringBackend);
  if (!o.dryRun && keyring.find(name)) throw new Error(`a key named ${name} already exists in the ${keyring.backend} keyring (delete it first: plumed keys delete ${name})`);
  let mnemonic: string;
  if (o.recover) {
    const answer = await io.ask("> Enter your bip39 mnemonic", { secret: true });
    if (answer === undefined || answer.trim() === "") throw new Error("--recover needs the mnemonic on stdin");
    mnemonic = checkMnemonic(answer);
  } else {
    mnemonic = generateMnemonic();
  }
  let info: KeyInfo;
  if (o.dryRun) {
    const k = await deriveKey(mnemonic, hdPath);
    info = { name, type: "local", algo: "secp256k1", address: k.address, pubKey: k.publicKey, hdPath };
  } else {
    info = await keyring.addMnemonic(name, mnemonic, hdPath);
  }
  const showMnemonic = o.backup && !o.recover;
  const out = keyOutput(info, codec);
  if (format === "json") {
    io.out(JSON.stringify(showMnemonic ? { ...out, mnemonic } : out) + "\n");
    return;
  }
  io.err("\n");
  printKeys(io, [out], format, true);
  if (showMnemonic) {
    io.err("\n**Important** write this mnemonic phrase in a safe place.\nIt is the only way to recover your account if you ever forget your password.\n\n");
    io.err(mnemonic + "\n");
  }
}

interface ShowOptions {
  address?: boolean;
  pubkey?: boolean;
  bech: string;
  keyringBackend?: string;
  output?: string;
  home: string;
}

export function keysShow(io: Io, nameOrAddress: string, o: ShowOptions): void {
  const bech = parseBech(o.bech);
  if (o.address && o.pubkey) throw new Error("cannot use --address and --pubkey at once");
  const format = resolveOutput(o.home, o.output, "text");
  const codec = addressCodecOf(o.home);
  const key = openKeyring(io, o.home, o.keyringBackend).key(nameOrAddress, codec);
  if (o.address) return io.out(encodeAddress(key, codec, bech) + "\n");
  if (o.pubkey) return io.out(pubKeyJson(key.pubKey) + "\n");
  printKeys(io, [keyOutput(key, codec, bech)], format, true);
}

export function keysList(io: Io, o: { listNames?: boolean; keyringBackend?: string; output?: string; home: string }): void {
  const format = resolveOutput(o.home, o.output, "text");
  const codec = addressCodecOf(o.home);
  const keys = openKeyring(io, o.home, o.keyringBackend).list();
  if (o.listNames) {
    for (const k of keys) io.out(k.name + "\n");
    return;
  }
  if (keys.length === 0 && format === "text") {
    io.err("No records were found in keyring\n");
    return;
  }
  printKeys(io, keys.map((k) => keyOutput(k, codec)), format, false);
}

export async function keysDelete(io: Io, name: string, o: { yes?: boolean; keyringBackend?: string; home: string }): Promise<void> {
  const keyring = openKeyring(io, o.home, o.keyringBackend);
  if (!keyring.find(name)) throw new KeyNotFoundError(name, keyring.backend);
  if (!o.yes) {
    if (!io.interactive) throw new Error("deleting a key needs confirmation: pass -y (stdin is not a terminal)");
    if (!isYes(await io.ask("Key reference will be deleted. Continue? [y/N]:"))) throw new Error("aborted");
  }
  keyring.delete(name);
  io.err("Key deleted forever (uh oh!)\n");
}

export async function keysExport(io: Io, name: string, o: { keyringBackend?: string; home: string }): Promise<void> {
  const keyring = openKeyring(io, o.home, o.keyringBackend);
  if (!keyring.find(name)) throw new KeyNotFoundError(name, keyring.backend);
  const privateKey = await keyring.privateKey(name);
  const passphrase = await io.ask("Enter passphrase to encrypt the exported key:", { secret: true });
  if (passphrase === undefined) throw new Error("keys export needs a passphrase to encrypt the key with (on stdin)");
  checkPassphrase(passphrase, "the export passphrase");
  if (io.interactive) {
    const again = await io.ask("Re-enter the passphrase:", { secret: true });
    if (again !== passphrase) throw new Error("the passphrases do not match");
  }
  io.out(await armorPrivateKey(privateKey, passphrase));
}

export async function keysImport(io: Io, name: string, file: string, o: { keyringBackend?: string; home: string }): Promise<void> {
  validateKeyName(name);
  let armored: string;
  try {
    armored = readFileSync(file, "utf8");
  } catch (err) {
    throw new Error(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const keyring = openKeyring(io, o.home, o.keyringBackend);
  if (keyring.find(name)) throw new Error(`a key named ${name} already exists in the ${keyring.backend} keyring (delete it first: plumed keys delete ${name})`);
  const passphrase = await io.ask("Enter passphrase to decrypt your key:", { secret: true });
  if (passphrase === undefined) throw new Error("keys import needs the passphrase the key was exported with (on stdin)");
  const privateKey = await unarmorPrivateKey(armored, passphrase);
  await keyring.addPrivateKey(name, privateKey);
}

export function registerKeysCommands(program: Command, io: Io): void {
  const keys = program.command("keys").description("manage your application's keys (file or test keyring)");

  keys
    .command("add")
    .description("derive a new key from a new 24-word mnemonic, or --recover one from a mnemonic read from stdin")
    .argument("<name>", "the key's name")
    .option("--recover", "read a BIP-39 mnemonic from stdin instead of generating one")
    .addOption(keyringBackendOption())
    .option("--account <n>", "BIP-44 account number of the HD path", parseSmallUint, 0)
    .option("--index <n>", "BIP-44 address index of the HD path", parseSmallUint, 0)
    .option("--coin-type <n>", "BIP-44 coin type of the HD path", parseSmallUint, 118)
    .option("--hd-path <path>", "full HD path (overrides --account, --index, --coin-type)")
    .option("--no-backup", "do not print the new mnemonic")
    .option("--dry-run", "derive and print the key without storing it")
    .addOption(outputOption("text"))
    .addOption(homeOption())
    .action((name: string, o: AddOptions) => keysAdd(io, name, o));

  keys
    .command("show")
    .description("show a key by name or address")
    .argument("<name_or_address>", "the key's name or bech32 account address")
    .option("-a, --address", "print only the address")
    .option("-p, --pubkey", "print only the public key")
    .option("--bech <prefix>", "address kind to show: acc | val | cons", "acc")
    .addOption(keyringBackendOption())
    .addOption(outputOption("text"))
    .addOption(homeOption())
    .action((nameOrAddress: string, o: ShowOptions) => keysShow(io, nameOrAddress, o));

  keys
    .command("list")
    .description("list all keys")
    .option("-n, --list-names", "print only the names")
    .addOption(keyringBackendOption())
    .addOption(outputOption("text"))
    .addOption(homeOption())
    .action((o: { listNames?: boolean; keyringBackend?: string; output?: string; home: string }) => keysList(io, o));

  keys
    .command("delete")
    .description("delete a key (asks for confirmation unless -y)")
    .argument("<name>", "the key's name")
    .option("-y, --yes", "skip the confirmation")
    .addOption(keyringBackendOption())
    .addOption(homeOption())
    .action((name: string, o: { yes?: boolean; keyringBackend?: string; home: string }) => keysDelete(io, name, o));

  keys
    .command("export")
    .description("print a key's private key ASCII-armored and encrypted with a passphrase read from stdin")
    .argument("<name>", "the key's name")
    .addOption(keyringBackendOption())
    .addOption(homeOption())
    .action((name: string, o: { keyringBackend?: string; home: string }) => keysExport(io, name, o));

  keys
    .command("import")
    .description("import an armored private key written by plumed keys export (passphrase from stdin)")
    .argument("<name>", "the new key's name")
    .argument("<keyfile>", "the armored key file")
    .addOption(keyringBackendOption())
    .addOption(homeOption())
    .action((name: string, file: string, o: { keyringBackend?: string; home: string }) => keysImport(io, name, file, o));
}

