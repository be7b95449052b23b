/**
 * plumed's money math: Int/Uint, Dec (the SDK's LegacyDec), Coin(s) and DecCoin(s), bit-identical
 * to cosmossdk.io/math v1.4.0 and the sdk types of Cosmos SDK v0.50.15.
 *
 * Errors: where the SDK returns an error you get an AppError (ErrInvalidCoins for coins and coin
 * strings, ErrInvalidRequest for number strings, ErrTxDecode for undecodable proto strings); where
 * the SDK panics (overflow, division by zero, negative coin results, bad denom in NewCoin/AmountOf)
 * you get an ErrPanic-coded AppError (undefined/111222), what baseapp reports for a recovered panic.
 */
export { Int, Uint, MAX_BIT_LEN, type IntLike } from "./int";
export { Dec, PRECISION } from "./dec";
export { Coin, Coins, type CoinsDifference, type ProtoCoin } from "./coins";
export { DecCoin, DecCoins, type DecCoinsDifference, type ProtoDecCoin } from "./dec-coins";
export { DENOM_PATTERN, isValidDenom, validateDenom, compareDenoms } from "./denom";
export { parseDecCoin, parseDecCoins, parseCoinNormalized, parseCoinsNormalized } from "./parse-coins";
export { sdkPanic, compareGoStrings } from "./go-compat";
