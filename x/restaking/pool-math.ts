/**
 * The pool's exchange-rate maths (docs/restaking.md, "The maths and its rounding"), pure and exact:
 * each result is computed on LegacyDec atomics with one truncation (or one rounding up), always in
 * the pool's favour, so that no join or partial exit can take more than its fraction and the
 * dust stays with the remaining members. The last member out takes everything.
 */
import type { Validator } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { Coin, Coins, Dec, Int } from "../../app/math";

/** x/staking's TokensFromShares: shares * tokens / delegator_shares (LegacyDec, rounded as the SDK). */
export function tokensFromShares(v: Validator, shares: Dec): Dec {
  const delegatorShares = Dec.fromProto(v.delegatorShares);
  if (delegatorShares.isZero()) return Dec.zero();
  return shares.mulInt(Int.fromProto(v.tokens)).quo(delegatorShares);
}

/** x/staking's SharesFromTokens: delegator_shares * amount / tokens (the division an integer one, truncating); zero tokens: zero. */
export function sharesFromTokens(v: Validator, amount: Int): Dec {
  const tokens = Int.fromProto(v.tokens);
  if (tokens.isZero()) return Dec.zero();
  return Dec.fromProto(v.delegatorShares).mulInt(amount).quoInt(tokens);
}

/** floor(a * b / c) on atomics: a Dec, truncated once. */
function mulDivTruncate(a: Dec, b: Dec, c: Dec): Dec {
  return Dec.fromAtomics((a.toAtomics() * b.toAtomics()) / c.toAtomics());
}

/** ceil(a * b / c) on atomics (a, b, c positive). */
function mulDivRoundUp(a: Dec, b: Dec, c: Dec): Dec {
  const n = a.toAtomics() * b.toAtomics();
  const d = c.toAtomics();
  return Dec.fromAtomics((n + d - 1n) / d);
}

/**
 * Units for joining with `shares` worth `value` tokens, into a pool of `totalUnits` worth
 * `poolValue` tokens: `shares` for the first member of an empty pool, else
 * floor(value * totalUnits / poolValue). Undefined when the pool has units but no value (a
 * worthless pool: units would cost nothing).
 */
export function unitsForJoin(shares: Dec, value: Dec, totalUnits: Dec, poolValue: Dec): Dec | undefined {
  if (totalUnits.isZero()) return shares;
  if (!poolValue.isPositive()) return undefined;
  return mulDivTruncate(value, totalUnits, poolValue);
}

/** The pool shares `units` stand for on leaving: floor(poolShares * units / totalUnits); all of them for the last member. */
export function sharesForUnits(units: Dec, totalUnits: Dec, poolShares: Dec): Dec {
  if (units.equal(totalUnits)) return poolShares;
  if (totalUnits.isZero()) return Dec.zero();
  return mulDivTruncate(poolShares, units, totalUnits);
}

/** A member's part of the pool's idle coins: floor(amount * units / totalUnits) per denom; all for the last member. */
export function idleForUnits(units: Dec, totalUnits: Dec, idle: Coins): Coins {
  if (units.equal(totalUnits)) return idle;
  if (totalUnits.isZero()) return Coins.empty();
  const out: Coin[] = [];
  for (const c of idle) {
    const amount = (c.amount.toBigInt() * units.toAtomics()) / totalUnits.toAtomics();
    if (amount > 0n) out.push(Coin.of(c.denom, amount));
  }
  return Coins.of(...out);
}

/**
 * Units to burn for taking `shares` out of the pool (a partial exit, withdrawFromPool):
 * ceil(shares * totalUnits / poolShares), rounded up (in the pool's favour); all the units when
 * all the shares go.
 */
export function unitsForShares(shares: Dec, totalUnits: Dec, poolShares: Dec): Dec {
  if (shares.equal(poolShares)) return totalUnits;
  return mulDivRoundUp(shares, totalUnits, poolShares);
}

/** How much of `available` bond-denom tokens compounding may delegate: all, or the cap's headroom. */
export function compoundable(available: Int, headroom: bigint | undefined): { readonly amount: Int; readonly heldBack: Int } {
  if (headroom === undefined || headroom >= available.toBigInt()) return { amount: available, heldBack: Int.zero() };
  const amount = Int.from(headroom < 0n ? 0n : headroom);
  return { amount, heldBack: available.sub(amount) };
}
