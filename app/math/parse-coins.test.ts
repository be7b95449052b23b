import { ErrInvalidCoins } from "../errors";
import { parseCoinNormalized, parseCoinsNormalized, parseDecCoin, parseDecCoins } from "./parse-coins";

/** Vectors from cosmos-sdk v0.50.15 types/coin_test.go and dec_coin_test.go unless noted. */
describe("parseCoinsNormalized (TestParseCoins)", () => {
  test.each<[string, string | undefined]>([
    ["", ""],
    ["0stake", ""], // zero coins removed
    ["0stake,1foo,99bar", "99bar,1foo"],
    ["1foo", "1foo"],
    ["10btc,1atom,20btc", undefined], // duplicate
    ["10bar", "10bar"],
    ["99bar,1foo", "99bar,1foo"],
    ["98 bar , 1 foo  ", "98bar,1foo"],
    ["  55\t \t bling\n", "55bling"],
    ["2foo, 97 bar", "97bar,2foo"],
    ["5 mycoin,", undefined], // no empty coins in a list
    ["2 3foo, 97 bar", undefined], // 3foo is an invalid denom
    ["11me coin, 12you coin", undefined], // no spaces in denoms
    ["1.2btc", "1btc"], // decimals truncated
    ["5foo:bar", "5foo:bar"],
    ["10atom10", "10atom10"],
    ["200transfer/channelToA/uatom", "200transfer/channelToA/uatom"],
    [
      "50ibc/7F1D3FCF4AE79E1554D670D1AD949A9BA4E4A3C76C63093E17E446A46061A7A2",
      "50ibc/7F1D3FCF4AE79E1554D670D1AD949A9BA4E4A3C76C63093E17E446A46061A7A2",
    ],
    ["120000000000000000000000000000000000000000000000000000000000000000000000000000btc", undefined], // out of range
    ["10uplume,5stake", "5stake,10uplume"],
    ["0.5stake", "0stake"], // truncation after validation: a zero coin survives, as in the SDK
    ["-1stake", undefined],
    ["+1stake", undefined],
    [".5stake", undefined],
    ["1.0000000000000000001stake", undefined],
    ["1e5stake", "1e5stake"], // amount 1, denom "e5stake": no exponent syntax
  ])("%j -> %j", (input, expected) => {
    if (expected === undefined) {
      expect(() => parseCoinsNormalized(input)).toThrow(ErrInvalidCoins.description);
    } else {
      expect(parseCoinsNormalized(input).toString()).toBe(expected);
    }
  });

  test("whitespace is trimmed the Go way: U+0085 and NBSP are space, U+FEFF (BOM) is not", () => {
    expect(parseCoinsNormalized("\u00a01stake\u0085").toString()).toBe("1stake");
    expect(() => parseCoinsNormalized("\ufeff1stake")).toThrow(ErrInvalidCoins.description);
    expect(() => parseCoinsNormalized("1\u00a0stake")).toThrow(ErrInvalidCoins.description); // only ASCII inside
  });

  test("error texts are the SDK's", () => {
    expect(() => parseCoinsNormalized("5 mycoin,")).toThrow("invalid decimal coin expression: : invalid coins");
    expect(() => parseCoinsNormalized("10btc,1atom,20btc")).toThrow("duplicate denomination btc: invalid coins");
    expect(() => parseCoinsNormalized(".5stake")).toThrow(
      "failed to parse decimal coin amount: .5: invalid decimal length: invalid coins",
    );
  });

  test("parseCoinNormalized: one coin", () => {
    expect(parseCoinNormalized(" 1.9stake ").toString()).toBe("1stake");
    expect(() => parseCoinNormalized("")).toThrow(ErrInvalidCoins.description);
  });
});

describe("parseDecCoins (TestParseDecCoins, TestDecCoin_ParseDecCoin)", () => {
  test.each<[string, string | undefined]>([
    ["", ""],
    ["4stake", "4.000000000000000000stake"],
    ["5.5atom,4stake", "5.500000000000000000atom,4.000000000000000000stake"],
    ["0.0stake", ""],
    ["10.0btc,1.0atom,20.0btc", undefined],
    ["0.004STAKE", "0.004000000000000000STAKE"],
    ["0.004stake", "0.004000000000000000stake"],
    ["5.04atom,0.004stake", "5.040000000000000000atom,0.004000000000000000stake"],
    ["0.0stake,0.004stake,5.04atom", "5.040000000000000000atom,0.004000000000000000stake"],
  ])("%j -> %j", (input, expected) => {
    if (expected === undefined) {
      expect(() => parseDecCoins(input)).toThrow(ErrInvalidCoins.description);
    } else {
      expect(parseDecCoins(input).toString()).toBe(expected);
    }
  });

  test.each<[string, string | undefined]>([
    ["", undefined],
    ["✨🌟⭐", undefined],
    ["9.3.0stake", undefined],
    ["9.11111111111111111111stake", undefined],
    ["9.3STAKE", "9.300000000000000000STAKE"],
    ["9.3 stake", "9.300000000000000000stake"],
    ["9.3stake", "9.300000000000000000stake"],
  ])("parseDecCoin %j", (input, expected) => {
    if (expected === undefined) {
      expect(() => parseDecCoin(input)).toThrow(ErrInvalidCoins.description);
    } else {
      expect(parseDecCoin(input).toString()).toBe(expected);
    }
  });
});
