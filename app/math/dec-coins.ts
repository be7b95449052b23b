/**
 * `DecCoin` and `DecCoins` with the semantics of sdk.DecCoin / sdk.DecCoins (types/dec_coin.go,
 * Cosmos SDK v0.50.15): the decimal coins of distribution (rewards, commission, community pool)
 * and of min-gas-prices. Error rule as in coins.ts: SDK errors become ErrInvalidCoins AppErrors,
 * SDK panics become ErrPanic-coded AppErrors.
 *
 * Encoding of the amount (a LegacyDec):
 * - proto wire (and so the cosmjs-types `DecCoin.amount` string): the ATOMICS as an integer string,
 *   e.g. 1.5 is "1500000000000000000". cosmjs clients read it with Decimal.fromAtomics(x, 18).
 * - JSON (gRPC-gateway / LCD, amino JSON): the 18-decimal string "1.500000000000000000" (what
 *   Dec.toJSON gives; cosmjs's own Decimal.toString would print "1.5").
 * - String(): amount then denom, "1.500000000000000000stake".
 */
import type { DecCoin as ProtoDecCoin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import { ErrInvalidCoins, type AppError } from "../errors";
import { Coin, Coins } from "./coins";
import { Dec } from "./dec";
import { compareDenoms, isValidDenom, mustValidateDenom } from "./denom";
import { sdkPanic } from "./go-compat";
import type { IntLike } from "./int";

export type { ProtoDecCoin };

export class DecCoin {
  private constructor(
    readonly denom: string,
    readonly amount: Dec,
  ) {}

  /** NewDecCoinFromDec: panics on an invalid denom or a negative amount. */
  static of(denom: string, amount: Dec): DecCoin {
    mustValidateDenom(denom);
    if (amount.isNegative()) throw sdkPanic(`negative decimal coin amount: ${amount.toString()}`);
    return new DecCoin(denom, amount);
  }

  /** NewDecCoin: from an integer amount, validated as NewCoin validates. */
  static fromInt(denom: string, amount: IntLike): DecCoin {
    const coin = Coin.of(denom, amount);
    return new DecCoin(coin.denom, Dec.fromInt(coin.amount));
  }

  /** NewDecCoinFromCoin: panics when the coin is invalid. */
  static fromCoin(coin: Coin): DecCoin {
    const err = coin.validate();
    if (err !== undefined) throw sdkPanic(err.message);
    return new DecCoin(coin.denom, Dec.fromInt(coin.amount));
  }

  /** A DecCoin literal: no validation. */
  static unchecked(denom: string, amount: Dec): DecCoin {
    return new DecCoin(denom, amount);
  }

  /** From the cosmjs-types shape; the amount string is the atomics (see Dec.fromProto). */
  static fromProto(proto: ProtoDecCoin): DecCoin {
    return new DecCoin(proto.denom, Dec.fromProto(proto.amount));
  }

  /** The cosmjs-types shape, amount as atomics: { denom: "stake", amount: "1500000000000000000" }. */
  toProto(): ProtoDecCoin {
    return { denom: this.denom, amount: this.amount.toProto() };
  }

  /** "1.500000000000000000stake". */
  toString(): string {
    return `${this.amount.toString()}${this.denom}`;
  }

  /** Valid denom and non-negative amount. */
  validate(): AppError | undefined {
    const problem = decCoinProblem(this);
    return problem === undefined ? undefined : ErrInvalidCoins.wrap(problem);
  }

  isValid(): boolean {
    return decCoinProblem(this) === undefined;
  }

  isZero(): boolean {
    return this.amount.isZero();
  }

  isPositive(): boolean {
    return this.amount.isPositive();
  }

  isNegative(): boolean {
    return this.amount.isNegative();
  }

  equal(other: DecCoin): boolean {
    return this.denom === other.denom && this.amount.equal(other.amount);
  }

  /** Panics on a denom mismatch. */
  isGTE(other: DecCoin): boolean {
    if (this.denom !== other.denom) throw sdkPanic(`invalid coin denominations; ${this.denom}, ${other.denom}`);
    return !this.amount.lt(other.amount);
  }

  /** Panics on a denom mismatch. */
  isLT(other: DecCoin): boolean {
    if (this.denom !== other.denom) throw sdkPanic(`invalid coin denominations; ${this.denom}, ${other.denom}`);
    return this.amount.lt(other.amount);
  }

  /** Panics on a denom mismatch. */
  add(other: DecCoin): DecCoin {
    if (this.denom !== other.denom) throw sdkPanic(`coin denom different: ${this.denom} ${other.denom}`);
    return new DecCoin(this.denom, this.amount.add(other.amount));
  }

  /** Panics on a denom mismatch or a negative result. */
  sub(other: DecCoin): DecCoin {
    if (this.denom !== other.denom) throw sdkPanic(`coin denom different: ${this.denom} ${other.denom}`);
    const result = new DecCoin(this.denom, this.amount.sub(other.amount));
    if (result.isNegative()) throw sdkPanic("negative decimal coin amount");
    return result;
  }

  /**
   * The integer part as a Coin and the fractional rest as a DecCoin (which may be zero).
   * Panics on a negative amount or an invalid denom.
   */
  truncateDecimal(): readonly [Coin, DecCoin] {
    const truncated = this.amount.truncateInt();
    const change = this.amount.sub(Dec.fromInt(truncated));
    return [Coin.of(this.denom, truncated), DecCoin.of(this.denom, change)];
  }
}

function decCoinProblem(coin: DecCoin): string | undefined {
  if (!isValidDenom(coin.denom)) return `invalid denom: ${coin.denom}`;
  if (coin.isNegative()) return `decimal coin ${coin.toString()} amount cannot be negative`;
  return undefined;
}

/** The outcome of DecCoins.safeSub. */
export interface DecCoinsDifference {
  readonly coins: DecCoins;
  readonly hasNeg: boolean;
}

export class DecCoins implements Iterable<DecCoin> {
  private constructor(private readonly items: readonly DecCoin[]) {}

  private static readonly EMPTY = new DecCoins([]);

  static empty(): DecCoins {
    return DecCoins.EMPTY;
  }

  /** NewDecCoins: drops zero coins, sorts, then requires a valid set, else it panics. */
  static of(...coins: readonly DecCoin[]): DecCoins {
    const sanitized = sortDecCoins(coins.filter((c) => !c.isZero()));
    const problem = decCoinsProblem(sanitized);
    if (problem !== undefined) throw sdkPanic(`invalid coin set ${decCoinsString(sanitized)}: ${problem}`);
    return new DecCoins(sanitized);
  }

  /** NewDecCoinsFromCoins: the coins go through NewCoins (sanitized, validated) and are converted. */
  static fromCoins(coins: Coins | readonly Coin[]): DecCoins {
    const list = coins instanceof Coins ? coins.toArray() : coins;
    if (list.length === 0) return DecCoins.EMPTY;
    return new DecCoins(Coins.of(...list).toArray().map((c) => DecCoin.fromCoin(c)));
  }

  /** A DecCoins slice literal: kept as given, unvalidated. */
  static unchecked(coins: readonly DecCoin[]): DecCoins {
    return coins.length === 0 ? DecCoins.EMPTY : new DecCoins([...coins]);
  }

  /** From the cosmjs-types shape as the SDK decodes it: order kept, nothing validated. */
  static fromProto(coins: readonly ProtoDecCoin[]): DecCoins {
    return DecCoins.unchecked(coins.map((c) => DecCoin.fromProto(c)));
  }

  toProto(): ProtoDecCoin[] {
    return this.items.map((c) => c.toProto());
  }

  /** JSON is the plain array with 18-decimal amounts: `[{"denom":"stake","amount":"1.500000000000000000"}]`. */
  toJSON(): readonly DecCoin[] {
    return this.items;
  }

  get length(): number {
    return this.items.length;
  }

  at(index: number): DecCoin | undefined {
    return this.items[index];
  }

  toArray(): readonly DecCoin[] {
    return this.items;
  }

  [Symbol.iterator](): Iterator<DecCoin> {
    return this.items[Symbol.iterator]();
  }

  /** "5.040000000000000000atom,0.004000000000000000stake"; "" when empty. */
  toString(): string {
    return decCoinsString(this.items);
  }

  validate(): AppError | undefined {
    const problem = decCoinsProblem(this.items);
    return problem === undefined ? undefined : ErrInvalidCoins.wrap(problem);
  }

  isValid(): boolean {
    return decCoinsProblem(this.items) === undefined;
  }

  isEmpty(): boolean {
    return this.items.length === 0;
  }

  /** Empty, or every coin zero. */
  isZero(): boolean {
    return this.items.every((c) => c.isZero());
  }

  isAllPositive(): boolean {
    return this.items.length > 0 && this.items.every((c) => c.isPositive());
  }

  isAnyNegative(): boolean {
    return this.items.some((c) => c.isNegative());
  }

  /** A sorted copy. */
  sort(): DecCoins {
    return new DecCoins(sortDecCoins(this.items));
  }

  /**
   * Add: a merge of two denom-sorted lists. Unlike Coins.add it does not check sortedness and
   * does not coalesce duplicates within one side; it drops zero coins (inputs and sums).
   */
  add(other: DecCoins | DecCoin): DecCoins {
    return new DecCoins(mergeAdd(this.items, other instanceof DecCoin ? [other] : other.items));
  }

  /** Sub: `this - other` (no NewDecCoins on `other`, unlike Coins.sub); panics on a negative result. */
  sub(other: DecCoins): DecCoins {
    const { coins, hasNeg } = this.safeSub(other);
    if (hasNeg) throw sdkPanic("negative coin amount");
    return coins;
  }

  safeSub(other: DecCoins): DecCoinsDifference {
    const negated = other.items.map((c) => DecCoin.unchecked(c.denom, c.amount.neg()));
    const coins = new DecCoins(mergeAdd(this.items, negated));
    return { coins, hasNeg: coins.isAnyNegative() };
  }

  /**
   * TruncateDecimal: the integer parts as Coins and the fractional rests as DecCoins, neither
   * holding zero coins. Distribution pays out the first and sends the second to the community pool.
   */
  truncateDecimal(): readonly [Coins, DecCoins] {
    let truncated = Coins.empty();
    let change = DecCoins.empty();
    for (const coin of this.items) {
      const [whole, rest] = coin.truncateDecimal();
      if (!whole.isZero()) truncated = truncated.add(whole);
      if (!rest.isZero()) change = change.add(rest);
    }
    return [truncated, change];
  }

  /**
   * Intersect: for each coin here, the smaller of its amount and `other`'s amount of that denom
   * (0 when absent); zero results dropped. Order follows this set.
   */
  intersect(other: DecCoins): DecCoins {
    const result = this.items.map((c) => DecCoin.unchecked(c.denom, Dec.min(c.amount, other.amountOf(c.denom))));
    return new DecCoins(result.filter((c) => !c.isZero()));
  }

  /** Every amount times `d`, rounded half-to-even (Dec.mul); zero products dropped. */
  mulDec(d: Dec): DecCoins {
    return this.scale((amount) => amount.mul(d));
  }

  /** Every amount times `d`, truncated (Dec.mulTruncate); zero products dropped. */
  mulDecTruncate(d: Dec): DecCoins {
    if (d.isZero()) return DecCoins.EMPTY;
    return this.scale((amount) => amount.mulTruncate(d));
  }

  /** Every amount divided by `d`, rounded half-to-even (Dec.quo); panics for d = 0. */
  quoDec(d: Dec): DecCoins {
    if (d.isZero()) throw sdkPanic("invalid zero decimal");
    return this.scale((amount) => amount.quo(d));
  }

  /** Every amount divided by `d`, truncated (Dec.quoTruncate); panics for d = 0. */
  quoDecTruncate(d: Dec): DecCoins {
    if (d.isZero()) throw sdkPanic("invalid zero decimal");
    return this.scale((amount) => amount.quoTruncate(d));
  }

  /** AmountOf: panics on an invalid denom; 0 when absent. The SDK's binary search (see Coins.find). */
  amountOf(denom: string): Dec {
    mustValidateDenom(denom);
    let lo = 0;
    let hi = this.items.length;
    for (;;) {
      const n = hi - lo;
      if (n === 0) return Dec.zero();
      if (n === 1) {
        const coin = this.items[lo] as DecCoin;
        return coin.denom === denom ? coin.amount : Dec.zero();
      }
      const mid = lo + Math.floor(n / 2);
      const coin = this.items[mid] as DecCoin;
      const order = compareDenoms(denom, coin.denom);
      if (order === 0) return coin.amount;
      if (order < 0) hi = mid;
      else lo = mid + 1;
    }
  }

  /** Same coins regardless of order; lengths must match. */
  equal(other: DecCoins): boolean {
    if (this.items.length !== other.items.length) return false;
    const a = sortDecCoins(this.items);
    const b = sortDecCoins(other.items);
    return a.every((c, i) => c.equal(b[i] as DecCoin));
  }

  /** The SDK's MulDec/QuoDec loop: each non-zero result is Add-ed, one coin at a time. */
  private scale(f: (amount: Dec) => Dec): DecCoins {
    let result: readonly DecCoin[] = [];
    for (const coin of this.items) {
      const product = DecCoin.unchecked(coin.denom, f(coin.amount));
      if (!product.isZero()) result = mergeAdd(result, [product]);
    }
    return new DecCoins(result);
  }
}

function decCoinsString(items: readonly DecCoin[]): string {
  return items.map((c) => c.toString()).join(",");
}

function sortDecCoins(items: readonly DecCoin[]): DecCoin[] {
  return [...items].sort((a, b) => compareDenoms(a.denom, b.denom));
}

/** DecCoins.Validate's error text (note: checks duplicates before order, unlike Coins). */
function decCoinsProblem(items: readonly DecCoin[]): string | undefined {
  const first = items[0];
  if (first === undefined) return undefined;
  if (!isValidDenom(first.denom)) return `invalid denom: ${first.denom}`;
  if (!first.isPositive()) return `coin ${first.toString()} amount is not positive`;
  let low = first.denom;
  const seen = new Set<string>([low]);
  for (const coin of items.slice(1)) {
    if (seen.has(coin.denom)) return `duplicate denomination ${coin.denom}`;
    if (!isValidDenom(coin.denom)) return `invalid denom: ${coin.denom}`;
    if (compareDenoms(coin.denom, low) <= 0) return `denomination ${coin.denom} is not sorted`;
    if (!coin.isPositive()) return `coin ${coin.denom} amount is not positive`;
    low = coin.denom;
    seen.add(coin.denom);
  }
  return undefined;
}

/** DecCoins.safeAdd: a two-way merge by denom, dropping zero coins and zero sums. */
function mergeAdd(a: readonly DecCoin[], b: readonly DecCoin[]): DecCoin[] {
  const sum: DecCoin[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a[i] as DecCoin;
    const cb = b[j] as DecCoin;
    const order = compareDenoms(ca.denom, cb.denom);
    if (order < 0) {
      if (!ca.isZero()) sum.push(ca);
      i++;
    } else if (order > 0) {
      if (!cb.isZero()) sum.push(cb);
      j++;
    } else {
      const res = ca.add(cb);
      if (!res.isZero()) sum.push(res);
      i++;
      j++;
    }
  }
  for (const c of a.slice(i)) if (!c.isZero()) sum.push(c);
  for (const c of b.slice(j)) if (!c.isZero()) sum.push(c);
  return sum;
}
