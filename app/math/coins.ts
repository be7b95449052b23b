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
import { CoinSet, DenomAmount, coalescingAdd, mergeByDenom, sanitizedSet, isSortedByDenom, type CoinSetKind, type SetDifference } from "./coin-set";
import { isValidDenom } from "./denom";
import { sdkPanic } from "./go-compat";
import { Int, type IntLike } from "./int";

export type { ProtoCoin };

export class Coin extends DenomAmount<Int> {
  private constructor(denom: string, amount: Int) {
    super(denom, amount);
  }

  /** NewCoin: a valid denom and a non-negative amount, else it panics (ErrPanic-coded throw). */
  static of(denom: string, amount: IntLike): Coin {
    const coin = new Coin(denom, Int.from(amount));
    const problem = coin.problem();
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

  /** Coin.Validate's text: valid denom and non-negative amount. */
  protected problem(): string | undefined {
    if (!isValidDenom(this.denom)) return `invalid denom: ${this.denom}`;
    if (this.amount.isNegative()) return `negative coin amount: ${this.amount.toString()}`;
    return undefined;
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

const COINS: CoinSetKind<Int, Coin> = { coin: (denom, amount) => Coin.unchecked(denom, amount), duplicates: "adjacent" };

/** The outcome of Coins.safeSub: the difference and whether any of its coins is negative. */
export type CoinsDifference = SetDifference<Coins>;

export class Coins extends CoinSet<Int, Coin, Coins> {
  private constructor(items: readonly Coin[]) {
    super(items);
  }

  private static readonly EMPTY = new Coins([]);

  protected get kind(): CoinSetKind<Int, Coin> {
    return COINS;
  }

  static empty(): Coins {
    return Coins.EMPTY;
  }

  /**
   * NewCoins: drops zero coins, sorts by denom, then requires a valid set (valid denoms, no
   * duplicates, positive amounts), else it panics (ErrPanic-coded throw).
   */
  static of(...coins: readonly Coin[]): Coins {
    return new Coins(sanitizedSet(coins, COINS));
  }

  /** A Coins slice literal: kept as given, in the given order, unvalidated. */
  static unchecked(coins: readonly Coin[]): Coins {
    return coins.length === 0 ? Coins.EMPTY : new Coins([...coins]);
  }

  /** From the cosmjs-types shape as the SDK decodes it: order kept, nothing validated. */
  static fromProto(coins: readonly ProtoCoin[]): Coins {
    return Coins.unchecked(coins.map((c) => Coin.fromProto(c)));
  }

  protected wrap(items: readonly Coin[]): Coins {
    return new Coins(items);
  }

  protected zero(): Int {
    return Int.zero();
  }

  /**
   * Add: both sides must be sorted (duplicates allowed; they are summed), else it panics. Amounts
   * are summed per denom, zero sums dropped, the result sorted: {2A} + {A, 2B} = {3A, 2B}.
   */
  protected addItems(a: readonly Coin[], b: readonly Coin[]): Coin[] {
    return coalescingAdd(a, b, COINS);
  }

  /** Sub and SafeSub take `NewCoins(other...)`: an invalid subtrahend panics. */
  protected subtrahend(other: Coins | Coin): readonly Coin[] {
    return sanitizedSet(other instanceof Coin ? [other] : other.toArray(), COINS);
  }

  toProto(): ProtoCoin[] {
    return this.items.map((c) => c.toProto());
  }

  denoms(): string[] {
    return this.items.map((c) => c.denom);
  }

  /** Non-strictly ascending by denom (duplicates allowed), the precondition of add. */
  isSorted(): boolean {
    return isSortedByDenom(this.items);
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
    return Coins.of(...mergeByDenom(this.items, other.items, (x, y) => (x === undefined || y === undefined ? (x ?? y) : y.amount.gt(x.amount) ? y : x)));
  }

  /** Min: per denom present on both sides the smaller amount; other denoms dropped. */
  min(other: Coins): Coins {
    const smaller = (x: Coin | undefined, y: Coin | undefined): Coin | undefined => {
      if (x === undefined || y === undefined) return undefined;
      const kept = y.amount.lt(x.amount) ? y : x;
      return kept.isZero() ? undefined : kept;
    };
    return Coins.of(...mergeByDenom(this.items, other.items, smaller));
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

  /** AmountOfNoDenomValidation: 0 when absent. */
  amountOfNoDenomValidation(denom: string): Int {
    return this.findCoin(denom)?.amount ?? Int.zero();
  }

  /** Find: the coin of `denom`, by the SDK's binary search (which may miss on unsorted input). */
  find(denom: string): Coin | undefined {
    return this.findCoin(denom);
  }
}
