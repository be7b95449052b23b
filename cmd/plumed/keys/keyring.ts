import { Secp256k1 } from "@cosmjs/crypto";
import { fromBase64, fromHex, toBase64, toHex } from "@cosmjs/encoding";
import { rawSecp256k1PubkeyToRawAddress } from "@cosmjs/amino";
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { AddressCodec } from "../../../app/address";
import { deriveKey as deriveHdKey } from "../hd";
import { homePaths } from "../home";
import { DEFAULT_SCRYPT, deriveKey, newSalt, open, seal, validateScryptParams, type ScryptParams } from "./secret-box";

/**
 * plumed's keyring: named secp256k1 keys under `<home>/keyring-<backend>/`, as simd keeps them.
 *
 * Backends:
 * - `test`: private keys in plaintext (simd's test backend is the same in effect). For devnets
 *   and tests only.
 * - `file`: private keys encrypted with a key derived from one keyring passphrase (scrypt +
 *   AES-256-GCM, see secret-box.ts). Public data (name, address, public key, HD path) stays
 *   readable, so `keys show|list` need no passphrase; it is authenticated as the AEAD's
 *   associated data, so a record whose public part was altered no longer decrypts.
 *
 * Layout (all files 0600, directory 0700):
 *   <name>.info   one key, JSON:
 *     {"format":"plumed-key/1","name","type":"local","algo":"secp256k1",
 *      "address":<hex, 20 bytes>,"pub_key":<base64, 33-byte compressed key>,"hd_path":<path|null>,
 *      "private_key":<hex>                                              (test backend)
 *      "encrypted_private_key":{"nonce":<base64>,"ciphertext":<base64>} (file backend)}
 *   keyhash       file backend: {"format":"plumed-keyhash/1","kdf":{"name":"scrypt","n","r","p",
 *                 "salt"},"cipher":"aes-256-gcm","check":{"nonce","ciphertext"}}; the check is a
 *                 known text sealed with the derived key, so a wrong passphrase is told apart from
 *                 a damaged record, and every key of the keyring shares one passphrase (as simd's
 *                 keyhash file ensures).
 */
export type KeyringBackend = "test" | "file";
export const KEYRING_BACKENDS: readonly KeyringBackend[] = ["test", "file"];

export function parseKeyringBackend(value: string): KeyringBackend {
  if (value === "test" || value === "file") return value;
  if (["os", "kwallet", "pass", "memory"].includes(value)) {
    throw new Error(`keyring backend "${value}" is not supported by plumed (use file, or test for devnets)`);
  }
  throw new Error(`unknown keyring backend "${value}" (expected file or test)`);
}

export interface KeyInfo {
  readonly name: string;
  readonly type: "local";
  readonly algo: "secp256k1";
  /** 20 bytes: ripemd160(sha256(pubKey)). */
  readonly address: Uint8Array;
  /** 33-byte compressed secp256k1 public key. */
  readonly pubKey: Uint8Array;
  /** The HD path the key was derived with; undefined for an imported private key. */
  readonly hdPath: string | undefined;
}

/** Asked for the keyring passphrase: `create` when the keyring gets its passphrase now. */
export type PassphraseProvider = (request: { readonly create: boolean; readonly attempt: number }) => Promise<string>;

export interface KeyringOptions {
  readonly home: string;
  readonly backend: KeyringBackend;
  /** Required for the file backend whenever a private key is written or read. */
  readonly passphrase?: PassphraseProvider;
  /** How often a wrong passphrase may be retried (interactive use: 3). */
  readonly maxAttempts?: number;
  /** KDF cost of a new file keyring (tests lower it). */
  readonly scrypt?: ScryptParams;
}

const RECORD_FORMAT = "plumed-key/1";
const KEYHASH_FORMAT = "plumed-keyhash/1";
const CHECK_TEXT = new TextEncoder().encode("plumed keyring passphrase check");
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,99}$/;

export function validateKeyName(name: string): void {
  if (!NAME_RE.test(name)) {
    throw new Error(`invalid key name ${JSON.stringify(name)}: use 1-100 letters, digits and . _ @ + - (starting with a letter or digit)`);
  }
}

export class KeyNotFoundError extends Error {
  constructor(what: string, backend: KeyringBackend) {
    super(`${what} is not a valid name or address: key not found in the ${backend} keyring`);
    this.name = "KeyNotFoundError";
  }
}

interface RecordJson {
  format: string;
  name: string;
  type: "local";
  algo: "secp256k1";
  address: string;
  pub_key: string;
  hd_path: string | null;
  private_key?: string;
  encrypted_private_key?: { nonce: string; ciphertext: string };
}

interface KeyhashJson {
  format: string;
  kdf: { name: "scrypt"; n: number; r: number; p: number; salt: string };
  cipher: string;
  check: { nonce: string; ciphertext: string };
}

/** Writes via a temporary file and rename, so a crash never leaves half a key file. */
function writeFileAtomic(path: string, text: string): void {
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text, { mode: 0o600 });
  renameSync(tmp, path);
}

function publicHeader(r: RecordJson): Uint8Array {
  // The associated data: every public field, in a fixed order.
  return new TextEncoder().encode(JSON.stringify([r.format, r.name, r.type, r.algo, r.address, r.pub_key, r.hd_path]));
}

export class Keyring {
  readonly dir: string;
  readonly backend: KeyringBackend;
  private readonly options: KeyringOptions;
  private unlocked: Uint8Array | undefined;

  constructor(options: KeyringOptions) {
    this.options = options;
    this.backend = options.backend;
    this.dir = join(homePaths(options.home).home, `keyring-${options.backend}`);
  }

  /** Every key, sorted by name. */
  list(): KeyInfo[] {
    if (!existsSync(this.dir)) return [];
    return readdirSync(this.dir)
      .filter((f) => f.endsWith(".info"))
      .map((f) => f.slice(0, -".info".length))
      .filter((n) => NAME_RE.test(n))
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
      .map((n) => this.toInfo(this.readRecord(n)));
  }

  find(name: string): KeyInfo | undefined {
    if (!NAME_RE.test(name) || !existsSync(this.recordPath(name))) return undefined;
    return this.toInfo(this.readRecord(name));
  }

  findByAddress(address: Uint8Array): KeyInfo | undefined {
    const hex = toHex(address);
    return this.list().find((k) => toHex(k.address) === hex);
  }

  /** A key by name, else by bech32 address (as simd's `keys show <name|address>`). */
  key(nameOrAddress: string, addresses: AddressCodec): KeyInfo {
    const byName = this.find(nameOrAddress);
    if (byName) return byName;
    let bytes: Uint8Array | undefined;
    try {
      bytes = addresses.decodeAccount(nameOrAddress);
    } catch {
      bytes = undefined;
    }
    const byAddress = bytes ? this.findByAddress(bytes) : undefined;
    if (byAddress) return byAddress;
    throw new KeyNotFoundError(nameOrAddress, this.backend);
  }

  async addMnemonic(name: string, mnemonic: string, hdPath: string): Promise<KeyInfo> {
    let derived;
    try {
      derived = await deriveHdKey(normalizeMnemonic(mnemonic), hdPath);
    } catch (err) {
      throw new Error(`invalid mnemonic: ${(err as Error).message}`);
    }
    return this.addPrivateKey(name, derived.privateKey, hdPath);
  }

  async addPrivateKey(name: string, privateKey: Uint8Array, hdPath?: string): Promise<KeyInfo> {
    validateKeyName(name);
    if (privateKey.length !== 32) throw new Error("a secp256k1 private key has 32 bytes");
    if (existsSync(this.recordPath(name))) throw new Error(`a key named ${name} already exists in the ${this.backend} keyring (delete it first: plumed keys delete ${name})`);
    let pubKey: Uint8Array;
    try {
      pubKey = Secp256k1.compressPubkey(Secp256k1.makeKeypair(privateKey).pubkey);
    } catch (err) {
      throw new Error(`invalid secp256k1 private key: ${(err as Error).message}`);
    }
    const address = rawSecp256k1PubkeyToRawAddress(pubKey);
    const twin = this.findByAddress(address);
    if (twin) throw new Error(`the key ${twin.name} already has this address; keys must have distinct addresses`);
    const record: RecordJson = {
      format: RECORD_FORMAT,
      name,
      type: "local",
      algo: "secp256k1",
      address: toHex(address),
      pub_key: toBase64(pubKey),
      hd_path: hdPath ?? null,
    };
    if (this.backend === "test") {
      record.private_key = toHex(privateKey);
    } else {
      const key = await this.unlock(true);
      const sealed = seal(key, privateKey, publicHeader(record));
      record.encrypted_private_key = { nonce: toBase64(sealed.nonce), ciphertext: toBase64(sealed.ciphertext) };
    }
    this.ensureDir();
    writeFileAtomic(this.recordPath(name), JSON.stringify(record, null, 2) + "\n");
    return this.toInfo(record);
  }

  delete(name: string): void {
    if (!this.find(name)) throw new KeyNotFoundError(name, this.backend);
    rmSync(this.recordPath(name));
  }

  /** The key's private key; the file backend asks for the passphrase (once per Keyring). */
  async privateKey(name: string): Promise<Uint8Array> {
    if (!this.find(name)) throw new KeyNotFoundError(name, this.backend);
    const record = this.readRecord(name);
    let privateKey: Uint8Array | undefined;
    if (record.private_key !== undefined) {
      if (this.backend === "file") throw new Error(`${this.recordPath(name)}: a file keyring record holds an unencrypted key`);
      privateKey = fromHex(record.private_key);
    } else {
      const enc = record.encrypted_private_key;
      if (!enc) throw new Error(`${this.recordPath(name)}: the record holds no private key`);
      const key = await this.unlock(false);
      privateKey = open(key, { nonce: fromBase64(enc.nonce), ciphertext: fromBase64(enc.ciphertext) }, publicHeader(record));
      if (!privateKey) throw new Error(`${this.recordPath(name)}: the record does not decrypt (it was altered or belongs to another keyring)`);
    }
    const pubKey = Secp256k1.compressPubkey(Secp256k1.makeKeypair(privateKey).pubkey);
    if (toBase64(pubKey) !== record.pub_key) throw new Error(`${this.recordPath(name)}: the private key does not match the recorded public key`);
    return privateKey;
  }

  // ---- internals ----

  private recordPath(name: string): string {
    return join(this.dir, `${name}.info`);
  }

  private get keyhashPath(): string {
    return join(this.dir, "keyhash");
  }

  private ensureDir(): void {
    if (!existsSync(this.dir)) {
      mkdirSync(dirname(this.dir), { recursive: true });
      mkdirSync(this.dir, { mode: 0o700 });
    }
    chmodSync(this.dir, 0o700);
  }

  private readRecord(name: string): RecordJson {
    const path = this.recordPath(name);
    let r: RecordJson;
    try {
      r = JSON.parse(readFileSync(path, "utf8")) as RecordJson;
    } catch (err) {
      throw new Error(`${path}: unreadable key record (${(err as Error).message})`);
    }
    if (typeof r !== "object" || r === null || r.format !== RECORD_FORMAT) throw new Error(`${path}: not a ${RECORD_FORMAT} key record`);
    if (r.name !== name) throw new Error(`${path}: the record is for a key named ${JSON.stringify(r.name)}`);
    if (r.algo !== "secp256k1" || typeof r.pub_key !== "string" || typeof r.address !== "string") throw new Error(`${path}: malformed key record`);
    return r;
  }

  private toInfo(r: RecordJson): KeyInfo {
    const pubKey = fromBase64(r.pub_key);
    const address = fromHex(r.address);
    if (toHex(rawSecp256k1PubkeyToRawAddress(pubKey)) !== r.address) throw new Error(`${this.recordPath(r.name)}: the address does not match the public key`);
    return { name: r.name, type: "local", algo: "secp256k1", address, pubKey, hdPath: r.hd_path ?? undefined };
  }

  /** The keyring's encryption key, from the passphrase; `create` sets the passphrase of a new keyring. */
  private async unlock(create: boolean): Promise<Uint8Array> {
    if (this.unlocked) return this.unlocked;
    const provider = this.options.passphrase;
    if (!provider) throw new Error("the file keyring needs a passphrase");
    if (!existsSync(this.keyhashPath)) {
      if (!create) throw new Error(`${this.keyhashPath} is missing: cannot check the keyring passphrase`);
      const passphrase = await provider({ create: true, attempt: 1 });
      const params = this.options.scrypt ?? DEFAULT_SCRYPT;
      const salt = newSalt();
      const key = await deriveKey(passphrase, salt, params);
      const check = seal(key, CHECK_TEXT, new TextEncoder().encode(KEYHASH_FORMAT));
      const keyhash: KeyhashJson = {
        format: KEYHASH_FORMAT,
        kdf: { name: "scrypt", n: params.n, r: params.r, p: params.p, salt: toBase64(salt) },
        cipher: "aes-256-gcm",
        check: { nonce: toBase64(check.nonce), ciphertext: toBase64(check.ciphertext) },
      };
      this.ensureDir();
      writeFileAtomic(this.keyhashPath, JSON.stringify(keyhash, null, 2) + "\n");
      this.unlocked = key;
      return key;
    }
    const keyhash = this.readKeyhash();
    const maxAttempts = this.options.maxAttempts ?? 1;
    for (let attempt = 1; ; attempt++) {
      const passphrase = await provider({ create: false, attempt });
      const key = await deriveKey(passphrase, fromBase64(keyhash.kdf.salt), keyhash.kdf);
      const plain = open(key, { nonce: fromBase64(keyhash.check.nonce), ciphertext: fromBase64(keyhash.check.ciphertext) }, new TextEncoder().encode(KEYHASH_FORMAT));
      if (plain && Buffer.from(plain).equals(Buffer.from(CHECK_TEXT))) {
        this.unlocked = key;
        return key;
      }
      if (attempt >= maxAttempts) throw new Error("incorrect keyring passphrase");
    }
  }

  private readKeyhash(): KeyhashJson {
    let k: KeyhashJson;
    try {
      k = JSON.parse(readFileSync(this.keyhashPath, "utf8")) as KeyhashJson;
    } catch (err) {
      throw new Error(`${this.keyhashPath}: unreadable (${(err as Error).message})`);
    }
    if (k?.format !== KEYHASH_FORMAT || k.kdf?.name !== "scrypt" || k.cipher !== "aes-256-gcm" || !k.check) throw new Error(`${this.keyhashPath}: not a ${KEYHASH_FORMAT} file`);
    validateScryptParams(k.kdf, this.keyhashPath);
    return k;
  }
}

/** Words separated by single spaces, lower case: what BIP-39 derives the seed from. */
export function normalizeMnemonic(mnemonic: string): string {
  return mnemonic.trim().split(/\s+/).join(" ").toLowerCase();
}
