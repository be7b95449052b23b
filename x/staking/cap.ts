/**
 * plumed's decentralization cap (docs/decentralization-cap.md): the rule itself, kept apart from the
 * keeper so that it can be read and tested on its own. The keeper's cap section applies it to every
 * way stake reaches a validator (`StakingKeeper.checkIncomingStake`, `checkCapOnReentry`) and
 * val-state-change.ts to the set EndBlock forms (`chooseBondedSet`). All comparisons are exact
 * integer arithmetic on token amounts and the cap's 18-decimal atomics; no rounded Dec result ever
 * decides a refusal.
 *
 * The share a validator is measured by is always the same: its tokens over the bonded tokens of
 * the set it is (or would be) in, itself included. For a bonded validator that is the bonded total;
 * for one outside the set it is the bonded total plus its own tokens, as if it entered without
 * displacing anyone (EndBlock checks the set it really enters).
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

/** Whether the cap binds with `bondedValidators` in the set: 0 < cap < 1 and N >= ceil(1/cap). */
export function capBinds(cap: Dec, bondedValidators: bigint): boolean {
  return capEnabled(cap) && bondedValidators >= minValidatorsForCap(cap);
}

/** tokens > cap * total, exactly. */
export function aboveCap(cap: Dec, tokens: bigint, total: bigint): boolean {
  return tokens * ONE > cap.toAtomics() * total;
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

/** Stake arriving at one validator, as the keeper sees it before any token moves. */
export interface IncomingStakeCase {
  /** The validator's tokens before the operation. */
  readonly validatorTokens: bigint;
  /** Whether the validator is in the bonded set (status Bonded). */
  readonly validatorBonded: boolean;
  /** The bonded tokens before the operation (the bonded pool's balance). */
  readonly bondedTotal: bigint;
  /** The tokens the operation adds to the validator. */
  readonly amount: bigint;
  /** Whether they come from another bonded validator (a redelegation from a bonded source). */
  readonly fromBondedSet: boolean;
}

export interface IncomingStakeVerdict {
  readonly exceeds: boolean;
  /** The validator's tokens and the total it is measured against, after the operation. */
  readonly tokensAfter: bigint;
  readonly totalAfter: bigint;
  /** The largest amount the same kind of operation could bring (never negative). */
  readonly headroom: bigint;
}

/**
 * THE rule for new stake: refused iff afterwards the validator would hold more than `cap` of the
 * bonded tokens of the set it is in, or would be in once bonded. With D the total it is measured
 * against before the operation (T if it is bonded, T + t if not): stake from outside the bonded set
 * adds X to both sides, (t + X) / (D + X); stake moved from another bonded validator leaves the
 * total where it was, (t + X) / D.
 */
export function judgeIncomingStake(cap: Dec, c: IncomingStakeCase): IncomingStakeVerdict {
  const base = c.validatorBonded ? c.bondedTotal : c.bondedTotal + c.validatorTokens;
  const tokensAfter = c.validatorTokens + c.amount;
  const totalAfter = c.fromBondedSet ? base : base + c.amount;
  return {
    exceeds: aboveCap(cap, tokensAfter, totalAfter),
    tokensAfter,
    totalAfter,
    headroom: capHeadroom(cap, c.validatorTokens, base, c.fromBondedSet),
  };
}

/**
 * The most tokens a validator outside the set may hold and still enter it: t <= cap * (O + t), i.e.
 * floor(cap * O / (1 - cap)), where O is the bonded tokens of the others.
 */
export function maxTokensToEnter(cap: Dec, othersBonded: bigint): bigint {
  return capHeadroom(cap, 0n, othersBonded, false);
}

/** A validator of the power index as EndBlock's set selection sees it. */
export interface SetCandidate {
  readonly tokens: bigint;
  /** Already in the bonded set (status Bonded): never kept out by the cap. */
  readonly bonded: boolean;
}

/**
 * EndBlock's bonded set under the cap. `candidate(i)` is the i-th validator of the power index
 * (highest first), or undefined past the last one with positive power; it is read lazily, so only
 * what the SDK's walk reads (plus one more when an entrant is refused) is loaded.
 *
 * Without the cap binding this is the SDK's set: the first `maxValidators` candidates. While it
 * binds, an entrant (a candidate not bonded now) whose tokens exceed `cap` of the set's bonded
 * tokens is kept out and the set formed again without it, the largest such entrant first, until
 * none exceeds. Validators already bonded are never kept out (existing stake is never forced out).
 * The cap never keeps an entrant out if the set formed without it would have fewer than ceil(1/cap)
 * validators: below that the cap stops binding at the next block anyway (the young-network rule),
 * and it must never shrink or empty the set (liveness comes first).
 *
 * Returns the chosen candidates' indices in power order and the kept-out entrants' indices.
 * Cost: O(maxValidators) per entrant kept out, in memory after the first pass.
 */
export function chooseBondedSet(
  candidate: (i: number) => SetCandidate | undefined,
  maxValidators: number,
  cap: Dec,
  binding: boolean,
): { readonly chosen: readonly number[]; readonly keptOut: readonly number[] } {
  const keptOut: number[] = [];
  for (;;) {
    const chosen: number[] = [];
    let total = 0n;
    let next = 0;
    for (; chosen.length < maxValidators; next++) {
      const c = candidate(next);
      if (c === undefined) break;
      if (keptOut.includes(next)) continue;
      chosen.push(next);
      total += c.tokens;
    }
    if (!binding) return { chosen, keptOut };
    const offender = chosen.find((i) => {
      const c = candidate(i) as SetCandidate;
      return !c.bonded && aboveCap(cap, c.tokens, total);
    });
    if (offender === undefined) return { chosen, keptOut };
    // Kept-out indices all lie before `next`, so `next` is the replacement, if there is one.
    const replacement = chosen.length === maxValidators && candidate(next) !== undefined;
    const sizeWithout = BigInt(chosen.length - 1 + (replacement ? 1 : 0));
    if (sizeWithout < minValidatorsForCap(cap)) return { chosen, keptOut };
    keptOut.push(offender);
  }
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
