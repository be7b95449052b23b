/**
 * `Int` and `Uint`: immutable 256-bit integers with the semantics of cosmossdk.io/math v1.4.0
 * (int.go, uint.go), the version Cosmos SDK v0.50.15 pins.
 *
 * Bound: the SDK checks `BitLen() > 256` on the magnitude, and the sign is kept apart (big.Int is
 * sign-magnitude), so an Int spans -(2^256 - 1) ..= 2^256 - 1: 256 bits plus a sign, not a 257-bit
 * two's-complement range. Any result outside it is a Go panic in the SDK (`Add`, `Sub`, `Mul`),
 * which we surface as an ErrPanic-coded AppError (see go-compat.ts).
 */
import { ErrInvalidRequest, ErrTxDecode } from "../errors";
import { parseGoBigInt, sdkPanic } from "./go-compat";

export const MAX_BIT_LEN = 256;
const MAX_ABS = (1n << BigInt(MAX_BIT_LEN)) - 1n;

const overflows = (v: bigint): boolean => v > MAX_ABS || v < -MAX_ABS;
const bitLen = (v: bigint): number => (v < 0n ? -v : v).toString(2).length - (v === 0n ? 1 : 0);

/** An Int operand: an Int, or a bigint that must itself be in range. */
export type IntLike = Int | bigint;

const STRICT_INT = /^-?[0-9]+$/;

export class Int {
  private constructor(private readonly value: bigint) {}

  /** The largest Int, 2^256 - 1; the smallest is its negation. */
  static readonly MAX: Int = new Int(MAX_ABS);
  static readonly MIN: Int = new Int(-MAX_ABS);
  private static readonly ZERO = new Int(0n);
  private static readonly ONE = new Int(1n);

  static zero(): Int {
    return Int.ZERO;
  }

  static one(): Int {
    return Int.ONE;
  }

  /** NewIntFromBigInt: throws (as the SDK panics) when the value needs more than 256 bits. */
  static from(value: IntLike): Int {
    if (value instanceof Int) return value;
    if (overflows(value)) throw sdkPanic("NewIntFromBigInt() out of bound");
    return new Int(value);
  }

  /**
   * Strict decimal syntax (`-?[0-9]+`), for our own inputs (config, CLI, genesis we write).
   * Deliberately stricter than the SDK's NewIntFromString, which takes Go's base-0 syntax; use
   * `fromProto` to decode what a Go node would accept.
   */
  static fromString(s: string): Int {
    if (!STRICT_INT.test(s)) throw ErrInvalidRequest.wrap(`invalid integer string: "${s}"`);
    const v = BigInt(s);
    if (overflows(v)) throw ErrInvalidRequest.wrap(`integer out of range: ${s}`);
    return new Int(v);
  }

  /**
   * Decodes the proto / JSON string form as math.Int.Unmarshal and UnmarshalJSON do: Go's big.Int
   * text syntax in base 0 (so "+5", "0x10", "010" = 8 and "1_000" are accepted), then the 256-bit
   * check. A failure is a tx decode error (sdk/2), as it is when the SDK decodes a tx body.
   *
   * The empty string is special: the SDK leaves the Int nil without error, and the first operation
   * on it panics; we throw that panic here. Callers of nullable fields must test for "" first.
   */
  static fromProto(s: string): Int {
    if (s === "") throw sdkPanic("nil Int: empty amount string");
    const v = parseGoBigInt(s, 0);
    if (v === undefined) throw ErrTxDecode.wrap(`math/big: cannot unmarshal "${s}" into a *big.Int`);
    if (overflows(v)) throw ErrTxDecode.wrap(`integer out of range; got: ${bitLen(v)}, max: ${MAX_BIT_LEN}`);
    return new Int(v);
  }

  /** MinInt. */
  static min(a: Int, b: Int): Int {
    return a.value > b.value ? b : a;
  }

  /** MaxInt. */
  static max(a: Int, b: Int): Int {
    return a.value < b.value ? b : a;
  }

  toBigInt(): bigint {
    return this.value;
  }

  /** Decimal, "-" for negatives, no "+" or leading zeros: also the proto wire form. */
  toString(): string {
    return this.value.toString();
  }

  /** The proto string (Marshal writes big.Int text; zero is "0"). */
  toProto(): string {
    return this.value.toString();
  }

  /** JSON is a quoted decimal string (MarshalJSON), never a JSON number. */
  toJSON(): string {
    return this.value.toString();
  }

  sign(): -1 | 0 | 1 {
    return this.value > 0n ? 1 : this.value < 0n ? -1 : 0;
  }

  isZero(): boolean {
    return this.value === 0n;
  }

  isNegative(): boolean {
    return this.value < 0n;
  }

  isPositive(): boolean {
    return this.value > 0n;
  }

  /** IsInt64: fits a Go int64. */
  isInt64(): boolean {
    return this.value >= -(1n << 63n) && this.value < 1n << 63n;
  }

  /** IsUint64: fits a Go uint64. */
  isUint64(): boolean {
    return this.value >= 0n && this.value < 1n << 64n;
  }

  cmp(other: IntLike): -1 | 0 | 1 {
    const o = operand(other);
    return this.value < o ? -1 : this.value > o ? 1 : 0;
  }

  equal(other: IntLike): boolean {
    return this.value === operand(other);
  }

  gt(other: IntLike): boolean {
    return this.value > operand(other);
  }

  gte(other: IntLike): boolean {
    return this.value >= operand(other);
  }

  lt(other: IntLike): boolean {
    return this.value < operand(other);
  }

  lte(other: IntLike): boolean {
    return this.value <= operand(other);
  }

  add(other: IntLike): Int {
    return checked(this.value + operand(other));
  }

  sub(other: IntLike): Int {
    return checked(this.value - operand(other));
  }

  mul(other: IntLike): Int {
    return checked(this.value * operand(other));
  }

  /** Quotient truncated toward zero (Go big.Int Quo, same as bigint `/`). */
  quo(other: IntLike): Int {
    const o = operand(other);
    if (o === 0n) throw sdkPanic("Division by zero");
    return new Int(this.value / o);
  }

  /**
   * Euclidean modulus, as Go's big.Int Mod (NOT bigint `%`): the result is always >= 0 and the
   * divisor's sign is ignored, so -7 mod 3 = 2 and 7 mod -3 = 1.
   */
  mod(other: IntLike): Int {
    const o = operand(other);
    if (o === 0n) throw sdkPanic("divide by zero");
    const r = this.value % o;
    return new Int(r < 0n ? r + (o < 0n ? -o : o) : r);
  }

  neg(): Int {
    return new Int(-this.value);
  }

  abs(): Int {
    return this.value < 0n ? new Int(-this.value) : this;
  }

  /** SafeAdd: `undefined` instead of the overflow panic. */
  safeAdd(other: IntLike): Int | undefined {
    return inRange(this.value + operand(other));
  }

  /** SafeSub: `undefined` instead of the overflow panic. */
  safeSub(other: IntLike): Int | undefined {
    return inRange(this.value - operand(other));
  }

  /** SafeMul: `undefined` instead of the overflow panic. */
  safeMul(other: IntLike): Int | undefined {
    return inRange(this.value * operand(other));
  }

  /** SafeQuo: `undefined` instead of the division-by-zero panic. */
  safeQuo(other: IntLike): Int | undefined {
    const o = operand(other);
    return o === 0n ? undefined : new Int(this.value / o);
  }
}

function operand(x: IntLike): bigint {
  return x instanceof Int ? x.toBigInt() : Int.from(x).toBigInt();
}

function checked(v: bigint): Int {
  if (overflows(v)) throw sdkPanic("integer overflow");
  return Int.from(v);
}

function inRange(v: bigint): Int | undefined {
  return overflows(v) ? undefined : Int.from(v);
}

/**
 * `Uint`: a 256-bit unsigned integer (math.Uint). Results below zero or above 2^256 - 1 panic in
 * the SDK; here they throw an ErrPanic-coded AppError.
 */
export class Uint {
  private constructor(private readonly value: bigint) {}

  private static readonly ZERO = new Uint(0n);
  private static readonly ONE = new Uint(1n);

  static zero(): Uint {
    return Uint.ZERO;
  }

  static one(): Uint {
    return Uint.ONE;
  }

  /** NewUintFromBigInt. */
  static from(value: Uint | bigint): Uint {
    if (value instanceof Uint) return value;
    const problem = uintProblem(value);
    if (problem !== undefined) throw sdkPanic(`overflow: ${problem}`);
    return new Uint(value);
  }

  /** Strict decimal digits, for our own inputs (see Int.fromString). */
  static fromString(s: string): Uint {
    if (!/^[0-9]+$/.test(s)) throw ErrInvalidRequest.wrap(`invalid unsigned integer string: "${s}"`);
    const v = BigInt(s);
    const problem = uintProblem(v);
    if (problem !== undefined) throw ErrInvalidRequest.wrap(problem);
    return new Uint(v);
  }

  /** The proto / JSON form, parsed as Uint.Unmarshal does (Go base-0 text, see Int.fromProto). */
  static fromProto(s: string): Uint {
    if (s === "") throw sdkPanic("nil Uint: empty string");
    const v = parseGoBigInt(s, 0);
    if (v === undefined) throw ErrTxDecode.wrap(`math/big: cannot unmarshal "${s}" into a *big.Int`);
    const problem = uintProblem(v);
    if (problem !== undefined) throw ErrTxDecode.wrap(problem);
    return new Uint(v);
  }

  static min(a: Uint, b: Uint): Uint {
    return a.value > b.value ? b : a;
  }

  static max(a: Uint, b: Uint): Uint {
    return a.value < b.value ? b : a;
  }

  toBigInt(): bigint {
    return this.value;
  }

  toString(): string {
    return this.value.toString();
  }

  toProto(): string {
    return this.value.toString();
  }

  toJSON(): string {
    return this.value.toString();
  }

  isZero(): boolean {
    return this.value === 0n;
  }

  cmp(other: Uint): -1 | 0 | 1 {
    return this.value < other.value ? -1 : this.value > other.value ? 1 : 0;
  }

  equal(other: Uint): boolean {
    return this.value === other.value;
  }

  gt(other: Uint): boolean {
    return this.value > other.value;
  }

  gte(other: Uint): boolean {
    return this.value >= other.value;
  }

  lt(other: Uint): boolean {
    return this.value < other.value;
  }

  lte(other: Uint): boolean {
    return this.value <= other.value;
  }

  add(other: Uint): Uint {
    return Uint.from(this.value + other.value);
  }

  /** Panics (throws) when the result would be negative. */
  sub(other: Uint): Uint {
    return Uint.from(this.value - other.value);
  }

  mul(other: Uint): Uint {
    return Uint.from(this.value * other.value);
  }

  quo(other: Uint): Uint {
    if (other.value === 0n) throw sdkPanic("division by zero");
    return new Uint(this.value / other.value);
  }

  mod(other: Uint): Uint {
    if (other.value === 0n) throw sdkPanic("division-by-zero");
    return new Uint(this.value % other.value);
  }

  incr(): Uint {
    return this.add(Uint.ONE);
  }

  decr(): Uint {
    return this.sub(Uint.ONE);
  }
}

/** UintOverflow: the error text the SDK gives for an out-of-range Uint. */
function uintProblem(v: bigint): string | undefined {
  if (v < 0n) return "non-positive integer";
  if (v > MAX_ABS) return `integer out of range; got: ${bitLen(v)}, max: ${MAX_BIT_LEN}`;
  return undefined;
}
