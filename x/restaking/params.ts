/**
 * x/restaking params (plume.restaking.v1.Params): the compounding interval. docs/restaking.md has
 * the reasoning for the defaults.
 */
import { Params } from "../../proto/plume/restaking/v1/restaking";
import { ErrInvalidParams } from "./errors";

export { Params };

/** One compounding a day at 6 s blocks: the default for real chains. */
export const DEFAULT_COMPOUND_INTERVAL = 14_400n;
/** What `plumed devnet` is to use, so that a new user sees the delegation grow within a minute. */
export const DEVNET_COMPOUND_INTERVAL = 10n;

export function defaultRestakingParams(): Params {
  return { compoundInterval: DEFAULT_COMPOUND_INTERVAL };
}

export function validateRestakingParams(p: Params): void {
  if (p.compoundInterval <= 0n) throw ErrInvalidParams.wrap(`compound_interval must be positive: ${p.compoundInterval}`);
}

/** Whether `height` is a compounding height: a positive multiple of the interval. */
export function isCompoundingHeight(height: bigint, p: Params): boolean {
  return height > 0n && p.compoundInterval > 0n && height % p.compoundInterval === 0n;
}

/** The first compounding height after `height`. */
export function nextCompoundingHeight(height: bigint, p: Params): bigint {
  if (p.compoundInterval <= 0n) return 0n;
  const h = height < 0n ? 0n : height;
  return (h / p.compoundInterval + 1n) * p.compoundInterval;
}
