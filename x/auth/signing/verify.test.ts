import { createMultisigThresholdPubkey, encodeSecp256k1Pubkey, type MultisigThresholdPubkey } from "@cosmjs/amino";
import { Secp256k1, sha256 } from "@cosmjs/crypto";
import { encodePubkey } from "@cosmjs/proto-signing";
import type { CompactBitArray } from "cosmjs-types/cosmos/crypto/multisig/v1beta1/multisig";
import { pubKeyFromAny, type MultisigPubKey } from "../../../app/crypto/keys";
import { SignatureVerifier } from "../../../app/crypto/verifier";
import { nobleSecp256k1 } from "../../../app/crypto/secp256k1";
import { SignModeHandlerMap } from "./handler-map";
import { SignMode, type MultiSignatureData, type SignatureData } from "../../../app/tx/signature-data";
import { verifyMultisignature, type VerifyContext } from "./verify";

const SIGN_BYTES = new TextEncoder().encode("the sign bytes");

async function key(i: number): Promise<{ priv: Uint8Array; pub: Uint8Array }> {
  const priv = sha256(Uint8Array.of(i));
  const kp = Secp256k1.makeKeypair(priv);
  return { priv, pub: Secp256k1.compressPubkey(kp.pubkey) };
}

async function sign(priv: Uint8Array): Promise<SignatureData> {
  const s = Secp256k1.createSignature(sha256(SIGN_BYTES), priv);
  return { kind: "single", mode: SignMode.SIGN_MODE_DIRECT, signature: Uint8Array.from([...s.r(32), ...s.s(32)]) };
}

function bits(...on: boolean[]): CompactBitArray {
  const elems = new Uint8Array(Math.ceil(on.length / 8));
  on.forEach((b, i) => {
    if (b) elems[i >> 3] = (elems[i >> 3] as number) | (1 << (7 - (i % 8)));
  });
  return { elems, extraBitsStored: on.length % 8 };
}

const ctx: VerifyContext = {
  handlers: new SignModeHandlerMap(new Map([[SignMode.SIGN_MODE_DIRECT, () => SIGN_BYTES]])),
  verifier: new SignatureVerifier(nobleSecp256k1()),
  cachePolicy: "off",
};
const signBytes = (): Uint8Array => SIGN_BYTES;

describe("LegacyAminoPubKey.VerifyMultisignature", () => {
  it("verifies a nested multisig: 2-of-2 over [1-of-2 over [k1, k2], k3]", async () => {
    const [k1, k2, k3] = await Promise.all([key(1), key(2), key(3)]);
    const inner = createMultisigThresholdPubkey([k1, k2].map((k) => encodeSecp256k1Pubkey((k as { pub: Uint8Array }).pub)), 1, true);
    const outer: MultisigThresholdPubkey = createMultisigThresholdPubkey([inner as never, encodeSecp256k1Pubkey((k3 as { pub: Uint8Array }).pub)], 2, true);
    const pk = pubKeyFromAny(encodePubkey(outer)) as MultisigPubKey;

    const innerSig: MultiSignatureData = { kind: "multi", bitarray: bits(false, true), signatures: [await sign((k2 as { priv: Uint8Array }).priv)] };
    const good: MultiSignatureData = { kind: "multi", bitarray: bits(true, true), signatures: [innerSig, await sign((k3 as { priv: Uint8Array }).priv)] };
    expect(() => verifyMultisignature(pk, good, signBytes, ctx)).not.toThrow();

    const wrongKey: MultiSignatureData = { ...good, signatures: [innerSig, await sign((k1 as { priv: Uint8Array }).priv)] };
    expect(() => verifyMultisignature(pk, wrongKey, signBytes, ctx)).toThrow("unable to verify signature at index 1");
    expect(() => verifyMultisignature(pk, { ...good, bitarray: bits(true, true, false) }, signBytes, ctx)).toThrow("bit array size is incorrect, expecting: 2");
    expect(() => verifyMultisignature(pk, { ...good, bitarray: bits(true, false), signatures: [innerSig] }, signBytes, ctx)).toThrow("signature size is incorrect 1");
    expect(() => verifyMultisignature(pk, { ...good, bitarray: bits(false, true) }, signBytes, ctx)).toThrow("not enough signatures set, have 1, expected 2");
    // A single signature where the key is a multisig.
    const flat: MultiSignatureData = { ...good, signatures: [await sign((k2 as { priv: Uint8Array }).priv), good.signatures[1] as SignatureData] };
    expect(() => verifyMultisignature(pk, flat, signBytes, ctx)).toThrow("unable to verify signature at index 0");
  });
});
