/**
 * `Dec`: the SDK's LegacyDec (cosmossdk.io/math v1.4.0 dec.go, pinned by Cosmos SDK v0.50.15), an
 * immutable fixed-point number with 18 decimals stored as the bigint value x 10^18 ("atomics").
 *
 * Every operation reproduces the SDK's integer steps, including where they round twice, so results
 * are bit-identical: Mul and Quo round half-to-even at the 18th decimal (chopPrecisionAndRound);
 * the Truncate variants truncate toward zero; MulRoundUp rounds toward +infinity and QuoRoundUp
 * does too for positive results (see quoRoundUp for its negative quirk).
 *
 * Range: since math v1.4.0 (the fix for ASA-2024-010) a LegacyDec must satisfy
 * |atomics| <= 2^256 * 10^18 - 1, i.e. its integer part fits a 256-bit Int. This replaced the
 * older `maxDecBitLen` bit-length bound (256 + 59 = 315 bits in v1.0..v1.3), which admitted values
 * whose integer part did not fit an Int. Results out of range panic in the SDK ("Int overflow");
 * here they throw an ErrPanic-coded AppError.
 */
import { ErrInvalidRequest, ErrTxDecode } from "../errors";
import { goByteLength, parseGoBigInt, sdkPanic } from "./go-compat";
import { Int, type IntLike } from "./int";

export const PRECISION = 18;
const ONE_ATOMICS = 10n ** BigInt(PRECISION);
const HALF_ATOMICS = ONE_ATOMICS / 2n;
const PRECISION_SQUARED = ONE_ATOMICS * ONE_ATOMICS;
const UPPER_LIMIT = (1n << 256n) * ONE_ATOMICS - 1n;

const inValidRange = (atomics: bigint): boolean => atomics <= UPPER_LIMIT && atomics >= -UPPER_LIMIT;
const abs = (v: bigint): bigint => (v < 0n ? -v : v);

/** Drops 18 decimals with half-to-even rounding on the magnitude (chopPrecisionAndRound). */
function chopPrecisionAndRound(v: bigint): bigint {
  if (v < 0n) return -chopPrecisionAndRound(-v);
  const quo = v / ONE_ATOMICS;
  const rem = v % ONE_ATOMICS;
  if (rem < HALF_ATOMICS) return quo;
  if (rem > HALF_ATOMICS) return quo + 1n;
  return quo % 2n === 0n ? quo : quo + 1n;
}

/** Drops 18 decimals rounding toward +infinity (chopPrecisionAndRoundUp). */
function chopPrecisionAndRoundUp(v: bigint): bigint {
  if (v < 0n) return -(-v / ONE_ATOMICS); // truncating a negative rounds it up
  const quo = v / ONE_ATOMICS;
  return v % ONE_ATOMICS === 0n ? quo : quo + 1n;
}

/** Drops 18 decimals toward zero (chopPrecisionAndTruncate). */
const chopPrecisionAndTruncate = (v: bigint): bigint => v / ONE_ATOMICS;

const intOperand = (i: IntLike): bigint => Int.from(i).toBigInt();

export class Dec {
  private constructor(private readonly atomics: bigint) {}

  private static readonly ZERO = new Dec(0n);
  private static readonly ONE = new Dec(ONE_ATOMICS);
  private static readonly SMALLEST = new Dec(1n);
  /** The largest LegacyDec, (2^256 * 10^18 - 1) / 10^18; the smallest is its negation. */
  static readonly MAX: Dec = new Dec(UPPER_LIMIT);
  static readonly MIN: Dec = new Dec(-UPPER_LIMIT);

  static zero(): Dec {
    return Dec.ZERO;
  }

  static one(): Dec {
    return Dec.ONE;
  }

  /** 10^-18, the smallest positive Dec (LegacySmallestDec). */
  static smallest(): Dec {
    return Dec.SMALLEST;
  }

  /** LegacyNewDecFromInt: the whole number `i` (always in range: an Int has at most 256 bits). */
  static fromInt(i: IntLike): Dec {
    return new Dec(intOperand(i) * ONE_ATOMICS);
  }

  /** LegacyNewDecWithPrec: `i * 10^-prec`, e.g. withPrec(5n, 1) = 0.5. */
  static withPrec(i: bigint | Int, prec: number): Dec {
    if (!Number.isInteger(prec) || prec < 0) throw new Error(`negative precision ${prec}`);
    if (prec > PRECISION) throw new Error(`too much precision, maximum ${PRECISION}, provided ${prec}`);
    const v = (i instanceof Int ? i.toBigInt() : i) * 10n ** BigInt(PRECISION - prec);
    return checked(v);
  }

  /**
   * Builds a Dec from its atomics (value x 10^18), given as a bigint or a strict decimal integer
   * string ("500000000000000000" is 0.5). Out of range throws ErrInvalidRequest.
   */
  static fromAtomics(atomics: bigint | string): Dec {
    let v: bigint;
    if (typeof atomics === "string") {
      if (!/^-?[0-9]+$/.test(atomics)) throw ErrInvalidRequest.wrap(`invalid decimal atomics: "${atomics}"`);
      v = BigInt(atomics);
    } else {
      v = atomics;
    }
    if (!inValidRange(v)) throw ErrInvalidRequest.wrap("decimal out of range");
    return new Dec(v);
  }

  /**
   * Decodes the proto wire form, which is the atomics as big.Int text (LegacyDec.Unmarshal):
   * Go's base-0 syntax, so "0x10" and "010" (octal) are accepted as a Go node accepts them, then
   * the range check. A failure is a tx decode error (sdk/2).
   *
   * The empty string leaves a nil LegacyDec in the SDK, which panics on first use; we throw that
   * panic here. Nullable Dec fields (e.g. MsgEditValidator.commission_rate) must test for "" first.
   */
  static fromProto(s: string): Dec {
    if (s === "") throw sdkPanic("nil LegacyDec: empty string");
    const v = parseGoBigInt(s, 0);
    if (v === undefined) throw ErrTxDecode.wrap(`math/big: cannot unmarshal "${s}" into a *big.Int`);
    if (!inValidRange(v)) throw ErrTxDecode.wrap("decimal out of range");
    return new Dec(v);
  }

  /**
   * LegacyNewDecFromStr, quirks included (the same string must give the same Dec or the same
   * rejection as on a Go node): "-"? whole ("." fraction)?, at most 18 fraction digits, in range.
   * Rejected: "", ".", ".5", "1.", "1.2.3", "0.-75", more than 18 decimals, non-digits.
   * Accepted because Go's base-10 big.Int parsing takes a sign after the SDK strips its own "-":
   * "+1.5" (1.5), "--1" (1), "-+1" (-1), "+.5" (0.5) and even "+" (0).
   * Used for JSON (LegacyDec.UnmarshalJSON) and for coin strings. Throws ErrInvalidRequest.
   */
  static fromString(s: string): Dec {
    const parsed = parseDecString(s);
    if (typeof parsed === "string") throw ErrInvalidRequest.wrap(parsed);
    return new Dec(parsed);
  }

  /** LegacyMinDec: `a` unless `b` is strictly smaller. */
  static min(a: Dec, b: Dec): Dec {
    return a.atomics < b.atomics ? a : b;
  }

  /** LegacyMaxDec: `b` if `a` is strictly smaller, else `a`. */
  static max(a: Dec, b: Dec): Dec {
    return a.atomics < b.atomics ? b : a;
  }

  /** The value x 10^18. */
  toAtomics(): bigint {
    return this.atomics;
  }

  /** The atomics as a decimal integer string: the proto wire form ("500000000000000000" = 0.5). */
  toAtomicString(): string {
    return this.atomics.toString();
  }

  /** Same as toAtomicString: what LegacyDec.Marshal puts on the wire. */
  toProto(): string {
    return this.atomics.toString();
  }

  /** Always 18 decimals, "-" for negatives: "0.500000000000000000", "-1.000000000000000000". */
  toString(): string {
    const negative = this.atomics < 0n;
    const digits = abs(this.atomics).toString().padStart(PRECISION + 1, "0");
    const text = `${digits.slice(0, -PRECISION)}.${digits.slice(-PRECISION)}`;
    return negative ? `-${text}` : text;
  }

  /** JSON (and amino JSON) print the 18-decimal string, not the atomics. */
  toJSON(): string {
    return this.toString();
  }

  isZero(): boolean {
    return this.atomics === 0n;
  }

  isNegative(): boolean {
    return this.atomics < 0n;
  }

  isPositive(): boolean {
    return this.atomics > 0n;
  }

  /** True when the decimals are all zero. */
  isInteger(): boolean {
    return this.atomics % ONE_ATOMICS === 0n;
  }

  cmp(other: Dec): -1 | 0 | 1 {
    return this.atomics < other.atomics ? -1 : this.atomics > other.atomics ? 1 : 0;
  }

  equal(other: Dec): boolean {
    return this.atomics === other.atomics;
  }

  gt(other: Dec): boolean {
    return this.atomics > other.atomics;
  }

  gte(other: Dec): boolean {
    return this.atomics >= other.atomics;
  }

  lt(other: Dec): boolean {
    return this.atomics < other.atomics;
  }

  lte(other: Dec): boolean {
    return this.atomics <= other.atomics;
  }

  neg(): Dec {
    return new Dec(-this.atomics);
  }

  abs(): Dec {
    return this.atomics < 0n ? new Dec(-this.atomics) : this;
  }

  add(other: Dec): Dec {
    return checked(this.atomics + other.atomics);
  }

  sub(other: Dec): Dec {
    return checked(this.atomics - other.atomics);
  }

  /** Product rounded half-to-even at the 18th decimal. */
  mul(other: Dec): Dec {
    return checked(chopPrecisionAndRound(this.atomics * other.atomics));
  }

  /** Product truncated toward zero. */
  mulTruncate(other: Dec): Dec {
    return checked(chopPrecisionAndTruncate(this.atomics * other.atomics));
  }

  /** Product rounded toward +infinity. */
  mulRoundUp(other: Dec): Dec {
    return checked(chopPrecisionAndRoundUp(this.atomics * other.atomics));
  }

  /** Exact product with an integer (no rounding involved). */
  mulInt(i: IntLike): Dec {
    return checked(this.atomics * intOperand(i));
  }

  /**
   * Quotient as the SDK computes it: (a x 10^36) / b truncated toward zero, THEN rounded
   * half-to-even to 18 decimals. The first truncation can decide a tie, so this is not always the
   * half-to-even rounding of the exact quotient; we reproduce the SDK, not the ideal.
   */
  quo(other: Dec): Dec {
    if (other.atomics === 0n) throw sdkPanic("division by zero");
    return checked(chopPrecisionAndRound((this.atomics * PRECISION_SQUARED) / other.atomics));
  }

  /** Quotient truncated toward zero. */
  quoTruncate(other: Dec): Dec {
    if (other.atomics === 0n) throw sdkPanic("division by zero");
    return checked((this.atomics * ONE_ATOMICS) / other.atomics);
  }

  /**
   * Quotient rounded up, as QuoRoundUp computes it: for a positive result the ceiling at 18
   * decimals. For an inexact NEGATIVE result whose truncation is not zero, the SDK adds one atomic
   * to the truncated (already the ceiling) quotient: -7/3 gives -2.333333333333333332, one atomic
   * above the ceiling. It tests the sign of the truncated quotient, not of the exact one. We
   * reproduce that; staking only divides non-negative values here.
   */
  quoRoundUp(other: Dec): Dec {
    if (other.atomics === 0n) throw sdkPanic("division by zero");
    const dividend = this.atomics * ONE_ATOMICS;
    let quo = dividend / other.atomics;
    const rem = dividend % other.atomics;
    const quoNegative = quo < 0n;
    const divisorNegative = other.atomics < 0n;
    if ((rem > 0n && quoNegative === divisorNegative) || (rem < 0n && quoNegative !== divisorNegative)) {
      quo += 1n;
    }
    return checked(quo);
  }

  /** Quotient by an integer, truncated toward zero (QuoInt; the SDK has no rounding variant). */
  quoInt(i: IntLike): Dec {
    const d = intOperand(i);
    if (d === 0n) throw sdkPanic("division by zero");
    return new Dec(this.atomics / d);
  }

  /**
   * `this^n` by repeated squaring with a rounded Mul at every step, in the SDK's order (PowerMut),
   * so the accumulated rounding matches. power(0) is 1.
   */
  power(n: bigint | number): Dec {
    let e = typeof n === "bigint" ? n : BigInt(n);
    if (e < 0n || e >= 1n << 64n) throw new Error(`power must be a uint64, got ${e}`);
    if (e === 0n) return Dec.ONE;
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- the running square starts at this value
    let base: Dec = this;
    let acc = Dec.ONE;
    while (e > 1n) {
      if (e % 2n !== 0n) acc = acc.mul(base);
      e /= 2n;
      base = base.mul(base);
    }
    return base.mul(acc);
  }

  /** Integer part, toward zero (TruncateInt). */
  truncateInt(): Int {
    return Int.from(chopPrecisionAndTruncate(this.atomics));
  }

  /** Integer part as a Dec, toward zero (TruncateDec). */
  truncateDec(): Dec {
    return new Dec(chopPrecisionAndTruncate(this.atomics) * ONE_ATOMICS);
  }

  /** Nearest integer, ties to even (RoundInt): 0.5 -> 0, 1.5 -> 2, 2.5 -> 2, -2.5 -> -2. */
  roundInt(): Int {
    return Int.from(chopPrecisionAndRound(this.atomics));
  }

  /** Smallest integer >= this, as a Dec (Ceil); throws when that leaves the range. */
  ceil(): Dec {
    const quo = this.atomics / ONE_ATOMICS;
    const rem = this.atomics % ONE_ATOMICS;
    return checked((rem > 0n ? quo + 1n : quo) * ONE_ATOMICS);
  }
}

/**
 * LegacyNewDecFromStr's algorithm: the atomics, or the SDK's error text. Shared by Dec.fromString
 * and the coin-string parser, which wraps the text differently.
 */
export function parseDecString(s: string): bigint | string {
  let str = s;
  let negative = false;
  if (str.length > 0 && str[0] === "-") {
    negative = true;
    str = str.slice(1);
  }
  if (str.length === 0) return "decimal string cannot be empty";

  const parts = str.split(".");
  let combined = parts[0] ?? "";
  let decimals = 0;
  if (parts.length === 2) {
    const fraction = parts[1] ?? "";
    decimals = goByteLength(fraction);
    if (decimals === 0 || combined.length === 0) return "invalid decimal length";
    combined += fraction;
  } else if (parts.length > 2) {
    return "invalid decimal string";
  }
  if (decimals > PRECISION) {
    return `value '${str}' exceeds max precision by ${PRECISION - decimals} decimal places: max precision ${PRECISION}`;
  }
  combined += "0".repeat(PRECISION - decimals);
  const parsed = parseGoBigInt(combined, 10);
  if (parsed === undefined) return `failed to set decimal string with base 10: ${combined}`;
  const v = negative ? -parsed : parsed;
  if (!inValidRange(v)) return "out of range: invalid decimal string";
  return v;
}

function checked(atomics: bigint): Dec {
  if (!inValidRange(atomics)) throw sdkPanic("Int overflow");
  return Dec.fromAtomics(atomics);
}
