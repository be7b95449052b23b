/**
 * x/mint params and minter (SDK v0.50 x/mint/types/{params,minter}.go): defaults, Params.Validate
 * with the SDK's texts, and the minter's maths. LegacyDec fields travel as their atomics strings
 * ("130000000000000000" for 0.13) in cosmjs-types' Params and Minter; the maths reads them as Dec.
 *
 * The maths, each step with the SDK's rounding (Dec Mul/Quo round half to even):
 * - NextInflationRate: inflation + (1 - bondedRatio / goal) * rate_change / blocks_per_year,
 *   clamped to [inflation_min, inflation_max];
 * - NextAnnualProvisions: inflation * total supply of the bond denom;
 * - BlockProvision: annual_provisions / blocks_per_year (QuoInt, truncated), then truncated to an
 *   integer coin of mint_denom.
 */
import type { Minter, Params } from "cosmjs-types/cosmos/mint/v1beta1/mint";
import { AppError, ErrInternal } from "../../app/errors";
import { Coin, Dec, Int, isValidDenom } from "../../app/math";

export type { Minter, Params };

/** 60 * 60 * 8766 / 5: a year of five-second blocks. */
export const DEFAULT_BLOCKS_PER_YEAR = 6_311_520n;

const pct = (n: bigint): Dec => Dec.withPrec(n, 2);

/** DefaultParams, with the chain's bond denom as mint denom (the SDK's default is "stake"). */
export function defaultMintParams(mintDenom: string): Params {
  return {
    mintDenom,
    inflationRateChange: pct(13n).toProto(),
    inflationMax: pct(20n).toProto(),
    inflationMin: pct(7n).toProto(),
    goalBonded: pct(67n).toProto(),
    blocksPerYear: DEFAULT_BLOCKS_PER_YEAR,
  };
}

/** DefaultInitialMinter: inflation 13%, no annual provisions yet. */
export function defaultInitialMinter(): Minter {
  return { inflation: pct(13n).toProto(), annualProvisions: Dec.zero().toProto() };
}

/** A LegacyDec proto string (atomics); gogoproto's nil Dec reads as zero. */
export function decOf(s: string): Dec {
  return s === "" ? Dec.zero() : Dec.fromProto(s);
}

/** An error the SDK raises with fmt.Errorf / errors.New: code 1, codespace "undefined". */
export function plainError(message: string): AppError {
  return new AppError(ErrInternal.codespace, ErrInternal.code, message);
}

function fraction(s: string, what: string, positive = false): void {
  // A nil Dec prints as "<nil>" in the SDK's texts.
  if (s === "") throw plainError(`${what} cannot be nil: <nil>`);
  const d = decOf(s);
  if (positive) {
    if (!d.isPositive()) throw plainError(`${what} must be positive: ${d.toString()}`);
  } else if (d.isNegative()) {
    throw plainError(`${what} cannot be negative: ${d.toString()}`);
  }
  if (d.gt(Dec.one())) throw plainError(`${what} too large: ${d.toString()}`);
}

/** Params.Validate, in the SDK's order and with its texts. */
export function validateMintParams(p: Params): void {
  if (p.mintDenom.trim() === "") throw plainError("mint denom cannot be blank");
  if (!isValidDenom(p.mintDenom)) throw plainError(`invalid denom: ${p.mintDenom}`);
  fraction(p.inflationRateChange, "inflation rate change");
  fraction(p.inflationMax, "max inflation");
  fraction(p.inflationMin, "min inflation");
  fraction(p.goalBonded, "goal bonded", true);
  if (p.blocksPerYear === 0n) throw plainError(`blocks per year must be positive: ${p.blocksPerYear}`);
  const max = decOf(p.inflationMax);
  const min = decOf(p.inflationMin);
  if (max.lt(min)) throw plainError(`max inflation (${max.toString()}) must be greater than or equal to min inflation (${min.toString()})`);
}

/** ValidateMinter. */
export function validateMinter(m: Minter): void {
  const inflation = decOf(m.inflation);
  if (inflation.isNegative()) throw plainError(`mint parameter Inflation should be positive, is ${inflation.toString()}`);
}

/** Minter.NextInflationRate. */
export function nextInflationRate(inflation: Dec, p: Params, bondedRatio: Dec): Dec {
  const perYear = Dec.one().sub(bondedRatio.quo(decOf(p.goalBonded))).mul(decOf(p.inflationRateChange));
  const perBlock = perYear.quo(Dec.fromInt(p.blocksPerYear));
  let next = inflation.add(perBlock);
  const max = decOf(p.inflationMax);
  const min = decOf(p.inflationMin);
  if (next.gt(max)) next = max;
  if (next.lt(min)) next = min;
  return next;
}

/** Minter.NextAnnualProvisions. */
export function nextAnnualProvisions(inflation: Dec, totalSupply: Int): Dec {
  return inflation.mulInt(totalSupply);
}

/** Minter.BlockProvision: truncated twice (QuoInt, then TruncateInt). */
export function blockProvision(annualProvisions: Dec, p: Params): Coin {
  return Coin.of(p.mintDenom, annualProvisions.quoInt(p.blocksPerYear).truncateInt());
}
