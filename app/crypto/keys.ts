/**
 * Account public keys as the SDK's interface registry knows them (cryptotypes.PubKey): decoding
 * from their Any, addresses, and the legacy amino binary form (which multisig addresses and the
 * simulation signature-size estimate are computed from).
 */
import { PubKey as Ed25519PubKeyProto } from "cosmjs-types/cosmos/crypto/ed25519/keys";
import { LegacyAminoPubKey } from "cosmjs-types/cosmos/crypto/multisig/keys";
import { PubKey as Secp256k1PubKeyProto } from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { sdkPanic } from "../math/go-compat";
import { ripemd160, sha256 } from "./hash";
import { latin1Key } from "../store/bytes";
import { LruCache } from "../store/lru-cache";

export const SECP256K1_PUBKEY_TYPE_URL = "/cosmos.crypto.secp256k1.PubKey";
export const ED25519_PUBKEY_TYPE_URL = "/cosmos.crypto.ed25519.PubKey";
export const MULTISIG_PUBKEY_TYPE_URL = "/cosmos.crypto.multisig.LegacyAminoPubKey";

/** The pubkey type URLs the tx decoder resolves (the SDK's cryptotypes.PubKey implementations we support). */
export const PUBKEY_TYPE_URLS: readonly string[] = [SECP256K1_PUBKEY_TYPE_URL, ED25519_PUBKEY_TYPE_URL, MULTISIG_PUBKEY_TYPE_URL];

export type PubKey = Secp256k1PubKey | Ed25519PubKey | MultisigPubKey;

export interface Secp256k1PubKey {
  readonly type: "secp256k1";
  readonly key: Uint8Array;
  readonly any: Any;
}

export interface Ed25519PubKey {
  readonly type: "ed25519";
  readonly key: Uint8Array;
  readonly any: Any;
}

export interface MultisigPubKey {
  readonly type: "multisig";
  readonly threshold: number;
  readonly pubKeys: readonly PubKey[];
  readonly any: Any;
}

/** The Go type name as `%T` prints it, for error texts that mirror the SDK's. */
export function goTypeName(pk: PubKey | undefined): string {
  if (pk === undefined) return "<nil>";
  switch (pk.type) {
    case "secp256k1":
      return "*secp256k1.PubKey";
    case "ed25519":
      return "*ed25519.PubKey";
    case "multisig":
      return "*multisig.LegacyAminoPubKey";
  }
}

/**
 * A public key from its Any. Throws a plain Error for an unknown type URL; the tx decoder checks
 * type URLs first and reports them as the SDK does.
 */
export function pubKeyFromAny(any: Any): PubKey {
  // Every signature check reads the signer's key from its account's Any (shared while the stored
  // account is unchanged): parsed once per Any object.
  let pk = parsedKeys.get(any);
  if (pk === undefined) {
    // Shared by every caller with this Any: frozen (its key bytes and the Any stay as they are).
    pk = Object.freeze(parsePubKeyAny(any));
    if (pk.type === "multisig") Object.freeze(pk.pubKeys);
    parsedKeys.set(any, pk);
  }
  return pk;
}

const parsedKeys = new WeakMap<Any, PubKey>();

function parsePubKeyAny(any: Any): PubKey {
  switch (any.typeUrl) {
    case SECP256K1_PUBKEY_TYPE_URL:
      return { type: "secp256k1", key: Secp256k1PubKeyProto.decode(any.value).key, any };
    case ED25519_PUBKEY_TYPE_URL:
      return { type: "ed25519", key: Ed25519PubKeyProto.decode(any.value).key, any };
    case MULTISIG_PUBKEY_TYPE_URL: {
      const m = LegacyAminoPubKey.decode(any.value);
      return { type: "multisig", threshold: m.threshold, pubKeys: m.publicKeys.map(pubKeyFromAny), any };
    }
    default:
      throw new Error(`unsupported public key type ${any.typeUrl}`);
  }
}

/** secp256k1 key bytes (latin1) -> address, for pubKeyAddress. */
const secp256k1Addresses = new LruCache<string, Uint8Array>(20_000);

/**
 * The account address of a key (PubKey.Address()): ripemd160(sha256(key)) for secp256k1,
 * sha256(key)[:20] for ed25519, sha256(amino bytes)[:20] for a multisig key. The Go code panics on
 * a secp256k1 key that is not 33 bytes or an ed25519 key that is not 32; so does this (ErrPanic).
 */
export function pubKeyAddress(pk: PubKey): Uint8Array {
  switch (pk.type) {
    case "secp256k1": {
      if (pk.key.length !== 33) throw sdkPanic("length of pubkey is incorrect");
      // Every tx's SetPubKey derives its signers' addresses: remembered per key (a fresh copy out).
      const id = latin1Key(pk.key);
      let address = secp256k1Addresses.get(id);
      if (address === undefined) {
        address = ripemd160(sha256(pk.key));
        secp256k1Addresses.set(id, address.slice());
        return address;
      }
      return address.slice();
    }
    case "ed25519":
      if (pk.key.length !== 32) throw sdkPanic("pubkey is incorrect size");
      return sha256(pk.key).subarray(0, 20);
    case "multisig":
      return sha256(aminoPubKeyBytes(pk)).subarray(0, 20);
  }
}

// go-amino registered-name prefixes (first 4 bytes of sha256(name) after skipping zero bytes).
const PREFIX_SECP256K1 = Uint8Array.of(0xeb, 0x5a, 0xe9, 0x87); // tendermint/PubKeySecp256k1
const PREFIX_ED25519 = Uint8Array.of(0x16, 0x24, 0xde, 0x64); // tendermint/PubKeyEd25519
const PREFIX_MULTISIG = Uint8Array.of(0x22, 0xc1, 0xf7, 0xe2); // tendermint/PubKeyMultisigThreshold

function uvarint(n: number): number[] {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return out;
}

/**
 * The legacy amino binary encoding of a key as an interface value (registered prefix + concrete
 * encoding): single keys are byte slices (length-prefixed); the multisig key is the struct
 * {threshold (field 1, omitted when 0), pubkeys (field 2, repeated interface)}.
 */
export function aminoPubKeyBytes(pk: PubKey): Uint8Array {
  const out: number[] = [];
  switch (pk.type) {
    case "secp256k1":
      out.push(...PREFIX_SECP256K1, ...uvarint(pk.key.length), ...pk.key);
      break;
    case "ed25519":
      out.push(...PREFIX_ED25519, ...uvarint(pk.key.length), ...pk.key);
      break;
    case "multisig":
      out.push(...PREFIX_MULTISIG);
      if (pk.threshold !== 0) out.push(0x08, ...uvarint(pk.threshold));
      for (const sub of pk.pubKeys) {
        const bz = aminoPubKeyBytes(sub);
        out.push(0x12, ...uvarint(bz.length), ...bz);
      }
      break;
  }
  return Uint8Array.from(out);
}

/** CountSubKeys: 1 for a single key, the (recursive) number of leaf keys for a multisig key. */
export function countSubKeys(pk: PubKey | undefined): number {
  if (pk === undefined) return 0;
  if (pk.type !== "multisig") return 1;
  let n = 0;
  for (const sub of pk.pubKeys) n += countSubKeys(sub);
  return n;
}
