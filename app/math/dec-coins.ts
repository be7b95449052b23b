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
import { CoinSet, DenomAmount, mergeAdd, sanitizedSet, type CoinSetKind, type SetDifference } from "./coin-set";
import { Coin, Coins } from "./coins";
import { Dec } from "./dec";
import { isValidDenom, mustValidateDenom } from "./denom";
import { sdkPanic } from "./go-compat";
import type { IntLike } from "./int";

export type { ProtoDecCoin };

export class DecCoin extends DenomAmount<Dec> {
  private constructor(denom: string, amount: Dec) {
    super(denom, amount);
  }

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

  /** DecCoin.Validate's text: valid denom and non-negative amount. */
  protected problem(): string | undefined {
    if (!isValidDenom(this.denom)) return `invalid denom: ${this.denom}`;
    if (this.isNegative()) return `decimal coin ${this.toString()} amount cannot be negative`;
    return undefined;
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

const DEC_COINS: CoinSetKind<Dec, DecCoin> = { coin: (denom, amount) => DecCoin.unchecked(denom, amount), duplicates: "anywhere" };

/** The outcome of DecCoins.safeSub. */
export type DecCoinsDifference = SetDifference<DecCoins>;

export class DecCoins extends CoinSet<Dec, DecCoin, DecCoins> {
  private constructor(items: readonly DecCoin[]) {
    super(items);
  }

  private static readonly EMPTY = new DecCoins([]);

  protected get kind(): CoinSetKind<Dec, DecCoin> {
    return DEC_COINS;
  }

  static empty(): DecCoins {
    return DecCoins.EMPTY;
  }

  /** NewDecCoins: drops zero coins, sorts, then requires a valid set, else it panics. */
  static of(...coins: readonly DecCoin[]): DecCoins {
    return new DecCoins(sanitizedSet(coins, DEC_COINS));
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

  protected wrap(items: readonly DecCoin[]): DecCoins {
    return new DecCoins(items);
  }

  protected zero(): Dec {
    return Dec.zero();
  }

  /**
   * Add: a merge of two denom-sorted lists. Unlike Coins.add it does not check sortedness and
   * does not coalesce duplicates within one side; it drops zero coins (inputs and sums).
   */
  protected addItems(a: readonly DecCoin[], b: readonly DecCoin[]): DecCoin[] {
    return mergeAdd(a, b, DEC_COINS);
  }

  /** Sub and SafeSub negate `other` as it is (no NewDecCoins on it, unlike Coins.sub). */
  protected subtrahend(other: DecCoins | DecCoin): readonly DecCoin[] {
    return other instanceof DecCoin ? [other] : other.toArray();
  }

  /** The cosmjs-types shape, amounts as atomics: { denom: "stake", amount: "1500000000000000000" }. */
  toProto(): ProtoDecCoin[] {
    return this.items.map((c) => c.toProto());
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

  /** The SDK's MulDec/QuoDec loop: each non-zero result is Add-ed, one coin at a time. */
  private scale(f: (amount: Dec) => Dec): DecCoins {
    let result: readonly DecCoin[] = [];
    for (const coin of this.items) {
      const product = DecCoin.unchecked(coin.denom, f(coin.amount));
      if (!product.isZero()) result = mergeAdd(result, [product], DEC_COINS);
    }
    return new DecCoins(result);
  }
}
