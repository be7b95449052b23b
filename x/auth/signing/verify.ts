/**
 * Signature verification over any sign mode, for single and (nested) multisig signers, as
 * x/auth/signing.VerifySignature and LegacyAminoPubKey.VerifyMultisignature do. Failures throw a
 * plain Error with the SDK's text; the SigVerification decorator wraps it into sdk/4.
 */
import { bitArrayCount, bitArrayGet, bitArrayTrueBitsBefore } from "../../../app/crypto/bit-array";
import { goTypeName, type MultisigPubKey, type PubKey } from "../../../app/crypto/keys";
import type { SignatureCachePolicy, SignatureVerifier } from "../../../app/crypto/verifier";
import { sdkPanic } from "../../../app/math/go-compat";
import type { DecodedTx } from "../../../app/tx/decode";
import type { SignModeHandlerMap } from "./handler-map";
import type { MultiSignatureData, SignatureData } from "../../../app/tx/signature-data";
import type { SignerData } from "./signer-data";

export interface VerifyContext {
  readonly handlers: SignModeHandlerMap;
  readonly verifier: SignatureVerifier;
  readonly cachePolicy: SignatureCachePolicy;
}

/** PubKey.VerifySignature for a single signature over sign bytes. */
function verifySingle(pk: PubKey, signBytes: Uint8Array, signature: Uint8Array, v: VerifyContext): boolean {
  switch (pk.type) {
    case "secp256k1":
      return v.verifier.verifySecp256k1(pk.key, signBytes, signature, v.cachePolicy);
    case "ed25519":
      // Unreachable in v0.50: SigGasConsume refuses ed25519 keys (also inside multisigs) first.
      return false;
    case "multisig":
      // LegacyAminoPubKey.VerifySignature always reports false: multisigs need multisig data.
      return false;
  }
}

export function verifySignature(pk: PubKey, signer: SignerData, data: SignatureData, tx: DecodedTx, v: VerifyContext): void {
  if (data.kind === "single") {
    const signBytes = v.handlers.getSignBytes(data.mode, signer, tx);
    if (!verifySingle(pk, signBytes, data.signature, v)) throw new Error("unable to verify single signer signature");
    return;
  }
  if (pk.type !== "multisig") throw new Error(`expected <nil>, got ${goTypeName(pk)}`);
  verifyMultisignature(pk, data, (mode) => v.handlers.getSignBytes(mode, signer, tx), v);
}

/** LegacyAminoPubKey.VerifyMultisignature. */
export function verifyMultisignature(pk: MultisigPubKey, sig: MultiSignatureData, signBytes: (mode: number) => Uint8Array, v: VerifyContext): void {
  const bitarray = sig.bitarray;
  const sigs = sig.signatures;
  const size = bitArrayCount(bitarray);
  const pubKeys = pk.pubKeys;
  if (pubKeys.length !== size) throw new Error(`bit array size is incorrect, expecting: ${pubKeys.length}`);
  if (sigs.length < pk.threshold || sigs.length > size) throw new Error(`signature size is incorrect ${sigs.length}`);
  // size > 0 here, so the bit array is present.
  const set = bitArrayTrueBitsBefore(bitarray as NonNullable<typeof bitarray>, size);
  if (set < pk.threshold) throw new Error(`not enough signatures set, have ${set}, expected ${pk.threshold}`);
  let sigIndex = 0;
  for (let i = 0; i < size; i++) {
    if (!bitArrayGet(bitarray, i)) continue;
    const si = sigs[sigIndex];
    if (si === undefined) throw sdkPanic(`runtime error: index out of range [${sigIndex}] with length ${sigs.length}`);
    const sub = pubKeys[i] as PubKey;
    if (si.kind === "single") {
      const msg = signBytes(si.mode);
      if (!verifySingle(sub, msg, si.signature, v)) throw new Error(`unable to verify signature at index ${i}`);
    } else {
      if (sub.type !== "multisig") throw new Error(`unable to parse pubkey of index ${i}`);
      verifyMultisignature(sub, si, signBytes, v);
    }
    sigIndex++;
  }
}
