/**
 * Signatures as the ante handler sees them (types/tx/signing: SignatureV2, SignatureData), built
 * from a signer info's ModeInfo and the tx's signature bytes as x/auth/tx does
 * (ModeInfoAndSigToSignatureData, decodeMultisignatures).
 */
import type { CompactBitArray } from "cosmjs-types/cosmos/crypto/multisig/v1beta1/multisig";
import { MultiSignature } from "cosmjs-types/cosmos/crypto/multisig/v1beta1/multisig";
import { SignMode } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import type { PubKey } from "../crypto/keys";
import { sdkPanic } from "../math/go-compat";
import { decodeMultiSignature, type ModeInfoData } from "./decode";

export { SignMode };

export interface SingleSignatureData {
  readonly kind: "single";
  readonly mode: number;
  readonly signature: Uint8Array;
}

export interface MultiSignatureData {
  readonly kind: "multi";
  readonly bitarray: CompactBitArray | undefined;
  readonly signatures: readonly SignatureData[];
}

export type SignatureData = SingleSignatureData | MultiSignatureData;

export interface SignatureV2 {
  readonly pubKey: PubKey | undefined;
  /** Undefined when the signer info has no mode info (a tx built for simulation). */
  readonly data: SignatureData | undefined;
  readonly sequence: bigint;
}

const SIGN_MODE_NAMES: Readonly<Record<number, string>> = {
  0: "SIGN_MODE_UNSPECIFIED",
  1: "SIGN_MODE_DIRECT",
  2: "SIGN_MODE_TEXTUAL",
  3: "SIGN_MODE_DIRECT_AUX",
  127: "SIGN_MODE_LEGACY_AMINO_JSON",
  191: "SIGN_MODE_EIP_191",
};

/** The enum's name as Go's String() prints it (the number for unknown values). */
export function signModeName(mode: number): string {
  return SIGN_MODE_NAMES[mode] ?? String(mode);
}

/** ModeInfoAndSigToSignatureData. Go panics on a ModeInfo without a sum and on a short signature list. */
export function modeInfoToSignatureData(modeInfo: ModeInfoData, signature: Uint8Array): SignatureData {
  const sum = modeInfo.sum;
  if (sum === undefined) throw sdkPanic("unexpected ModeInfo data type <nil>");
  if ("single" in sum) return { kind: "single", mode: sum.single.mode, signature };
  const sigs = decodeMultiSignature(signature);
  const signatures = sum.multi.modeInfos.map((mi, i) => {
    const sig = sigs[i];
    if (sig === undefined) throw sdkPanic(`runtime error: index out of range [${i}] with length ${sigs.length}`);
    return modeInfoToSignatureData(mi, sig);
  });
  return { kind: "multi", bitarray: sum.multi.bitarray, signatures };
}

/**
 * The raw signatures of a SignatureData for the `tx.signature` events (signatureDataToBz): a single
 * signature as is; for a multisig, every nested signature followed by their MultiSignature encoding.
 */
export function signatureDataToBytes(data: SignatureData | undefined): Uint8Array[] {
  if (data === undefined) throw new Error("got empty SignatureData");
  if (data.kind === "single") return [data.signature];
  const sigs: Uint8Array[] = [];
  for (const d of data.signatures) sigs.push(...signatureDataToBytes(d));
  sigs.push(MultiSignature.encode(MultiSignature.fromPartial({ signatures: sigs })).finish());
  return sigs;
}

/** OnlyLegacyAminoSigners: every (nested) signature uses LEGACY_AMINO_JSON. */
export function onlyLegacyAminoSigners(data: SignatureData | undefined): boolean {
  if (data === undefined) return false;
  if (data.kind === "single") return data.mode === SignMode.SIGN_MODE_LEGACY_AMINO_JSON;
  return data.signatures.every(onlyLegacyAminoSigners);
}

/** isIncompleteSignature: what simulation treats as "no signature yet". */
export function isIncompleteSignature(data: SignatureData | undefined): boolean {
  if (data === undefined) return true;
  if (data.kind === "single") return data.signature.length === 0;
  if (data.signatures.length === 0) return true;
  return data.signatures.some(isIncompleteSignature);
}
