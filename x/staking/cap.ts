/**
 * plumed's decentralization cap (CAP.md): the arithmetic, kept apart from the keeper so that it can
 * be read and tested on its own. All comparisons are exact integer arithmetic on token amounts and
 * the cap's 18-decimal atomics; no rounded Dec result ever decides a refusal.
 */
import { Dec } from "../../app/math";
import { Params as CapParams } from "../../proto/plume/staking/v1/cap";
import { ErrInvalidCapParams } from "./errors";

export { CapParams };

const ONE = 10n ** 18n;

/** 0.20: no bonded validator may be lifted above a fifth of the bonded tokens by new stake. */
export const DEFAULT_MAX_VALIDATOR_POWER_SHARE = Dec.withPrec(20n, 2);

export function defaultCapParams(): CapParams {
  return { maxValidatorPowerShare: DEFAULT_MAX_VALIDATOR_POWER_SHARE.toProto() };
}

export function capOf(p: CapParams): Dec {
  return p.maxValidatorPowerShare === "" ? Dec.zero() : Dec.fromProto(p.maxValidatorPowerShare);
}

export function validateCapParams(p: CapParams): void {
  if (p.maxValidatorPowerShare === "") throw ErrInvalidCapParams.wrap("max_validator_power_share must be set (0 turns the cap off)");
  const cap = Dec.fromProto(p.maxValidatorPowerShare);
  if (cap.isNegative()) throw ErrInvalidCapParams.wrap(`max_validator_power_share cannot be negative: ${cap.toString()}`);
  if (cap.gt(Dec.one())) throw ErrInvalidCapParams.wrap(`max_validator_power_share cannot be greater than 1: ${cap.toString()}`);
}

/** Whether the cap can ever refuse anything: 0 < cap < 1. */
export function capEnabled(cap: Dec): boolean {
  return cap.isPositive() && cap.lt(Dec.one());
}

/**
 * ceil(1 / cap): the number of bonded validators from which the cap binds. With fewer, the bonded
 * tokens cannot all sit at or below the cap (n * cap < 1), so it stays off. 0 when the cap is off.
 */
export function minValidatorsForCap(cap: Dec): bigint {
  if (!capEnabled(cap)) return 0n;
  const a = cap.toAtomics();
  return (ONE + a - 1n) / a;
}

/**
 * Whether `validatorTokens + amount` over `totalBefore + amount` exceeds the cap, where
 * `totalBefore` is the bonded total without the incoming amount.
 */
export function exceedsCap(cap: Dec, validatorTokens: bigint, totalBefore: bigint, amount: bigint): boolean {
  return (validatorTokens + amount) * ONE > cap.toAtomics() * (totalBefore + amount);
}

/**
 * The most tokens a bonded validator can still receive: from outside the bonded set (a delegation,
 * a cancelled unbonding, a redelegation from a validator that is not bonded) the total grows with
 * the amount, floor((cap*T - t) / (1 - cap)); from another bonded validator the total stays T,
 * floor(cap*T - t). Never negative. `total` is the bonded total before the amount arrives (for a
 * move within the bonded set: including it).
 */
export function capHeadroom(cap: Dec, validatorTokens: bigint, total: bigint, withinBondedSet: boolean): bigint {
  const a = cap.toAtomics();
  const room = a * total - validatorTokens * ONE;
  if (room <= 0n) return 0n;
  return withinBondedSet ? room / ONE : room / (ONE - a);
}

/** A share as a percentage for messages, rounded up to 2 decimals ("23.1", "20.01"). */
export function formatPercentUp(numerator: bigint, denominator: bigint): string {
  if (denominator <= 0n) return "0";
  const basisPoints = (numerator * 10000n + denominator - 1n) / denominator;
  return trimPercent(basisPoints, 2);
}

/** The cap as a percentage ("20", "12.5"). */
export function formatCapPercent(cap: Dec): string {
  return trimPercent(cap.toAtomics(), 16);
}

function trimPercent(scaled: bigint, decimals: number): string {
  const unit = 10n ** BigInt(decimals);
  const whole = scaled / unit;
  const frac = (scaled % unit).toString().padStart(decimals, "0").replace(/0+$/, "");
  return frac.length > 0 ? `${whole}.${frac}` : whole.toString();
}
