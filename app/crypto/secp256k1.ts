/**
 * secp256k1 ECDSA verification with the rules of the SDK's Go verifier
 * (crypto/keys/secp256k1/secp256k1_nocgo.go, PubKey.VerifySignature):
 *
 * - the signature is exactly 64 bytes `r ‖ s` (big-endian), over sha256(sign bytes);
 * - r and s are read modulo n (decred's ModNScalar.SetByteSlice reduces; libsecp256k1 would refuse
 *   an overflowing value, so we reduce before handing it over);
 * - zero r or s is invalid;
 * - **low S only**: s (after the reduction) above n/2 is rejected (signatureFromBytes:
 *   IsOverHalfOrder). Malleated high-S twins of valid signatures fail;
 * - the key is parsed as decred's ParsePubKey does (compressed, uncompressed, hybrid).
 *
 * Two interchangeable backends compute the curve arithmetic: the `secp256k1` npm package's native
 * libsecp256k1 binding (loaded directly from its `bindings` entry so that its silent pure-JS
 * fallback is never used), and @noble/curves when the native binding cannot be loaded. Both see
 * only normalized, low-S signatures, so they agree on every input.
 */
import { createRequire } from "node:module";
import type { ECDSA } from "@noble/curves/abstract/weierstrass.js" with { "resolution-mode": "import" };

/** The curve order n. */
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;
const HALF_N = N >> 1n;

export interface Secp256k1Backend {
  readonly name: string;
  /** ECDSA verify of a 64-byte low-S compact signature over a 32-byte digest. Never throws. */
  verifyDigest(signature: Uint8Array, digest: Uint8Array, publicKey: Uint8Array): boolean;
}

const requireHere = createRequire(__filename);

interface NativeSecp256k1 {
  ecdsaVerify(sig: Uint8Array, msg32: Uint8Array, pubkey: Uint8Array): boolean;
}

/**
 * The `secp256k1` package's native libsecp256k1 addon (typed by the caller with the functions it
 * uses), or undefined when no prebuilt or compiled addon loads here.
 */
export function requireNativeSecp256k1Addon<T>(): T | undefined {
  try {
    // "secp256k1" alone would fall back to elliptic.js silently; "bindings" fails instead.
    return requireHere("secp256k1/bindings") as T;
  } catch {
    return undefined;
  }
}

/** The libsecp256k1 binding, or undefined when no prebuilt or compiled addon loads here. */
export function loadNativeSecp256k1(): Secp256k1Backend | undefined {
  const addon = requireNativeSecp256k1Addon<NativeSecp256k1>();
  if (addon === undefined) return undefined;
  return {
    name: "libsecp256k1 (native addon)",
    verifyDigest(signature, digest, publicKey) {
      try {
        return addon.ecdsaVerify(signature, digest, publicKey);
      } catch {
        // Unparseable public key (wrong length or not on the curve).
        return false;
      }
    },
  };
}

let noble: Secp256k1Backend | undefined;

/** @noble/curves' secp256k1 (pure JS, audited), loaded on first use. */
export function nobleSecp256k1(): Secp256k1Backend {
  if (noble) return noble;
  const { secp256k1 } = requireHere("@noble/curves/secp256k1.js") as { secp256k1: ECDSA };
  noble = {
    name: "@noble/curves",
    verifyDigest(signature, digest, publicKey) {
      try {
        return secp256k1.verify(signature, digest, publicKey, { prehash: false, lowS: true, format: "compact" });
      } catch {
        return false;
      }
    },
  };
  return noble;
}

let preferred: Secp256k1Backend | undefined;

/** The native binding when it loads, else @noble/curves. */
export function defaultSecp256k1Backend(): Secp256k1Backend {
  preferred ??= loadNativeSecp256k1() ?? nobleSecp256k1();
  return preferred;
}

function scalarBytes(v: bigint): Uint8Array {
  const out = new Uint8Array(32);
  writeScalar(out, 0, v);
  return out;
}

const N_BYTES = scalarBytes(N);
const HALF_N_BYTES = scalarBytes(HALF_N);

/** The 32 big-endian bytes at `offset` against `bound`: negative, zero or positive. */
function compareScalar(bytes: Uint8Array, offset: number, bound: Uint8Array): number {
  for (let i = 0; i < 32; i++) {
    const d = (bytes[offset + i] as number) - (bound[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}

function isZeroScalar(bytes: Uint8Array, offset: number): boolean {
  for (let i = offset; i < offset + 32; i++) if (bytes[i] !== 0) return false;
  return true;
}

function readScalar(bytes: Uint8Array, offset: number): bigint {
  let v = 0n;
  for (let i = offset; i < offset + 32; i++) v = (v << 8n) | BigInt(bytes[i] as number);
  return v;
}

function writeScalar(out: Uint8Array, offset: number, v: bigint): void {
  for (let i = offset + 31; i >= offset; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

/**
 * The signature as the Go verifier reads it: r and s mod n, or undefined when it can never verify
 * (wrong length, zero r or s, high S).
 */
export function normalizeSignature(signature: Uint8Array): Uint8Array | undefined {
  if (signature.length !== 64) return undefined;
  // The common case without bigint arithmetic: 0 < r < N and 0 < s <= N/2, compared as bytes.
  if (compareScalar(signature, 0, N_BYTES) < 0 && compareScalar(signature, 32, HALF_N_BYTES) <= 0 && !isZeroScalar(signature, 0) && !isZeroScalar(signature, 32)) {
    return signature;
  }
  let r = readScalar(signature, 0);
  let s = readScalar(signature, 32);
  const overflow = r >= N || s >= N;
  if (overflow) {
    r %= N;
    s %= N;
  }
  if (r === 0n || s === 0n || s > HALF_N) return undefined;
  if (!overflow) return signature;
  const out = new Uint8Array(64);
  writeScalar(out, 0, r);
  writeScalar(out, 32, s);
  return out;
}

/**
 * The key in a form every backend reads alike: compressed (0x02/0x03, 33 bytes) and uncompressed
 * (0x04, 65 bytes) as given; a hybrid key (0x06/0x07, 65 bytes, which the Go parser and
 * libsecp256k1 accept but @noble/curves does not) as uncompressed once its parity byte matches y.
 * Undefined for anything else.
 */
export function normalizePublicKey(key: Uint8Array): Uint8Array | undefined {
  if (key.length === 33) return key[0] === 0x02 || key[0] === 0x03 ? key : undefined;
  if (key.length !== 65) return undefined;
  if (key[0] === 0x04) return key;
  if (key[0] !== 0x06 && key[0] !== 0x07) return undefined;
  const yOdd = ((key[64] as number) & 1) === 1;
  if (yOdd !== (key[0] === 0x07)) return undefined;
  const out = Uint8Array.from(key);
  out[0] = 0x04;
  return out;
}

/** Verifies `signature` over `digest` (= sha256 of the sign bytes) with the SDK's rules. */
export function verifySecp256k1Digest(backend: Secp256k1Backend, publicKey: Uint8Array, digest: Uint8Array, signature: Uint8Array): boolean {
  const sig = normalizeSignature(signature);
  const key = normalizePublicKey(publicKey);
  if (sig === undefined || key === undefined) return false;
  return backend.verifyDigest(sig, digest, key);
}
