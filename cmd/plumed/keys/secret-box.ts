import { createCipheriv, createDecipheriv, randomBytes, scrypt } from "node:crypto";

/**
 * Passphrase-based encryption for the file keyring and for exported keys: scrypt as the KDF and
 * AES-256-GCM as the AEAD (node:crypto, no new dependency).
 *
 * Why not the SDK's formats: the file keyring (99designs/keyring "jose") uses PBES2-HS256+A128KW
 * with 8192 PBKDF2 iterations, and `keys export` uses bcrypt(cost 12)+xsalsa20-poly1305; neither is
 * byte-compatible with anything plumed must read, and scrypt with N=2^17, r=8, p=1 (128 MiB, about
 * 0.3 s) is the stronger, memory-hard choice. Parameters are stored beside each ciphertext, so the
 * cost can be raised later without breaking old files.
 */
export interface ScryptParams {
  readonly n: number;
  readonly r: number;
  readonly p: number;
}

export const DEFAULT_SCRYPT: ScryptParams = { n: 2 ** 17, r: 8, p: 1 };
export const CIPHER = "aes-256-gcm";
const KEY_BYTES = 32;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
export const SALT_BYTES = 16;
export const MIN_PASSPHRASE_LENGTH = 8;

/** Refuses parameters read from a file that are absurd (a denial of service) or trivially weak. */
export function validateScryptParams(p: ScryptParams, where: string): void {
  const ok =
    Number.isSafeInteger(p.n) && p.n >= 2 ** 10 && p.n <= 2 ** 22 && (p.n & (p.n - 1)) === 0 &&
    Number.isSafeInteger(p.r) && p.r >= 1 && p.r <= 32 &&
    Number.isSafeInteger(p.p) && p.p >= 1 && p.p <= 16;
  if (!ok) throw new Error(`${where}: unsupported scrypt parameters n=${p.n} r=${p.r} p=${p.p}`);
}

export function deriveKey(passphrase: string, salt: Uint8Array, params: ScryptParams): Promise<Buffer> {
  validateScryptParams(params, "scrypt");
  // NFC so that the same passphrase typed on different systems derives the same key.
  const secret = Buffer.from(passphrase.normalize("NFC"), "utf8");
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_BYTES, { N: params.n, r: params.r, p: params.p, maxmem: 256 * params.n * params.r + 16 * 1024 * 1024 }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

export interface Sealed {
  readonly nonce: Uint8Array;
  /** Ciphertext followed by the 16-byte GCM tag. */
  readonly ciphertext: Uint8Array;
}

/** Seals with a fresh random nonce, or with `nonce` when the caller must know it beforehand. */
export function seal(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array, nonce: Uint8Array = newNonce()): Sealed {
  if (nonce.length !== NONCE_BYTES) throw new Error(`an AES-GCM nonce has ${NONCE_BYTES} bytes`);
  const c = createCipheriv(CIPHER, key, nonce, { authTagLength: TAG_BYTES });
  c.setAAD(aad);
  const body = Buffer.concat([c.update(plaintext), c.final(), c.getAuthTag()]);
  return { nonce, ciphertext: body };
}

/** The plaintext, or undefined when the key is wrong or anything (ciphertext, nonce, aad) was altered. */
export function open(key: Uint8Array, sealed: Sealed, aad: Uint8Array): Uint8Array | undefined {
  if (sealed.nonce.length !== NONCE_BYTES || sealed.ciphertext.length < TAG_BYTES) return undefined;
  const body = sealed.ciphertext.subarray(0, sealed.ciphertext.length - TAG_BYTES);
  const tag = sealed.ciphertext.subarray(sealed.ciphertext.length - TAG_BYTES);
  try {
    const d = createDecipheriv(CIPHER, key, sealed.nonce, { authTagLength: TAG_BYTES });
    d.setAAD(aad);
    d.setAuthTag(tag);
    return new Uint8Array(Buffer.concat([d.update(body), d.final()]));
  } catch {
    return undefined;
  }
}

export const newSalt = (): Uint8Array => randomBytes(SALT_BYTES);
export const newNonce = (): Uint8Array => randomBytes(NONCE_BYTES);
