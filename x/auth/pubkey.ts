import { PubKey as Ed25519PubKey } from "cosmjs-types/cosmos/crypto/ed25519/keys";
import { LegacyAminoPubKey } from "cosmjs-types/cosmos/crypto/multisig/keys";
import { PubKey as Secp256k1PubKey } from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import { Any } from "cosmjs-types/google/protobuf/any";
import { base64ToBytes, bytesToBase64 } from "../../app/encoding";
import { asString, jsonText } from "../../app/json-read";
import type { JsonValue } from "../../app/module";

export const SECP256K1_PUBKEY_TYPE_URL = "/cosmos.crypto.secp256k1.PubKey";
export const ED25519_PUBKEY_TYPE_URL = "/cosmos.crypto.ed25519.PubKey";
export const MULTISIG_PUBKEY_TYPE_URL = "/cosmos.crypto.multisig.LegacyAminoPubKey";

/** A public key Any in the SDK's JSON ({"@type": ..., "key": base64} or the multisig shape). */
export function pubKeyAnyToJson(any: Any): JsonValue {
  switch (any.typeUrl) {
    case SECP256K1_PUBKEY_TYPE_URL:
      return { "@type": any.typeUrl, key: bytesToBase64(Secp256k1PubKey.decode(any.value).key) };
    case ED25519_PUBKEY_TYPE_URL:
      return { "@type": any.typeUrl, key: bytesToBase64(Ed25519PubKey.decode(any.value).key) };
    case MULTISIG_PUBKEY_TYPE_URL: {
      const m = LegacyAminoPubKey.decode(any.value);
      return { "@type": any.typeUrl, threshold: m.threshold, public_keys: m.publicKeys.map(pubKeyAnyToJson) };
    }
    default:
      throw new Error(`unsupported public key type ${any.typeUrl}`);
  }
}

export function pubKeyAnyFromJson(json: JsonValue): Any {
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new Error("public key must be an object");
  const obj = json as Record<string, JsonValue>;
  const typeUrl = obj["@type"];
  switch (typeUrl) {
    case SECP256K1_PUBKEY_TYPE_URL:
      return Any.fromPartial({ typeUrl, value: Secp256k1PubKey.encode({ key: base64ToBytes(asString(obj["key"], "key")) }).finish() });
    case ED25519_PUBKEY_TYPE_URL:
      return Any.fromPartial({ typeUrl, value: Ed25519PubKey.encode({ key: base64ToBytes(asString(obj["key"], "key")) }).finish() });
    case MULTISIG_PUBKEY_TYPE_URL: {
      const keys = obj["public_keys"];
      if (!Array.isArray(keys)) throw new Error("multisig public key needs public_keys");
      const value = LegacyAminoPubKey.encode({ threshold: Number(obj["threshold"]), publicKeys: keys.map(pubKeyAnyFromJson) }).finish();
      return Any.fromPartial({ typeUrl, value });
    }
    default:
      throw new Error(`unsupported public key type ${jsonText(typeUrl)}`);
  }
}
