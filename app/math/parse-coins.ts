/**
 * Coin strings ("10uplume,5stake"), parsed as the SDK's ParseDecCoin(s) and
 * ParseCoin(s)Normalized do (types/dec_coin.go, types/denom.go). All failures throw
 * ErrInvalidCoins with the SDK's message in front.
 *
 * What is accepted, exactly as on a Go node:
 * - Whitespace: the whole string and each comma-separated part are trimmed (Go's TrimSpace, so any
 *   Unicode space), and ASCII whitespace may sit between amount and denom ("98 bar , 1 foo  ").
 *   No other spaces: "11me coin" is rejected. An empty part ("5foo,") is rejected.
 * - Amounts: digits with an optional fraction of at most 18 digits; no sign. "" parses to no coins.
 * - Zero coins are dropped ("0stake" gives an empty set); duplicates are rejected after sorting;
 *   the result is sorted by denom.
 * - The Normalized (integer) variants accept decimals and TRUNCATE them ("1.2btc" is 1btc). The
 *   SDK does not re-validate after truncating, so "0.5stake" yields a set holding a zero coin
 *   (0stake); validate() the result where positive amounts are required. (No denom units are
 *   registered in plumed, so the SDK's unit conversion step is the identity.)
 */
import { ErrInvalidCoins } from "../errors";
import { Coin, Coins } from "./coins";
import { Dec, parseDecString } from "./dec";
import { DecCoin, DecCoins } from "./dec-coins";
import { DENOM_PATTERN } from "./denom";
import { goTrimSpace } from "./go-compat";

// reDecCoin: amount, optional [[:space:]]* (ASCII only), denom, anchored at both ends.
const DEC_COIN_REGEX = new RegExp(`^([0-9]+(?:\\.[0-9]+)?|\\.[0-9]+)[\\t\\n\\v\\f\\r ]*(${DENOM_PATTERN})$`);

/** ParseDecCoin: one "{amount}{denom}", e.g. "9.3stake" or "9.3 stake". "" is invalid. */
export function parseDecCoin(input: string): DecCoin {
  const s = goTrimSpace(input);
  const match = DEC_COIN_REGEX.exec(s);
  const amountText = match?.[1];
  const denom = match?.[2];
  if (amountText === undefined || denom === undefined) {
    throw ErrInvalidCoins.wrap(`invalid decimal coin expression: ${s}`);
  }
  // ".5" and 19+ decimals pass the pattern but not LegacyNewDecFromStr.
  const atomics = parseDecString(amountText);
  if (typeof atomics === "string") {
    throw ErrInvalidCoins.wrap(`failed to parse decimal coin amount: ${amountText}: ${atomics}`);
  }
  return DecCoin.of(denom, Dec.fromAtomics(atomics));
}

/** ParseDecCoins: a comma-separated list; sanitized (zeros dropped, sorted) and validated. */
export function parseDecCoins(input: string): DecCoins {
  const s = goTrimSpace(input);
  if (s.length === 0) return DecCoins.empty();
  const coins = s.split(",").map((part) => parseDecCoin(part));
  const sanitized = DecCoins.unchecked(coins.filter((c) => !c.isZero())).sort();
  const err = sanitized.validate();
  if (err !== undefined) throw err;
  return sanitized;
}

/** ParseCoinNormalized: one coin, fraction truncated ("1.9stake" is 1stake, "0.5stake" is 0stake). */
export function parseCoinNormalized(input: string): Coin {
  const [coin] = parseDecCoin(input).truncateDecimal();
  return coin;
}

/**
 * ParseCoinsNormalized: "10uplume,5stake" -> Coins sorted by denom; see the module comment for
 * whitespace, zero, duplicate and decimal handling.
 */
export function parseCoinsNormalized(input: string): Coins {
  const decCoins = parseDecCoins(input);
  return Coins.unchecked(decCoins.toArray().map((c) => c.truncateDecimal()[0]));
}
