/**
 * x/staking params (SDK v0.50 x/staking/types/params.go): defaults, validation with the SDK's
 * messages, and the proto3 JSON form used in genesis.
 */
import { Params } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { AppError, ErrInternal } from "../../app/errors";
import { asObject, asString, asUint, JsonError } from "../../app/json-read";
import { Dec, isValidDenom } from "../../app/math";
import type { JsonValue } from "../../app/module";
import { durationToNanos, formatJsonDuration, parseJsonDuration } from "./time";

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

/** Proto3 JSON (genesis): Duration as "1814400s", uint32 as numbers, Dec as "0.000000000000000000". */
export function stakingParamsToJson(p: Params): JsonValue {
  return {
    unbonding_time: formatJsonDuration(p.unbondingTime),
    max_validators: p.maxValidators,
    max_entries: p.maxEntries,
    historical_entries: p.historicalEntries,
    bond_denom: p.bondDenom,
    min_commission_rate: Dec.fromProto(p.minCommissionRate).toString(),
  };
}

export function stakingParamsFromJson(json: JsonValue | undefined, path: string): Params {
  const o = asObject(json, path);
  const uint32 = (key: string): number => {
    const v = asUint(o[key], `${path}.${key}`);
    if (v > 0xffffffffn) throw new JsonError(`${path}.${key}`, "out of range for uint32");
    return Number(v);
  };
  let unbondingTime;
  try {
    unbondingTime = parseJsonDuration(asString(o["unbonding_time"], `${path}.unbonding_time`));
  } catch (err) {
    throw new JsonError(`${path}.unbonding_time`, (err as Error).message);
  }
  let minCommissionRate: Dec;
  try {
    minCommissionRate = Dec.fromString(asString(o["min_commission_rate"], `${path}.min_commission_rate`));
  } catch (err) {
    throw new JsonError(`${path}.min_commission_rate`, (err as Error).message);
  }
  return Params.fromPartial({
    unbondingTime,
    maxValidators: uint32("max_validators"),
    maxEntries: uint32("max_entries"),
    historicalEntries: uint32("historical_entries"),
    bondDenom: asString(o["bond_denom"], `${path}.bond_denom`),
    minCommissionRate: minCommissionRate.toProto(),
  });
}
