/**
 * The simulation's accounts: secp256k1 keys drawn from the seed, their addresses, and a signer
 * that is fast enough to sign every tx of a long run (cosmjs' wallets are async and slow).
 *
 * Signing is RFC 6979 deterministic ECDSA with low S over sha256(sign bytes), what the SDK's keys
 * produce: libsecp256k1 through the `secp256k1` package's native binding when it loads (the app
 * verifies with the same binding), else @noble/curves. Both give byte-identical signatures, so
 * the backend never changes a tx, an app hash or a replay.
 */
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import type { ECDSA } from "@noble/curves/abstract/weierstrass.js" with { "resolution-mode": "import" };
import type { AddressCodec } from "../app/address";
import { bytesToHex } from "../app/encoding";
import { ripemd160, sha256 } from "../app/crypto/hash";
import { requireNativeSecp256k1Addon } from "../app/crypto/secp256k1";
import type { SimRandom } from "./random";

/** The curve order: a private key must lie in [1, n). */
const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

export interface SimAccount {
  /** Position in the pool (creation order). */
  readonly index: number;
  readonly privateKey: Uint8Array;
  /** Compressed secp256k1 public key (33 bytes). */
  readonly publicKey: Uint8Array;
  /** ripemd160(sha256(publicKey)): the SDK's secp256k1 address. */
  readonly address: Uint8Array;
  /** bech32 account address. */
  readonly bech32: string;
  /** bech32 validator operator address of the same bytes. */
  readonly valoper: string;
}

export interface Secp256k1Signer {
  readonly name: string;
  publicKey(privateKey: Uint8Array): Uint8Array;
  /** 64-byte compact low-S signature over a 32-byte digest. */
  signDigest(digest: Uint8Array, privateKey: Uint8Array): Uint8Array;
}

const requireHere = createRequire(__filename);

interface NativeSecp256k1 {
  publicKeyCreate(privateKey: Uint8Array, compressed?: boolean): Uint8Array;
  ecdsaSign(digest: Uint8Array, privateKey: Uint8Array): { signature: Uint8Array };
}

function nativeSigner(): Secp256k1Signer | undefined {
  const addon = requireNativeSecp256k1Addon<NativeSecp256k1>();
  if (addon === undefined) return undefined;
  return {
    name: "libsecp256k1 (native)",
    publicKey: (privateKey) => addon.publicKeyCreate(privateKey, true),
    // libsecp256k1 always returns a normalized (low-S) signature with RFC 6979 nonces.
    signDigest: (digest, privateKey) => addon.ecdsaSign(digest, privateKey).signature,
  };
}

export function nobleSigner(): Secp256k1Signer {
  const { secp256k1 } = requireHere("@noble/curves/secp256k1.js") as { secp256k1: ECDSA };
  return {
    name: "@noble/curves",
    publicKey: (privateKey) => secp256k1.getPublicKey(privateKey, true),
    signDigest: (digest, privateKey) => secp256k1.sign(digest, privateKey, { prehash: false, lowS: true, format: "compact" }),
  };
}

let preferred: Secp256k1Signer | undefined;

/** The native binding when it loads, else @noble/curves. */
export function defaultSigner(): Secp256k1Signer {
  preferred ??= nativeSigner() ?? nobleSigner();
  return preferred;
}

/** A private key from the random stream (retrying the ~2^-128 chance of a value outside [1, n)). */
export function randomPrivateKey(r: SimRandom): Uint8Array {
  for (;;) {
    const key = new Uint8Array(createHash("sha256").update(r.bytes(32)).digest());
    const k = BigInt(`0x${bytesToHex(key)}`);
    if (k > 0n && k < N) return key;
  }
}

export function makeAccount(index: number, privateKey: Uint8Array, addresses: AddressCodec, signer: Secp256k1Signer = defaultSigner()): SimAccount {
  const publicKey = signer.publicKey(privateKey);
  const address = ripemd160(sha256(publicKey));
  return { index, privateKey, publicKey, address, bech32: addresses.encodeAccount(address), valoper: addresses.encodeValidator(address) };
}

/**
 * The accounts the simulation holds keys for. It grows when an operation creates a new account
 * (the account joins once the block that funded it is committed, so no operation of that block
 * signs with it). Iteration order is creation order, never a Map's.
 */
export class AccountPool {
  private readonly list: SimAccount[] = [];
  private readonly byHex = new Map<string, SimAccount>();

  constructor(
    readonly addresses: AddressCodec,
    private readonly r: SimRandom,
    readonly signer: Secp256k1Signer = defaultSigner(),
  ) {}

  /** A new key from the pool's stream; not in the pool until `add`. */
  create(): SimAccount {
    return makeAccount(this.created++, randomPrivateKey(this.r), this.addresses, this.signer);
  }

  private created = 0;

  add(account: SimAccount): void {
    const hex = bytesToHex(account.address);
    if (this.byHex.has(hex)) throw new Error(`account ${account.bech32} added twice`);
    this.list.push(account);
    this.byHex.set(hex, account);
  }

  get size(): number {
    return this.list.length;
  }

  all(): readonly SimAccount[] {
    return this.list;
  }

  at(index: number): SimAccount {
    const a = this.list[index];
    if (a === undefined) throw new Error(`no account at ${index}`);
    return a;
  }

  get(address: Uint8Array): SimAccount | undefined {
    return this.byHex.get(bytesToHex(address));
  }

  random(r: SimRandom): SimAccount {
    return r.pick(this.list);
  }

  /** A random account other than `not`. */
  randomOther(r: SimRandom, not: SimAccount): SimAccount | undefined {
    if (this.list.length < 2) return undefined;
    for (;;) {
      const a = r.pick(this.list);
      if (a !== not) return a;
    }
  }
}
