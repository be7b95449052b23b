/**
 * Validator consensus keys: the Any in MsgCreateValidator / Validator.consensus_pubkey, its
 * consensus address, its key type name (as in consensus params' validator.pub_key_types) and the
 * CometBFT PublicKey for validator updates.
 */
import { createHash } from "node:crypto";
import { PubKey as Ed25519PubKey } from "cosmjs-types/cosmos/crypto/ed25519/keys";
import { PubKey as Secp256k1PubKey } from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import type { Any } from "cosmjs-types/google/protobuf/any";
import type { PublicKey } from "cosmjs-types/tendermint/crypto/keys";
import { ErrInvalidPubKey, ErrInvalidType } from "../../app/errors";

export const ED25519_TYPE_URL = "/cosmos.crypto.ed25519.PubKey";
export const SECP256K1_TYPE_URL = "/cosmos.crypto.secp256k1.PubKey";

export interface ConsensusPubKey {
  /** The key type as CometBFT names it: "ed25519" or "secp256k1". */
  readonly type: "ed25519" | "secp256k1";
  readonly key: Uint8Array;
}

/** Decodes a validator consensus key Any; other key types are refused as the SDK's codec would. */
export function decodeConsensusPubKey(any: Any | undefined): ConsensusPubKey {
  if (any === undefined) throw ErrInvalidType.wrap("Expecting cryptotypes.PubKey, got <nil>");
  switch (any.typeUrl) {
    case ED25519_TYPE_URL: {
      const key = Ed25519PubKey.decode(any.value).key;
      if (key.length !== 32) throw ErrInvalidPubKey.wrap(`invalid ed25519 public key length ${key.length}, expected 32`);
      return { type: "ed25519", key };
    }
    case SECP256K1_TYPE_URL: {
      const key = Secp256k1PubKey.decode(any.value).key;
      if (key.length !== 33) throw ErrInvalidPubKey.wrap(`invalid secp256k1 public key length ${key.length}, expected 33`);
      return { type: "secp256k1", key };
    }
    default:
      throw ErrInvalidType.wrap(`Expecting cryptotypes.PubKey, got ${any.typeUrl}`);
  }
}

function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(createHash("sha256").update(data).digest());
}

/** The consensus address: sha256(key)[:20] for ed25519, ripemd160(sha256(key)) for secp256k1. */
export function consensusAddress(pk: ConsensusPubKey): Uint8Array {
  if (pk.type === "ed25519") return sha256(pk.key).subarray(0, 20);
  return new Uint8Array(createHash("ripemd160").update(sha256(pk.key)).digest());
}

export function consensusAddressOfAny(any: Any | undefined): Uint8Array {
  return consensusAddress(decodeConsensusPubKey(any));
}

/** The CometBFT form for ValidatorUpdate.pub_key. */
export function cometPublicKey(pk: ConsensusPubKey): PublicKey {
  return pk.type === "ed25519" ? { ed25519: pk.key } : { secp256k1: pk.key };
}

/** Proto3 JSON of a consensus key Any ({"@type": ..., "key": base64}), as genesis files carry it. */
export function consensusPubKeyToJson(any: Any | undefined): { "@type": string; key: string } {
  const pk = decodeConsensusPubKey(any);
  return { "@type": pk.type === "ed25519" ? ED25519_TYPE_URL : SECP256K1_TYPE_URL, key: Buffer.from(pk.key).toString("base64") };
}

export function consensusPubKeyFromJson(typeUrl: string, keyBase64: string): Any {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(keyBase64)) throw new Error("invalid base64 key");
  const key = new Uint8Array(Buffer.from(keyBase64, "base64"));
  let any: Any;
  if (typeUrl === ED25519_TYPE_URL) any = { typeUrl, value: Ed25519PubKey.encode({ key }).finish() };
  else if (typeUrl === SECP256K1_TYPE_URL) any = { typeUrl, value: Secp256k1PubKey.encode({ key }).finish() };
  else throw new Error(`unsupported consensus key type ${typeUrl}`);
  decodeConsensusPubKey(any);
  return any;
}
