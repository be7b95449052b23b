/**
 * Correlated slashing (plume.slashing.v1, docs/slashing.md): the maths, apart from state.
 *
 * A double sign normally costs slash_fraction_double_sign. With correlated slashing on, it costs
 *
 *     max(slash_fraction_double_sign, min(1, 9 * S^2)),
 *
 * where S is the sum, over the offence and every other double sign whose infraction height is at
 * most `correlation_window` blocks away from it, of the offender's share of the voting power at
 * its infraction (evidence power / total voting power, both from CometBFT's evidence). This is
 * Namada's cubic slashing: an isolated offender with a small share pays the nominal fraction,
 * while offenders who together held a third of the power or more (9 * (1/3)^2 = 1) lose
 * everything. S is kept as an exact fraction; only 9 * S^2 is rounded, down, to the 18 decimals
 * of a LegacyDec.
 */
import { Dec } from "../../app/math";

export interface CorrelatedOffence {
  readonly infractionHeight: bigint;
  /** The offender's consensus power at the infraction. */
  readonly power: bigint;
  /** The validator set's total consensus power at the infraction. */
  readonly totalPower: bigint;
}

const ONE_ATOMICS = 10n ** 18n;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** Whether two infraction heights are within the correlation window of each other. */
export function withinWindow(a: bigint, b: bigint, window: bigint): boolean {
  const d = a > b ? a - b : b - a;
  return d <= window;
}

/** S = sum of power / totalPower, as an exact fraction [numerator, denominator]. */
export function powerShareSum(offences: readonly CorrelatedOffence[]): [bigint, bigint] {
  let num = 0n;
  let den = 1n;
  for (const o of offences) {
    if (o.totalPower <= 0n || o.power < 0n) throw new Error(`an offence needs a positive total power and a non-negative power (got ${o.power} of ${o.totalPower})`);
    num = num * o.totalPower + o.power * den;
    den = den * o.totalPower;
    const g = gcd(num, den);
    if (g > 1n) {
      num /= g;
      den /= g;
    }
  }
  return [num, den];
}

/** min(1, 9 * S^2), truncated to 18 decimals. */
export function correlatedFraction(offences: readonly CorrelatedOffence[]): Dec {
  const [num, den] = powerShareSum(offences);
  const atomics = (9n * num * num * ONE_ATOMICS) / (den * den);
  return Dec.fromAtomics(atomics > ONE_ATOMICS ? ONE_ATOMICS : atomics);
}

/** What a double sign costs with correlated slashing on: max(nominal, min(1, 9 * S^2)). */
export function doubleSignFraction(nominal: Dec, correlated: readonly CorrelatedOffence[]): Dec {
  return Dec.max(nominal, correlatedFraction(correlated));
}
