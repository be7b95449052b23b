/**
 * Pure validator and delegation rules (x/staking/types/{validator,commission,delegation}.go in SDK
 * v0.50), on the proto types the store holds. Amounts are Int, shares Dec (18 decimals); every
 * rounding step is the SDK's: Quo rounds half-to-even, QuoTruncate/TruncateInt truncate, QuoInt
 * truncates, QuoRoundUp rounds up.
 */
import type { Any } from "cosmjs-types/google/protobuf/any";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import {
  BondStatus,
  Validator,
  type Commission,
  type CommissionRates,
  type Description,
  type RedelegationEntry,
  type UnbondingDelegationEntry,
} from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { timestampToNanos } from "../../app/context";
import { ErrInvalidRequest } from "../../app/errors";
import { Dec, Int, sdkPanic } from "../../app/math";
import {
  ErrCommissionChangeRateGTMaxRate,
  ErrCommissionChangeRateNegative,
  ErrCommissionGTMaxChangeRate,
  ErrCommissionGTMaxRate,
  ErrCommissionHuge,
  ErrCommissionNegative,
  ErrCommissionUpdateTime,
  ErrInsufficientShares,
} from "./errors";
import { POWER_REDUCTION } from "./params";
import { UNIX_EPOCH } from "./time";

export { BondStatus };

export const tokensOf = (v: Validator): Int => Int.fromProto(v.tokens);
export const delegatorSharesOf = (v: Validator): Dec => Dec.fromProto(v.delegatorShares);
export const minSelfDelegationOf = (v: Validator): Int => Int.fromProto(v.minSelfDelegation);

export const isBonded = (v: Validator): boolean => v.status === BondStatus.BOND_STATUS_BONDED;
export const isUnbonding = (v: Validator): boolean => v.status === BondStatus.BOND_STATUS_UNBONDING;
export const isUnbonded = (v: Validator): boolean => v.status === BondStatus.BOND_STATUS_UNBONDED;

/** BondStatus.String(), as queries filter by and events print it. */
export function bondStatusName(status: BondStatus): string {
  switch (status) {
    case BondStatus.BOND_STATUS_UNBONDED:
      return "BOND_STATUS_UNBONDED";
    case BondStatus.BOND_STATUS_UNBONDING:
      return "BOND_STATUS_UNBONDING";
    case BondStatus.BOND_STATUS_BONDED:
      return "BOND_STATUS_BONDED";
    default:
      return "BOND_STATUS_UNSPECIFIED";
  }
}

/** NewValidator: Unbonded, no tokens or shares, zero commission, min self delegation 1. */
export function newValidator(operator: string, consensusPubkey: Any, description: Description): Validator {
  return Validator.fromPartial({
    operatorAddress: operator,
    consensusPubkey,
    jailed: false,
    status: BondStatus.BOND_STATUS_UNBONDED,
    tokens: "0",
    delegatorShares: Dec.zero().toProto(),
    description,
    unbondingHeight: 0n,
    unbondingTime: UNIX_EPOCH,
    commission: { commissionRates: { rate: "0", maxRate: "0", maxChangeRate: "0" }, updateTime: UNIX_EPOCH },
    minSelfDelegation: "1",
    unbondingOnHoldRefCount: 0n,
    unbondingIds: [],
  });
}

/** The exchange rate is broken: shares exist but every token was slashed away (ErrDelegatorShareExRateInvalid). */
export function invalidExRate(v: Validator): boolean {
  return tokensOf(v).isZero() && delegatorSharesOf(v).isPositive();
}

/** shares * tokens / delegatorShares, rounded half-to-even. */
export function tokensFromShares(v: Validator, shares: Dec): Dec {
  return shares.mulInt(tokensOf(v)).quo(delegatorSharesOf(v));
}

export function tokensFromSharesTruncated(v: Validator, shares: Dec): Dec {
  return shares.mulInt(tokensOf(v)).quoTruncate(delegatorSharesOf(v));
}

export function tokensFromSharesRoundUp(v: Validator, shares: Dec): Dec {
  return shares.mulInt(tokensOf(v)).quoRoundUp(delegatorSharesOf(v));
}

/** delegatorShares * amount / tokens, the division an integer one (QuoInt, truncating). */
export function sharesFromTokens(v: Validator, amount: Int): Dec {
  const tokens = tokensOf(v);
  if (tokens.isZero()) throw ErrInsufficientShares.wrap();
  return delegatorSharesOf(v).mulInt(amount).quoInt(tokens);
}

export function sharesFromTokensTruncated(v: Validator, amount: Int): Dec {
  const tokens = tokensOf(v);
  if (tokens.isZero()) throw ErrInsufficientShares.wrap();
  return delegatorSharesOf(v).mulInt(amount).quoTruncate(Dec.fromInt(tokens));
}

/** AddTokensFromDel: the first delegation sets the rate to 1:1. */
export function addTokensFromDel(v: Validator, amount: Int): [Validator, Dec] {
  const shares = delegatorSharesOf(v);
  const issued = shares.isZero() ? Dec.fromInt(amount) : sharesFromTokens(v, amount);
  return [{ ...v, tokens: tokensOf(v).add(amount).toProto(), delegatorShares: shares.add(issued).toProto() }, issued];
}

export function removeTokens(v: Validator, amount: Int): Validator {
  const tokens = tokensOf(v);
  if (amount.isNegative()) throw sdkPanic(`should not happen: trying to remove negative tokens ${amount.toString()}`);
  if (tokens.lt(amount)) throw sdkPanic(`should not happen: only have ${tokens.toString()} tokens, trying to remove ${amount.toString()}`);
  return { ...v, tokens: tokens.sub(amount).toProto() };
}

/**
 * RemoveDelShares: the last shares take every remaining token (trimmings included); otherwise the
 * truncated token value, leaving the fractions in the validator.
 */
export function removeDelShares(v: Validator, delShares: Dec): [Validator, Int] {
  const remaining = delegatorSharesOf(v).sub(delShares);
  const tokens = tokensOf(v);
  let issued: Int;
  let left: Int;
  if (remaining.isZero()) {
    issued = tokens;
    left = Int.zero();
  } else {
    issued = tokensFromShares(v, delShares).truncateInt();
    left = tokens.sub(issued);
    if (left.isNegative()) throw sdkPanic("attempting to remove more tokens than available in validator");
  }
  return [{ ...v, tokens: left.toProto(), delegatorShares: remaining.toProto() }, issued];
}

/** sdk.TokensToConsensusPower: tokens / 10^6, which must fit an int64. */
export function tokensToConsensusPower(tokens: Int): bigint {
  const power = tokens.quo(POWER_REDUCTION).toBigInt();
  if (power > 0x7fffffffffffffffn || power < -0x8000000000000000n) throw sdkPanic("Int64() out of bound");
  return power;
}

export function tokensFromConsensusPower(power: bigint): Int {
  return Int.from(power * POWER_REDUCTION);
}

export function potentialConsensusPower(v: Validator): bigint {
  return tokensToConsensusPower(tokensOf(v));
}

/** Zero unless Bonded. */
export function consensusPower(v: Validator): bigint {
  return isBonded(v) ? potentialConsensusPower(v) : 0n;
}

export function bondedTokens(v: Validator): Int {
  return isBonded(v) ? tokensOf(v) : Int.zero();
}

// --- commission -----------------------------------------------------------------------------

/** CommissionRates.Validate (initial commission of MsgCreateValidator), in the SDK's order. */
export function validateCommissionRates(r: CommissionRates): void {
  const rate = Dec.fromProto(r.rate);
  const maxRate = Dec.fromProto(r.maxRate);
  const maxChangeRate = Dec.fromProto(r.maxChangeRate);
  if (maxRate.isNegative()) throw ErrCommissionNegative.wrap();
  if (maxRate.gt(Dec.one())) throw ErrCommissionHuge.wrap();
  if (rate.isNegative()) throw ErrCommissionNegative.wrap();
  if (rate.gt(maxRate)) throw ErrCommissionGTMaxRate.wrap();
  if (maxChangeRate.isNegative()) throw ErrCommissionChangeRateNegative.wrap();
  if (maxChangeRate.gt(maxRate)) throw ErrCommissionChangeRateGTMaxRate.wrap();
}

const DAY_NANOS = 24n * 3600n * 1_000_000_000n;
const GO_DURATION_MAX = 0x7fffffffffffffffn;
const GO_DURATION_MIN = -0x8000000000000000n;

/**
 * Commission.ValidateNewRate: at most one change per 24h (blockTime - updateTime, saturating like
 * Go's Time.Sub), within [0, max_rate], and an increase of at most max_change_rate (decreases are
 * not limited, as in the SDK).
 */
export function validateNewCommissionRate(c: Commission, newRate: Dec, blockTime: Timestamp): void {
  let elapsed = timestampToNanos(blockTime) - timestampToNanos(c.updateTime);
  if (elapsed > GO_DURATION_MAX) elapsed = GO_DURATION_MAX;
  if (elapsed < GO_DURATION_MIN) elapsed = GO_DURATION_MIN;
  if (elapsed < DAY_NANOS) throw ErrCommissionUpdateTime.wrap();
  if (newRate.isNegative()) throw ErrCommissionNegative.wrap();
  if (newRate.gt(Dec.fromProto(c.commissionRates.maxRate))) throw ErrCommissionGTMaxRate.wrap();
  if (newRate.sub(Dec.fromProto(c.commissionRates.rate)).gt(Dec.fromProto(c.commissionRates.maxChangeRate))) {
    throw ErrCommissionGTMaxChangeRate.wrap();
  }
}

/**
 * Commission.String(): gogoproto's compact text form, which the SDK puts in the edit_validator
 * event's commission_rate attribute (verified against a Go node's output, see the tests).
 */
export function commissionText(c: Commission): string {
  const r = c.commissionRates;
  const t = c.updateTime;
  const time = `${t.seconds !== 0n ? `seconds:${t.seconds} ` : ""}${t.nanos !== 0 ? `nanos:${t.nanos} ` : ""}`;
  return `commission_rates:<rate:${JSON.stringify(r.rate)} max_rate:${JSON.stringify(r.maxRate)} max_change_rate:${JSON.stringify(r.maxChangeRate)} > update_time:<${time}> `;
}

// --- description ------------------------------------------------------------------------------

export const DO_NOT_MODIFY_DESC = "[do-not-modify]";
const DESCRIPTION_LIMITS: readonly [keyof Description, string, number][] = [
  ["moniker", "moniker", 70],
  ["identity", "identity", 3000],
  ["website", "website", 140],
  ["securityContact", "security contact", 140],
  ["details", "details", 280],
];

/** Description.EnsureLength: lengths in UTF-8 bytes, as Go's len(). */
export function ensureDescriptionLength(d: Description): Description {
  for (const [field, name, max] of DESCRIPTION_LIMITS) {
    const length = Buffer.byteLength(d[field], "utf8");
    if (length > max) throw ErrInvalidRequest.wrap(`invalid ${name} length; got: ${length}, max: ${max}`);
  }
  return d;
}

/** Description.UpdateDescription: "[do-not-modify]" keeps the old value of a field. */
export function updateDescription(old: Description, update: Description): Description {
  const pick = (k: keyof Description): string => (update[k] === DO_NOT_MODIFY_DESC ? old[k] : update[k]);
  return ensureDescriptionLength({
    moniker: pick("moniker"),
    identity: pick("identity"),
    website: pick("website"),
    securityContact: pick("securityContact"),
    details: pick("details"),
  });
}

export function isEmptyDescription(d: Description | undefined): boolean {
  return d === undefined || (d.moniker === "" && d.identity === "" && d.website === "" && d.securityContact === "" && d.details === "");
}

// --- entries -----------------------------------------------------------------------------------

/** An entry is mature once its completion time is not after the block time. */
export function isMature(entry: UnbondingDelegationEntry | RedelegationEntry, now: Timestamp): boolean {
  return timestampToNanos(entry.completionTime) <= timestampToNanos(now);
}

export function isOnHold(entry: UnbondingDelegationEntry | RedelegationEntry): boolean {
  return entry.unbondingOnHoldRefCount > 0n;
}
