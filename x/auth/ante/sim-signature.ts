/**
 * The placeholders simulation uses for signatures that are not there yet (x/auth/ante/sigverify.go):
 * a fixed secp256k1 public key and a 64-byte zero signature.
 */
import { Any } from "cosmjs-types/google/protobuf/any";
import { PubKey as Secp256k1PubKeyProto } from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import { SECP256K1_PUBKEY_TYPE_URL, aminoPubKeyBytes, type PubKey } from "../../../app/crypto/keys";

const SIM_KEY = Uint8Array.from(Buffer.from("035AD6810A47F073553FF30D2FCC7E0D3B1C0B74B61A1AAA2582344037151E143A", "hex"));

export const SIM_SECP256K1_PUBKEY: PubKey = {
  type: "secp256k1",
  key: SIM_KEY,
  any: Any.fromPartial({ typeUrl: SECP256K1_PUBKEY_TYPE_URL, value: Secp256k1PubKeyProto.encode({ key: SIM_KEY }).finish() }),
};

export const SIM_SIGNATURE_LENGTH = 64;

function uvarintLength(n: number): number {
  let len = 1;
  for (let v = n; v >= 0x80; v = Math.floor(v / 128)) len++;
  return len;
}

/**
 * len(legacy amino binary of StdSignature{PubKey: pk, Signature: 64 zero bytes}): field 1 is the
 * key as an amino interface value, field 2 the signature.
 */
export function simStdSignatureLength(pk: PubKey): number {
  const key = aminoPubKeyBytes(pk).length;
  return 1 + uvarintLength(key) + key + 1 + uvarintLength(SIM_SIGNATURE_LENGTH) + SIM_SIGNATURE_LENGTH;
}
