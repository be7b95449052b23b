/**
 * x/distribution params (SDK v0.50 x/distribution/types/params.go): defaults and ValidateBasic with
 * the SDK's texts. base_proposer_reward and bonus_proposer_reward are deprecated, always zero and
 * unused; MsgUpdateParams refuses to set them.
 */
import type { Params } from "cosmjs-types/cosmos/distribution/v1beta1/distribution";
import { AppError, ErrInternal } from "../../app/errors";
import { Dec } from "../../app/math";

export type { Params };

export function defaultDistributionParams(): Params {
  return {
    communityTax: Dec.withPrec(2n, 2).toProto(),
    baseProposerReward: Dec.zero().toProto(),
    bonusProposerReward: Dec.zero().toProto(),
    withdrawAddrEnabled: true,
  };
}

/** A LegacyDec proto string (atomics); gogoproto's nil Dec reads as zero. */
export function decOf(s: string): Dec {
  return s === "" ? Dec.zero() : Dec.fromProto(s);
}

/** An error the SDK raises with fmt.Errorf: code 1, codespace "undefined". */
export function plainError(message: string): AppError {
  return new AppError(ErrInternal.codespace, ErrInternal.code, message);
}

/** Params.ValidateBasic: the community tax is in [0, 1]. */
export function validateDistributionParams(p: Params): void {
  if (p.communityTax === "") throw plainError("community tax must be not nil");
  const tax = decOf(p.communityTax);
  if (tax.isNegative()) throw plainError(`community tax must be positive: ${tax.toString()}`);
  if (tax.gt(Dec.one())) throw plainError(`community tax too large: ${tax.toString()}`);
}
