/**
 * `Coin` and `Coins` with the semantics of sdk.Coin / sdk.Coins (types/coin.go, Cosmos SDK v0.50.15).
 *
 * Like the Go slice, a `Coins` can hold anything a decoder produced (unsorted, duplicated, zero or
 * negative coins); `validate()` says whether it is a proper set. Operations behave exactly as the
 * SDK's do on such input, including which ones merely work on unsorted input and which panic.
 *
 * Errors follow one rule: where the SDK returns an error (Validate, SafeSub...) you get an
 * ErrInvalidCoins AppError carrying the SDK's text; where the SDK panics (NewCoin on a bad denom,
 * Sub going negative, AmountOf with a bad denom, unsorted Add...) you get an ErrPanic-coded
 * AppError, which is what the SDK's panic recovery turns the panic into.
 */
import type { Coin as ProtoCoin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import { ErrInvalidCoins, type AppError } from "../errors";
import { compareDenoms, isValidDenom, mustValidateDenom } from "./denom";
import { sdkPanic } from "./go-compat";
import { Int, type IntLike } from "./int";

export type { ProtoCoin };

export class Coin {
  private constructor(
    readonly denom: string,
    readonly amount: Int,
  ) {}

  /** NewCoin: a valid denom and a non-negative amount, else it panics (ErrPanic-coded throw). */
  static of(denom: string, amount: IntLike): Coin {
    const coin = new Coin(denom, Int.from(amount));
    const problem = coinProblem(coin);
    if (problem !== undefined) throw sdkPanic(problem);
    return coin;
  }

  /** A Coin literal (`sdk.Coin{Denom, Amount}`): no validation. */
  static unchecked(denom: string, amount: IntLike): Coin {
    return new Coin(denom, Int.from(amount));
  }

  /**
   * From the cosmjs-types shape, as gogoproto decodes it: no validation of denom or sign; the
   * amount string is read with Go's big.Int syntax (see Int.fromProto).
   */
  static fromProto(proto: ProtoCoin): Coin {
    return new Coin(proto.denom, Int.fromProto(proto.amount));
  }

  toProto(): ProtoCoin {
    return { denom: this.denom, amount: this.amount.toProto() };
  }

  /** "10stake". */
  toString(): string {
    return `${this.amount.toString()}${this.denom}`;
  }

  /** Validate: valid denom and non-negative amount (zero is a valid Coin, unlike in a Coins set). */
  validate(): AppError | undefined {
    const problem = coinProblem(this);
    return problem === undefined ? undefined : ErrInvalidCoins.wrap(problem);
  }

  isValid(): boolean {
    return coinProblem(this) === undefined;
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

  /** Same denom and amount. */
  equal(other: Coin): boolean {
    return this.denom === other.denom && this.amount.equal(other.amount);
  }

  /** Panics on a denom mismatch, as the SDK does. */
  isGTE(other: Coin): boolean {
    this.mustMatch(other, "invalid coin denominations");
    return !this.amount.lt(other.amount);
  }

  isLT(other: Coin): boolean {
    this.mustMatch(other, "invalid coin denominations");
    return this.amount.lt(other.amount);
  }

  isLTE(other: Coin): boolean {
    this.mustMatch(other, "invalid coin denominations");
    return !this.amount.gt(other.amount);
  }

  add(other: Coin): Coin {
    this.mustMatch(other, "invalid coin denominations");
    return new Coin(this.denom, this.amount.add(other.amount));
  }

  addAmount(amount: IntLike): Coin {
    return new Coin(this.denom, this.amount.add(amount));
  }

  /** Panics on a denom mismatch or a negative result. */
  sub(other: Coin): Coin {
    const result = this.safeSub(other);
    if (result instanceof Coin) return result;
    throw sdkPanic(result.message);
  }

  /**
   * SafeSub: the difference, or the SDK's error ("invalid coin denoms: a, b" or
   * "negative coin amount: -1stake") as an ErrInvalidCoins AppError.
   */
  safeSub(other: Coin): Coin | AppError {
    if (this.denom !== other.denom) return ErrInvalidCoins.wrap(`invalid coin denoms: ${this.denom}, ${other.denom}`);
    const result = new Coin(this.denom, this.amount.sub(other.amount));
    if (result.isNegative()) return ErrInvalidCoins.wrap(`negative coin amount: ${result.toString()}`);
    return result;
  }

  /** Panics when the result is negative. */
  subAmount(amount: IntLike): Coin {
    const result = new Coin(this.denom, this.amount.sub(amount));
    if (result.isNegative()) throw sdkPanic("negative coin amount");
    return result;
  }

  private mustMatch(other: Coin, what: string): void {
    if (this.denom !== other.denom) throw sdkPanic(`${what}; ${this.denom}, ${other.denom}`);
  }
}

function coinProblem(coin: Coin): string | undefined {
  if (!isValidDenom(coin.denom)) return `invalid denom: ${coin.denom}`;
  if (coin.amount.isNegative()) return `negative coin amount: ${coin.amount.toString()}`;
  return undefined;
}

/** The outcome of Coins.safeSub: the difference and whether any of its coins is negative. */
export interface CoinsDifference {
  readonly coins: Coins;
  readonly hasNeg: boolean;
}

export class Coins implements Iterable<Coin> {
  private constructor(private readonly items: readonly Coin[]) {}

  private static readonly EMPTY = new Coins([]);

  static empty(): Coins {
    return Coins.EMPTY;
  }

  /**
   * NewCoins: drops zero coins, sorts by denom, then requires a valid set (valid denoms, no
   * duplicates, positive amounts), else it panics (ErrPanic-coded throw).
   */
  static of(...coins: readonly Coin[]): Coins {
    const sanitized = sortCoins(coins.filter((c) => !c.isZero()));
    const problem = coinsProblem(sanitized);
    if (problem !== undefined) throw sdkPanic(`invalid coin set ${coinsString(sanitized)}: ${problem}`);
    return new Coins(sanitized);
  }

  /** A Coins slice literal: kept as given, in the given order, unvalidated. */
  static unchecked(coins: readonly Coin[]): Coins {
    return coins.length === 0 ? Coins.EMPTY : new Coins([...coins]);
  }

  /** From the cosmjs-types shape as the SDK decodes it: order kept, nothing validated. */
  static fromProto(coins: readonly ProtoCoin[]): Coins {
    return Coins.unchecked(coins.map((c) => Coin.fromProto(c)));
  }

  toProto(): ProtoCoin[] {
    return this.items.map((c) => c.toProto());
  }

  /** JSON is the plain array, `[{"denom":"stake","amount":"10"}]`, as the SDK's JSON has it. */
  toJSON(): readonly Coin[] {
    return this.items;
  }

  get length(): number {
    return this.items.length;
  }

  at(index: number): Coin | undefined {
    return this.items[index];
  }

  toArray(): readonly Coin[] {
    return this.items;
  }

  [Symbol.iterator](): Iterator<Coin> {
    return this.items[Symbol.iterator]();
  }

  denoms(): string[] {
    return this.items.map((c) => c.denom);
  }

  /** "10stake,5uatom" in the stored order; "" when empty. */
  toString(): string {
    return coinsString(this.items);
  }

  /** Sorted by denom (strictly: no duplicates), valid denoms, every amount positive. */
  validate(): AppError | undefined {
    const problem = coinsProblem(this.items);
    return problem === undefined ? undefined : ErrInvalidCoins.wrap(problem);
  }

  isValid(): boolean {
    return coinsProblem(this.items) === undefined;
  }

  /** Non-strictly ascending by denom (duplicates allowed), the precondition of add. */
  isSorted(): boolean {
    return isSorted(this.items);
  }

  /** Empty, or every coin zero. */
  isZero(): boolean {
    return this.items.every((c) => c.isZero());
  }

  /** Empty. */
  isEmpty(): boolean {
    return this.items.length === 0;
  }

  /** At least one coin and all positive. */
  isAllPositive(): boolean {
    return this.items.length > 0 && this.items.every((c) => c.isPositive());
  }

  isAnyNegative(): boolean {
    return this.items.some((c) => c.isNegative());
  }

  /** A sorted copy. */
  sort(): Coins {
    return new Coins(sortCoins(this.items));
  }

  /**
   * Add: both sides must be sorted (duplicates allowed; they are summed), else it panics. Amounts
   * are summed per denom, zero sums dropped, the result sorted: {2A} + {A, 2B} = {3A, 2B}.
   */
  add(other: Coins | Coin): Coins {
    return new Coins(safeAdd(this.items, asList(other)));
  }

  /**
   * Sub: `this - other`, where `other` goes through NewCoins first (so an invalid `other` panics)
   * and a negative result panics. Use safeSub to test for insufficient funds.
   */
  sub(other: Coins | Coin): Coins {
    const { coins, hasNeg } = this.safeSub(other);
    if (hasNeg) throw sdkPanic("negative coin amount");
    return coins;
  }

  /** SafeSub: the difference (which may hold negative coins) and whether any coin is negative. */
  safeSub(other: Coins | Coin): CoinsDifference {
    const subtrahend = Coins.of(...asList(other)).items.map((c) => Coin.unchecked(c.denom, c.amount.neg()));
    const coins = new Coins(safeAdd(this.items, subtrahend));
    return { coins, hasNeg: coins.isAnyNegative() };
  }

  /** MulInt: every amount times `x`; panics for x = 0 or a negative product. Order kept. */
  mulInt(x: IntLike): Coins {
    const result = this.safeMulInt(x);
    if (result === undefined) throw sdkPanic("multiplying by zero is an invalid operation on coins");
    return result;
  }

  /** SafeMulInt: `undefined` for x = 0. */
  safeMulInt(x: IntLike): Coins | undefined {
    const factor = Int.from(x);
    if (factor.isZero()) return undefined;
    return new Coins(this.items.map((c) => Coin.of(c.denom, c.amount.mul(factor))));
  }

  /** QuoInt: every amount divided by `x`, truncated (zero coins may result); panics for x = 0. */
  quoInt(x: IntLike): Coins {
    const result = this.safeQuoInt(x);
    if (result === undefined) throw sdkPanic("dividing by zero is an invalid operation on coins");
    return result;
  }

  /** SafeQuoInt: `undefined` for x = 0. */
  safeQuoInt(x: IntLike): Coins | undefined {
    const divisor = Int.from(x);
    if (divisor.isZero()) return undefined;
    return new Coins(this.items.map((c) => Coin.of(c.denom, c.amount.quo(divisor))));
  }

  /** Max: per denom the larger amount, a denom missing on one side counting as that side's 0. */
  max(other: Coins): Coins {
    const a = this.items;
    const b = other.items;
    const out: Coin[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const ca = a[i] as Coin;
      const cb = b[j] as Coin;
      const order = compareDenoms(ca.denom, cb.denom);
      if (order < 0) {
        out.push(ca);
        i++;
      } else if (order > 0) {
        out.push(cb);
        j++;
      } else {
        out.push(cb.amount.gt(ca.amount) ? cb : ca);
        i++;
        j++;
      }
    }
    out.push(...a.slice(i), ...b.slice(j));
    return Coins.of(...out);
  }

  /** Min: per denom present on both sides the smaller amount; other denoms dropped. */
  min(other: Coins): Coins {
    const a = this.items;
    const b = other.items;
    const out: Coin[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const ca = a[i] as Coin;
      const cb = b[j] as Coin;
      const order = compareDenoms(ca.denom, cb.denom);
      if (order < 0) {
        i++;
      } else if (order > 0) {
        j++;
      } else {
        const smaller = cb.amount.lt(ca.amount) ? cb : ca;
        if (!smaller.isZero()) out.push(smaller);
        i++;
        j++;
      }
    }
    return Coins.of(...out);
  }

  /**
   * IsAllGT: every denom of `other` is present here in a greater amount. False when this is empty
   * (even if `other` is empty too); true when only `other` is empty.
   */
  isAllGT(other: Coins): boolean {
    if (this.items.length === 0) return false;
    if (other.items.length === 0) return true;
    if (!other.denomsSubsetOf(this)) return false;
    return other.items.every((b) => this.amountOf(b.denom).gt(b.amount));
  }

  /**
   * IsAllGTE: no denom of `other` is present here in a smaller amount (missing counts as 0).
   * True when `other` is empty; false when this is empty and `other` is not, even if `other` is
   * all zeros.
   */
  isAllGTE(other: Coins): boolean {
    if (other.items.length === 0) return true;
    if (this.items.length === 0) return false;
    return other.items.every((b) => !b.amount.gt(this.amountOf(b.denom)));
  }

  /** IsAllLT: `other.isAllGT(this)`. */
  isAllLT(other: Coins): boolean {
    return other.isAllGT(this);
  }

  /** IsAllLTE: `other.isAllGTE(this)`. */
  isAllLTE(other: Coins): boolean {
    return other.isAllGTE(this);
  }

  /**
   * IsAnyGT: some denom of this is present in `other` with a non-zero amount smaller than here.
   * Denoms missing from `other` do not count: {2A, 3B}.isAnyGT({5C}) is false.
   */
  isAnyGT(other: Coins): boolean {
    if (other.items.length === 0) return false;
    return this.items.some((c) => {
      const amount = other.amountOf(c.denom);
      return c.amount.gt(amount) && !amount.isZero();
    });
  }

  /**
   * IsAnyGTE: some denom of this is present in `other` with a non-zero amount <= the one here
   * (the ante handler's min-gas-price check: the fee must cover ANY required coin).
   */
  isAnyGTE(other: Coins): boolean {
    if (other.items.length === 0) return false;
    return this.items.some((c) => {
      const amount = other.amountOf(c.denom);
      return c.amount.gte(amount) && !amount.isZero();
    });
  }

  /** DenomsSubsetOf: every denom here has a non-zero amount in `other`. */
  denomsSubsetOf(other: Coins): boolean {
    if (this.items.length > other.items.length) return false;
    return this.items.every((c) => !other.amountOf(c.denom).isZero());
  }

  /** Same coins regardless of order (both sides sorted first); lengths must match. */
  equal(other: Coins): boolean {
    if (this.items.length !== other.items.length) return false;
    const a = sortCoins(this.items);
    const b = sortCoins(other.items);
    return a.every((c, i) => c.equal(b[i] as Coin));
  }

  /** AmountOf: panics on an invalid denom; 0 when absent. Binary search: the set must be sorted. */
  amountOf(denom: string): Int {
    mustValidateDenom(denom);
    return this.amountOfNoDenomValidation(denom);
  }

  amountOfNoDenomValidation(denom: string): Int {
    return this.find(denom)?.amount ?? Int.zero();
  }

  /**
   * Find: the SDK's recursive binary search (mid = len/2), reproduced step for step so that even
   * on unsorted input it finds, or misses, what the SDK finds or misses.
   */
  find(denom: string): Coin | undefined {
    let lo = 0;
    let hi = this.items.length;
    for (;;) {
      const n = hi - lo;
      if (n === 0) return undefined;
      if (n === 1) {
        const coin = this.items[lo] as Coin;
        return coin.denom === denom ? coin : undefined;
      }
      const mid = lo + Math.floor(n / 2);
      const coin = this.items[mid] as Coin;
      const order = compareDenoms(denom, coin.denom);
      if (order === 0) return coin;
      if (order < 0) hi = mid;
      else lo = mid + 1;
    }
  }
}

function asList(x: Coins | Coin): readonly Coin[] {
  return x instanceof Coin ? [x] : x.toArray();
}

function coinsString(items: readonly Coin[]): string {
  return items.map((c) => c.toString()).join(",");
}

function isSorted(items: readonly Coin[]): boolean {
  for (let i = 1; i < items.length; i++) {
    if (compareDenoms((items[i - 1] as Coin).denom, (items[i] as Coin).denom) > 0) return false;
  }
  return true;
}

/** A sorted copy (stable; the SDK's sort is not, which only matters for duplicate denoms). */
function sortCoins(items: readonly Coin[]): Coin[] {
  return [...items].sort((a, b) => compareDenoms(a.denom, b.denom));
}

/** Coins.Validate's error text, or undefined for a valid set. */
function coinsProblem(items: readonly Coin[]): string | undefined {
  const first = items[0];
  if (first === undefined) return undefined;
  if (!isValidDenom(first.denom)) return `invalid denom: ${first.denom}`;
  if (!first.isPositive()) return `coin ${first.toString()} amount is not positive`;
  let low = first.denom;
  for (const coin of items.slice(1)) {
    if (!isValidDenom(coin.denom)) return `invalid denom: ${coin.denom}`;
    const order = compareDenoms(coin.denom, low);
    if (order < 0) return `denomination ${coin.denom} is not sorted`;
    if (order === 0) return `duplicate denomination ${coin.denom}`;
    if (!coin.isPositive()) return `coin ${coin.denom} amount is not positive`;
    low = coin.denom;
  }
  return undefined;
}

/**
 * Coins.safeAdd: both inputs sorted or panic; per denom the amounts are summed in input order
 * (all of `a`'s, then `b`'s: an intermediate overflow panics as in the SDK); zero sums dropped;
 * result sorted.
 */
function safeAdd(a: readonly Coin[], b: readonly Coin[]): Coin[] {
  if (!isSorted(a)) throw sdkPanic("Coins (self) must be sorted");
  if (!isSorted(b)) throw sdkPanic("Wrong argument: coins must be sorted");
  const byDenom = new Map<string, Coin[]>();
  for (const coin of [...a, ...b]) {
    const group = byDenom.get(coin.denom);
    if (group === undefined) byDenom.set(coin.denom, [coin]);
    else group.push(coin);
  }
  const out: Coin[] = [];
  // Denoms in sorted order so that the walk, and the first overflow reported, are deterministic.
  for (const denom of [...byDenom.keys()].sort(compareDenoms)) {
    let sum = Int.zero();
    for (const coin of byDenom.get(denom) ?? []) sum = sum.add(coin.amount);
    if (!sum.isZero()) out.push(Coin.unchecked(denom, sum));
  }
  return out;
}
