/**
 * x/staking params (SDK v0.50 x/staking/types/params.go): defaults and validation with the SDK's
 * messages (their JSON is the SDK JSON codec's, app/json).
 */
import { Params } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { AppError, ErrInternal } from "../../app/errors";
import { Dec, isValidDenom } from "../../app/math";
import { durationToNanos } from "./time";

export { Params };

/** 21 days, as the SDK's DefaultUnbondingTime. */
export const DEFAULT_UNBONDING_TIME_SECONDS = 60n * 60n * 24n * 7n * 3n;
export const DEFAULT_MAX_VALIDATORS = 100;
export const DEFAULT_MAX_ENTRIES = 7;
export const DEFAULT_HISTORICAL_ENTRIES = 10000;
/** sdk.DefaultBondDenom; plumed's genesis uses the chain's denom instead (module.ts). */
export const SDK_DEFAULT_BOND_DENOM = "stake";

/** sdk.DefaultPowerReduction: 10^6 tokens are one unit of consensus power. */
export const POWER_REDUCTION = 1_000_000n;

export function defaultStakingParams(bondDenom: string = SDK_DEFAULT_BOND_DENOM): Params {
  return Params.fromPartial({
    unbondingTime: { seconds: DEFAULT_UNBONDING_TIME_SECONDS, nanos: 0 },
    maxValidators: DEFAULT_MAX_VALIDATORS,
    maxEntries: DEFAULT_MAX_ENTRIES,
    historicalEntries: DEFAULT_HISTORICAL_ENTRIES,
    bondDenom,
    minCommissionRate: Dec.zero().toProto(),
  });
}

/**
 * An error the SDK raises with fmt.Errorf (no registered code): ABCI code 1, codespace
 * "undefined", the text as the log.
 */
export function plainError(message: string): AppError {
  return new AppError(ErrInternal.codespace, ErrInternal.code, message);
}

/** Params.Validate, in the SDK's order and with its texts. */
export function validateStakingParams(p: Params): void {
  const unbonding = durationToNanos(p.unbondingTime);
  if (unbonding <= 0n) throw plainError(`unbonding time must be positive: ${unbonding}`);
  if (p.maxValidators === 0) throw plainError(`max validators must be positive: ${p.maxValidators}`);
  if (p.maxEntries === 0) throw plainError(`max entries must be positive: ${p.maxEntries}`);
  if (p.bondDenom.trim() === "") throw plainError("bond denom cannot be blank");
  if (!isValidDenom(p.bondDenom)) throw plainError(`invalid denom: ${p.bondDenom}`);
  if (p.minCommissionRate === "") throw plainError("minimum commission rate cannot be nil: <nil>");
  const rate = Dec.fromProto(p.minCommissionRate);
  if (rate.isNegative()) throw plainError(`minimum commission rate cannot be negative: ${rate.toString()}`);
  if (rate.gt(Dec.one())) throw plainError(`minimum commission rate cannot be greater than 100%: ${rate.toString()}`);
}
