import { fromBase64, toBase64 } from "@cosmjs/encoding";
import { DEFAULT_SCRYPT, deriveKey, MIN_PASSPHRASE_LENGTH, newNonce, newSalt, open, seal, validateScryptParams, type ScryptParams } from "./secret-box";

/**
 * The `plumed keys export` format: an ASCII-armored, passphrase-encrypted secp256k1 private key,
 * shaped like the SDK's "TENDERMINT PRIVATE KEY" armor (OpenPGP-style headers, base64 body,
 * CRC-24 line) but with plumed's cryptography:
 *
 *   -----BEGIN PLUMED PRIVATE KEY-----
 *   kdf: scrypt
 *   scrypt: n=131072,r=8,p=1
 *   salt: <base64, 16 bytes>
 *   cipher: aes-256-gcm
 *   nonce: <base64, 12 bytes>
 *   type: secp256k1
 *
 *   <base64 of AES-256-GCM(key = scrypt(passphrase, salt), private key) || 16-byte tag>
 *   =<base64 of the CRC-24 of the decoded body>
 *   -----END PLUMED PRIVATE KEY-----
 *
 * The header lines, exactly as listed (one "name: value" per line, "\n"-joined), are the AEAD's
 * associated data: changing any of them makes decryption fail. The CRC only tells a damaged
 * paste from a wrong passphrase.
 */
const BEGIN = "-----BEGIN PLUMED PRIVATE KEY-----";
const END = "-----END PLUMED PRIVATE KEY-----";
const HEADER_ORDER = ["kdf", "scrypt", "salt", "cipher", "nonce", "type"] as const;

export function checkPassphrase(passphrase: string, what: string): void {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) throw new Error(`${what} must be at least ${MIN_PASSPHRASE_LENGTH} characters`);
}

function crc24(data: Uint8Array): number {
  let crc = 0xb704ce;
  for (const byte of data) {
    crc ^= byte << 16;
    for (let i = 0; i < 8; i++) {
      crc <<= 1;
      if (crc & 0x1000000) crc ^= 0x1864cfb;
    }
  }
  return crc & 0xffffff;
}

function crcLine(data: Uint8Array): string {
  const c = crc24(data);
  return "=" + toBase64(new Uint8Array([(c >> 16) & 0xff, (c >> 8) & 0xff, c & 0xff]));
}

function headerText(headers: Record<(typeof HEADER_ORDER)[number], string>): string {
  return HEADER_ORDER.map((k) => `${k}: ${headers[k]}`).join("\n");
}

export async function armorPrivateKey(privateKey: Uint8Array, passphrase: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  checkPassphrase(passphrase, "the export passphrase");
  const salt = newSalt();
  const key = await deriveKey(passphrase, salt, params);
  // The nonce is a header, and so part of the associated data: pick it before sealing.
  const nonce = newNonce();
  const headers = { kdf: "scrypt", scrypt: `n=${params.n},r=${params.r},p=${params.p}`, salt: toBase64(salt), cipher: "aes-256-gcm", nonce: toBase64(nonce), type: "secp256k1" };
  const { ciphertext } = seal(key, privateKey, new TextEncoder().encode(headerText(headers)), nonce);
  const body = toBase64(ciphertext).match(/.{1,64}/g) ?? [];
  return [BEGIN, headerText(headers), "", ...body, crcLine(ciphertext), END].join("\n") + "\n";
}

export async function unarmorPrivateKey(armored: string, passphrase: string): Promise<Uint8Array> {
  const lines = armored.replace(/\r\n/g, "\n").split("\n").map((l) => l.trim());
  const start = lines.indexOf(BEGIN);
  const end = lines.indexOf(END);
  if (start < 0 || end < start) {
    if (lines.some((l) => l.startsWith("-----BEGIN TENDERMINT PRIVATE KEY-----"))) {
      throw new Error("this is a Cosmos SDK (simd) key export; plumed reads only its own format (import the mnemonic instead)");
    }
    throw new Error(`not an armored plumed key: expected a "${BEGIN}" block`);
  }
  const inner = lines.slice(start + 1, end);
  const blank = inner.indexOf("");
  if (blank < 0) throw new Error("malformed armor: no blank line after the headers");
  const headers: Record<string, string> = {};
  for (const line of inner.slice(0, blank)) {
    const m = /^([a-z]+): (.*)$/.exec(line);
    if (!m || m[1] === undefined || m[2] === undefined) throw new Error(`malformed armor header "${line}"`);
    headers[m[1]] = m[2];
  }
  const bodyLines = inner.slice(blank + 1).filter((l) => l !== "");
  const crc = bodyLines.length > 0 && bodyLines[bodyLines.length - 1]?.startsWith("=") ? bodyLines.pop() : undefined;
  let body: Uint8Array;
  try {
    body = fromBase64(bodyLines.join(""));
  } catch {
    throw new Error("malformed armor: the body is not base64");
  }
  if (crc === undefined) throw new Error("malformed armor: the checksum line is missing");
  if (crc !== crcLine(body)) throw new Error("armor checksum mismatch: the exported key was damaged (copy it again)");
  for (const k of HEADER_ORDER) if (headers[k] === undefined) throw new Error(`malformed armor: the "${k}" header is missing`);
  const h = headers as Record<(typeof HEADER_ORDER)[number], string>;
  if (h.kdf !== "scrypt" || h.cipher !== "aes-256-gcm") throw new Error(`unsupported armor: kdf ${h.kdf}, cipher ${h.cipher}`);
  if (h.type !== "secp256k1") throw new Error(`unsupported key type ${h.type}`);
  const pm = /^n=(\d+),r=(\d+),p=(\d+)$/.exec(h.scrypt);
  if (!pm) throw new Error(`malformed armor: scrypt header "${h.scrypt}"`);
  const params = { n: Number(pm[1]), r: Number(pm[2]), p: Number(pm[3]) };
  validateScryptParams(params, "armor");
  const key = await deriveKey(passphrase, fromBase64(h.salt), params);
  const plain = open(key, { nonce: fromBase64(h.nonce), ciphertext: body }, new TextEncoder().encode(headerText(h)));
  if (!plain) throw new Error("incorrect passphrase, or the exported key was altered");
  if (plain.length !== 32) throw new Error("the exported key is not a 32-byte secp256k1 private key");
  return plain;
}
