/**
 * Denomination rules shared by Coin and DecCoin (types/coin.go in Cosmos SDK v0.50).
 */
import { ErrInvalidCoins, type AppError } from "../errors";
import { compareGoStrings, sdkPanic } from "./go-compat";

/**
 * The SDK's default denom pattern (DefaultCoinDenomRegex): a letter, then 2 to 127 letters, digits
 * or one of `/ : . _ -`. Case is significant ("ATOM" and "atom" are different denoms).
 */
export const DENOM_PATTERN = "[a-zA-Z][a-zA-Z0-9/:._-]{2,127}";
const DENOM_REGEX = new RegExp(`^${DENOM_PATTERN}$`);

export function isValidDenom(denom: string): boolean {
  return DENOM_REGEX.test(denom);
}

/** ValidateDenom: ErrInvalidCoins "invalid denom: X" (a plain error in the SDK; callers wrap it). */
export function validateDenom(denom: string): AppError | undefined {
  return isValidDenom(denom) ? undefined : ErrInvalidCoins.wrap(`invalid denom: ${denom}`);
}

/** mustValidateDenom: where the SDK panics on a bad denom (AmountOf, NewCoin...). */
export function mustValidateDenom(denom: string): void {
  if (!isValidDenom(denom)) throw sdkPanic(`invalid denom: ${denom}`);
}

/** Denom order as Go sorts them: byte-wise, so "ATOM" < "Atom" < "atom". */
export const compareDenoms = compareGoStrings;
