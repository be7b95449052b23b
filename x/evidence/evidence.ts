/**
 * Equivocation, the one kind of evidence x/evidence handles (types/evidence.go): a double sign
 * (DUPLICATE_VOTE) or light client attack that CometBFT verified and reported in FinalizeBlock's
 * misbehavior, stored by its hash once punished.
 */
import { Equivocation } from "cosmjs-types/cosmos/evidence/v1beta1/evidence";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { createHash } from "node:crypto";
import { ErrInvalidEvidence } from "./errors";

export { Equivocation };

export const EQUIVOCATION_TYPE_URL = "/cosmos.evidence.v1beta1.Equivocation";

/** Hash: tmhash (sha256) of the evidence's protobuf bytes. */
export function equivocationHash(e: Equivocation): Uint8Array {
  return new Uint8Array(createHash("sha256").update(Equivocation.encode(e).finish()).digest());
}

export function equivocationToAny(e: Equivocation): Any {
  return { typeUrl: EQUIVOCATION_TYPE_URL, value: Equivocation.encode(e).finish() };
}

/** The evidence in an Any: only Equivocation is a registered Evidence implementation. */
export function equivocationFromAny(any: Any): Equivocation {
  if (any.typeUrl !== EQUIVOCATION_TYPE_URL) throw ErrInvalidEvidence.wrap(`unknown evidence type ${any.typeUrl}`);
  return Equivocation.decode(any.value);
}

/** Equivocation.ValidateBasic, with the SDK's texts. */
export function validateEquivocation(e: Equivocation): void {
  if (e.time === undefined || e.time.seconds <= 0n) throw new Error(`invalid equivocation time: ${e.time?.seconds ?? "<nil>"}`);
  if (e.height < 1n) throw new Error(`invalid equivocation height: ${e.height}`);
  if (e.power < 1n) throw new Error(`invalid equivocation validator power: ${e.power}`);
  if (e.consensusAddress === "") throw new Error(`invalid equivocation validator consensus address: ${e.consensusAddress}`);
}
