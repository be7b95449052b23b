/**
 * What sdk.Coins and sdk.DecCoins have in common (types/coin.go and types/dec_coin.go, Cosmos SDK
 * v0.50.15), written once over the amount type (Int or Dec): the single coin's predicates, the
 * set's validation, sorting, the SDK's binary search, equality, the two ways of adding sets and
 * subtraction as addition of the negated set.
 *
 * The two SDK types are not identical, and neither is what is built here: where they differ the
 * difference is a parameter with its reason (`CoinSetKind`, `Coins.addItems` vs
 * `DecCoins.addItems`), never an accident of one copy drifting from the other. Methods only one of
 * them has in the SDK (Coins' comparisons and Max/Min, DecCoins' Intersect and MulDec...) stay in
 * coins.ts and dec-coins.ts, so neither class grows methods a Go caller would not find.
 */
import { ErrInvalidCoins, type AppError } from "../errors";
import { compareDenoms, isValidDenom, mustValidateDenom } from "./denom";
import { sdkPanic } from "./go-compat";

/** The operations a coin amount (Int, Dec) provides to the set logic. */
export interface CoinAmount<A> {
  isZero(): boolean;
  isPositive(): boolean;
  isNegative(): boolean;
  equal(other: A): boolean;
  add(other: A): A;
  neg(): A;
  /** The proto (wire) form: Int's decimal text, Dec's atomics. */
  toProto(): string;
  toString(): string;
}

/** A denom and an amount: the part of sdk.Coin and sdk.DecCoin that does not depend on the amount type. */
export abstract class DenomAmount<A extends CoinAmount<A>> {
  protected constructor(
    readonly denom: string,
    readonly amount: A,
  ) {}

  /** Validate's text without the ErrInvalidCoins wrapping, or undefined when valid. */
  protected abstract problem(): string | undefined;

  /** The cosmjs-types shape ({denom, amount}) with the amount's proto form. */
  toProto(): { denom: string; amount: string } {
    return { denom: this.denom, amount: this.amount.toProto() };
  }

  /** "10stake", "1.500000000000000000stake". */
  toString(): string {
    return `${this.amount.toString()}${this.denom}`;
  }

  /** Valid denom and non-negative amount (zero is valid for a single coin, unlike in a set). */
  validate(): AppError | undefined {
    const problem = this.problem();
    return problem === undefined ? undefined : ErrInvalidCoins.wrap(problem);
  }

  isValid(): boolean {
    return this.problem() === undefined;
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

  /** Same denom and amount (gogoproto Equal; no panic on a denom mismatch). */
  equal(other: DenomAmount<A>): boolean {
    return this.denom === other.denom && this.amount.equal(other.amount);
  }
}

/** What tells one kind of set from the other. */
export interface CoinSetKind<A extends CoinAmount<A>, C extends DenomAmount<A>> {
  /** The Go struct literal `Coin{Denom, Amount}`: no validation. */
  readonly coin: (denom: string, amount: A) => C;
  /**
   * Where Validate looks for a duplicate denom: Coins.Validate compares each denom with the one
   * before it ("adjacent", so [a, b, a] is "not sorted"); DecCoins.Validate keeps a set of every
   * denom seen and checks it first ("anywhere", so [a, b, a] is a "duplicate").
   */
  readonly duplicates: "adjacent" | "anywhere";
}

/** The outcome of SafeSub: the difference (which may hold negative coins) and whether any is negative. */
export interface SetDifference<S> {
  readonly coins: S;
  readonly hasNeg: boolean;
}

/**
 * A Go slice of coins: it holds whatever it was given (unsorted, duplicated, zero or negative
 * coins, as a decoder may produce); `validate()` says whether it is a proper set. Immutable: every
 * operation returns a new set.
 */
export abstract class CoinSet<A extends CoinAmount<A>, C extends DenomAmount<A>, S extends CoinSet<A, C, S>> implements Iterable<C> {
  protected constructor(protected readonly items: readonly C[]) {}

  protected abstract readonly kind: CoinSetKind<A, C>;
  /** A set of this class around `items` (taken as they are). */
  protected abstract wrap(items: readonly C[]): S;
  /** The set's Add (see `Coins.addItems` and `DecCoins.addItems` for how they differ). */
  protected abstract addItems(a: readonly C[], b: readonly C[]): C[];
  /** What SafeSub subtracts: Coins puts the other side through NewCoins first, DecCoins does not. */
  protected abstract subtrahend(other: S | C): readonly C[];
  /** The zero amount, AmountOf's answer for a missing denom. */
  protected abstract zero(): A;

  /** JSON is the plain array of coins, as the SDK's JSON has it. */
  toJSON(): readonly C[] {
    return this.items;
  }

  get length(): number {
    return this.items.length;
  }

  at(index: number): C | undefined {
    return this.items[index];
  }

  toArray(): readonly C[] {
    return this.items;
  }

  [Symbol.iterator](): Iterator<C> {
    return this.items[Symbol.iterator]();
  }

  /** "10stake,5uatom" in the stored order; "" when empty. */
  toString(): string {
    return coinsString(this.items);
  }

  /** Sorted by denom without duplicates, valid denoms, every amount positive. */
  validate(): AppError | undefined {
    const problem = setProblem(this.items, this.kind);
    return problem === undefined ? undefined : ErrInvalidCoins.wrap(problem);
  }

  isValid(): boolean {
    return setProblem(this.items, this.kind) === undefined;
  }

  /** Empty (the SDK's Empty). */
  isEmpty(): boolean {
    return this.items.length === 0;
  }

  /** Empty, or every coin zero. */
  isZero(): boolean {
    return this.items.every((c) => c.isZero());
  }

  /** At least one coin and all positive. */
  isAllPositive(): boolean {
    return this.items.length > 0 && this.items.every((c) => c.isPositive());
  }

  isAnyNegative(): boolean {
    return this.items.some((c) => c.isNegative());
  }

  /** A sorted copy. */
  sort(): S {
    return this.wrap(sortByDenom(this.items));
  }

  /** Add: the sum of this set and `other` (a set or one coin). */
  add(other: S | C): S {
    return this.wrap(this.addItems(this.items, other instanceof CoinSet ? other.toArray() : [other]));
  }

  /** Sub: `this - other`; panics on a negative result. Use safeSub to test for insufficient funds. */
  sub(other: S | C): S {
    const { coins, hasNeg } = this.safeSub(other);
    if (hasNeg) throw sdkPanic("negative coin amount");
    return coins;
  }

  /** SafeSub: this plus the negated subtrahend, and whether any resulting coin is negative. */
  safeSub(other: S | C): SetDifference<S> {
    const { coin } = this.kind;
    const negated = this.subtrahend(other).map((c) => coin(c.denom, c.amount.neg()));
    const coins = this.wrap(this.addItems(this.items, negated));
    return { coins, hasNeg: coins.isAnyNegative() };
  }

  /** Same coins regardless of order (both sides sorted first); lengths must match. */
  equal(other: S): boolean {
    const theirs = other.toArray();
    if (this.items.length !== theirs.length) return false;
    const a = sortByDenom(this.items);
    const b = sortByDenom(theirs);
    return a.every((c, i) => c.equal(b[i] as C));
  }

  /** AmountOf: panics on an invalid denom; 0 when absent. A binary search: the set must be sorted. */
  amountOf(denom: string): A {
    mustValidateDenom(denom);
    return this.findCoin(denom)?.amount ?? this.zero();
  }

  /**
   * The SDK's recursive binary search (mid = len/2), reproduced step for step so that even on
   * unsorted input it finds, or misses, what the SDK finds or misses.
   */
  protected findCoin(denom: string): C | undefined {
    const items = this.items;
    let lo = 0;
    let hi = items.length;
    for (;;) {
      const n = hi - lo;
      if (n === 0) return undefined;
      if (n === 1) {
        const coin = items[lo] as C;
        return coin.denom === denom ? coin : undefined;
      }
      const mid = lo + (n >> 1);
      const coin = items[mid] as C;
      const order = compareDenoms(denom, coin.denom);
      if (order === 0) return coin;
      if (order < 0) hi = mid;
      else lo = mid + 1;
    }
  }
}

export function coinsString(items: readonly { toString(): string }[]): string {
  return items.map((c) => c.toString()).join(",");
}

/** A sorted copy (stable; Go's sort is not, which only matters for duplicate denoms). */
export function sortByDenom<C extends { readonly denom: string }>(items: readonly C[]): C[] {
  return [...items].sort((a, b) => compareDenoms(a.denom, b.denom));
}

/** Non-strictly ascending by denom (duplicates allowed): Coins.isSorted, the precondition of Coins.Add. */
export function isSortedByDenom(items: readonly { readonly denom: string }[]): boolean {
  for (let i = 1; i < items.length; i++) {
    if (compareDenoms((items[i - 1] as { denom: string }).denom, (items[i] as { denom: string }).denom) > 0) return false;
  }
  return true;
}

/** NewCoins / NewDecCoins: zero coins dropped, sorted, then a valid set or a panic with the SDK's text. */
export function sanitizedSet<A extends CoinAmount<A>, C extends DenomAmount<A>>(coins: readonly C[], kind: CoinSetKind<A, C>): C[] {
  const sanitized = sortByDenom(coins.filter((c) => !c.isZero()));
  const problem = setProblem(sanitized, kind);
  if (problem !== undefined) throw sdkPanic(`invalid coin set ${coinsString(sanitized)}: ${problem}`);
  return sanitized;
}

/** Validate's error text (without ErrInvalidCoins), or undefined for a valid set. */
function setProblem<A extends CoinAmount<A>, C extends DenomAmount<A>>(items: readonly C[], kind: CoinSetKind<A, C>): string | undefined {
  const first = items[0];
  if (first === undefined) return undefined;
  if (!isValidDenom(first.denom)) return `invalid denom: ${first.denom}`;
  if (!first.isPositive()) return `coin ${first.toString()} amount is not positive`;
  const seen = kind.duplicates === "anywhere" ? new Set<string>([first.denom]) : undefined;
  let low = first.denom;
  for (let i = 1; i < items.length; i++) {
    const coin = items[i] as C;
    if (seen?.has(coin.denom)) return `duplicate denomination ${coin.denom}`;
    if (!isValidDenom(coin.denom)) return `invalid denom: ${coin.denom}`;
    const order = compareDenoms(coin.denom, low);
    if (order < 0) return `denomination ${coin.denom} is not sorted`;
    if (order === 0) return `duplicate denomination ${coin.denom}`;
    if (!coin.isPositive()) return `coin ${coin.denom} amount is not positive`;
    low = coin.denom;
    seen?.add(low);
  }
  return undefined;
}

/**
 * A two-way merge of two denom-ordered lists, as the SDK's DecCoins.safeAdd and Coins.Max/Min walk
 * them: at each step the smaller denom is taken from its side alone (`pick(x, undefined)` or
 * `pick(undefined, y)`), an equal denom from both (`pick(x, y)`), and then what is left of either
 * side one coin at a time; `pick` returns the coin to keep, or undefined. On unsorted input it
 * pairs what the SDK pairs.
 */
export function mergeByDenom<C extends { readonly denom: string }>(a: readonly C[], b: readonly C[], pick: (x: C | undefined, y: C | undefined) => C | undefined): C[] {
  const out: C[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    const order = x === undefined ? 1 : y === undefined ? -1 : compareDenoms(x.denom, y.denom);
    const kept = order < 0 ? pick(x, undefined) : order > 0 ? pick(undefined, y) : pick(x, y);
    if (kept !== undefined) out.push(kept);
    if (order <= 0) i++;
    if (order >= 0) j++;
  }
  return out;
}

/**
 * DecCoins.safeAdd: the merge, equal denoms summed, zero coins (on one side or as a sum) dropped.
 * Duplicates within one side are not coalesced and unsorted input is not refused, as in the SDK.
 */
export function mergeAdd<A extends CoinAmount<A>, C extends DenomAmount<A>>(a: readonly C[], b: readonly C[], kind: CoinSetKind<A, C>): C[] {
  return mergeByDenom(a, b, (x, y) => {
    const kept = x !== undefined && y !== undefined ? kind.coin(x.denom, x.amount.add(y.amount)) : ((x ?? y) as C);
    return kept.isZero() ? undefined : kept;
  });
}

/**
 * Coins.safeAdd: both sides must be sorted (non-strictly), else it panics with the SDK's texts;
 * per denom every amount is summed, all of `a`'s then all of `b`'s in their order (the order the
 * SDK's per-denom lists sum in, so an intermediate overflow panics as there); zero sums dropped;
 * the result in denom order. {2A} + {A, 2B} = {3A, 2B}; {A, A} + {} = {2A}.
 */
export function coalescingAdd<A extends CoinAmount<A>, C extends DenomAmount<A>>(a: readonly C[], b: readonly C[], kind: CoinSetKind<A, C>): C[] {
  if (!isSortedByDenom(a)) throw sdkPanic("Coins (self) must be sorted");
  if (!isSortedByDenom(b)) throw sdkPanic("Wrong argument: coins must be sorted");
  const out: C[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    const denom = x === undefined ? (y as C).denom : y === undefined || compareDenoms(x.denom, y.denom) <= 0 ? x.denom : y.denom;
    let sum: A | undefined;
    for (; i < a.length && (a[i] as C).denom === denom; i++) sum = sum === undefined ? (a[i] as C).amount : sum.add((a[i] as C).amount);
    for (; j < b.length && (b[j] as C).denom === denom; j++) sum = sum === undefined ? (b[j] as C).amount : sum.add((b[j] as C).amount);
    if (sum !== undefined && !sum.isZero()) out.push(kind.coin(denom, sum));
  }
  return out;
}
