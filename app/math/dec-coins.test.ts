import { ErrPanic } from "../errors";
import { Coin, Coins } from "./coins";
import { Dec } from "./dec";
import { DecCoin, DecCoins } from "./dec-coins";
import { parseDecCoins } from "./parse-coins";

/** Vectors from cosmos-sdk v0.50.15 types/dec_coin_test.go unless noted. */
const D1 = "atom";
const D2 = "muon";
const dc = (denom: string, amount: Dec): DecCoin => DecCoin.unchecked(denom, amount);
const n = (i: bigint): Dec => Dec.fromInt(i);
const dcs = (...coins: DecCoin[]): DecCoins => DecCoins.unchecked(coins);
const s = (x: string): Dec => Dec.fromString(x);

describe("DecCoin", () => {
  test("constructors validate like NewDecCoin / NewDecCoinFromDec / NewDecCoinFromCoin", () => {
    expect(DecCoin.fromInt("a1b", 5n).toString()).toBe("5.000000000000000000a1b");
    expect(() => DecCoin.fromInt("a", 5n)).toThrow(ErrPanic.description);
    expect(() => DecCoin.fromInt("aaa", -5n)).toThrow(ErrPanic.description);
    expect(DecCoin.of("a1b", Dec.withPrec(5n, 1)).toString()).toBe("0.500000000000000000a1b");
    expect(() => DecCoin.of("a1b", Dec.withPrec(-5n, 1))).toThrow("negative decimal coin amount: -0.500000000000000000");
    expect(DecCoin.fromCoin(Coin.of("a1b", 5n)).amount.equal(n(5n))).toBe(true);
    expect(() => DecCoin.fromCoin(Coin.unchecked("a1b", -5n))).toThrow(ErrPanic.description);
  });

  test("add / sub (TestAddDecCoin, TestSubDecCoin)", () => {
    const a1 = dc(D1, Dec.withPrec(11n, 1));
    expect(a1.add(a1).equal(dc(D1, Dec.withPrec(22n, 1)))).toBe(true);
    expect(() => a1.add(dc(D2, n(1n)))).toThrow("coin denom different: atom muon");
    const ten = DecCoin.fromInt("mytoken", 10n);
    expect(DecCoin.fromInt("mytoken", 20n).sub(ten).equal(ten)).toBe(true);
    expect(() => DecCoin.fromInt("othertoken", 20n).sub(ten)).toThrow(ErrPanic.description);
    expect(() => DecCoin.fromInt("mytoken", 9n).sub(ten)).toThrow("negative decimal coin amount");
  });

  test("comparisons panic on denom mismatch (TestDecCoin_IsLT, TestDecCoin_IsGTE)", () => {
    expect(dc(D1, n(3n)).isLT(dc(D1, n(19n)))).toBe(true);
    expect(dc(D1, n(20n)).isLT(dc(D1, n(20n)))).toBe(false);
    expect(dc(D1, n(20n)).isGTE(dc(D1, n(20n)))).toBe(true);
    expect(dc(D1, n(3n)).isGTE(dc(D1, n(19n)))).toBe(false);
    expect(() => dc(D1, n(3n)).isLT(dc(D2, n(19n)))).toThrow(ErrPanic.description);
    expect(() => dc(D1, n(3n)).isGTE(dc(D2, n(19n)))).toThrow(ErrPanic.description);
    expect(dc(D1, n(20n)).equal(dc(D2, n(20n)))).toBe(false);
    expect(dc(D1, n(20n)).equal(dc(D1, n(20n)))).toBe(true);
  });

  test.each<[DecCoin, boolean]>([
    [dc("mytoken", n(10n)), true],
    [dc("BTC", n(10n)), true],
    [dc("Bitcoin", n(10n)), true],
    [dc("btc", n(-10n)), false],
    [dc("", Dec.zero()), false],
    [dc("(){9**&})", n(33n)), false],
  ])("TestIsValid / TestDecCoin_Validate %#", (coin, valid) => {
    expect(coin.isValid()).toBe(valid);
  });

  test("validate text", () => {
    expect(dc("btc", n(-10n)).validate()?.message).toBe(
      "decimal coin -10.000000000000000000btc amount cannot be negative: invalid coins",
    );
  });

  test("truncateDecimal: whole part and change; negatives panic", () => {
    const [whole, change] = dc("bar", s("5.41")).truncateDecimal();
    expect([whole.toString(), change.toString()]).toEqual(["5bar", "0.410000000000000000bar"]);
    expect(() => dc("bar", s("-1.5")).truncateDecimal()).toThrow(ErrPanic.description);
    expect(() => dc("bar", s("-0.5")).truncateDecimal()).toThrow("negative decimal coin amount");
  });

  test("proto is the atomics; JSON of the amount is the 18-decimal string", () => {
    const coin = DecCoin.of("stake", s("1.5"));
    expect(coin.toProto()).toEqual({ denom: "stake", amount: "1500000000000000000" });
    expect(DecCoin.fromProto({ denom: "stake", amount: "1500000000000000000" }).equal(coin)).toBe(true);
    expect(JSON.stringify({ denom: coin.denom, amount: coin.amount })).toBe(
      '{"denom":"stake","amount":"1.500000000000000000"}',
    );
  });
});

describe("DecCoins", () => {
  test("TestAddDecCoins", () => {
    const [one, zero, two] = [n(1n), n(0n), n(2n)];
    expect(dcs(dc(D1, one), dc(D2, one)).add(dcs(dc(D1, one), dc(D2, one))).toString()).toBe(
      dcs(dc(D1, two), dc(D2, two)).toString(),
    );
    expect(dcs(dc(D1, zero), dc(D2, one)).add(dcs(dc(D1, zero), dc(D2, zero))).toString()).toBe(
      "1.000000000000000000muon",
    );
    expect(dcs(dc(D1, zero), dc(D2, zero)).add(dcs(dc(D1, zero), dc(D2, zero))).isEmpty()).toBe(true);
  });

  test("add is a plain merge: no sortedness check, duplicates on one side kept", () => {
    expect(dcs(dc("aaa", n(1n)), dc("aaa", n(1n))).add(DecCoins.empty()).toString()).toBe(
      "1.000000000000000000aaa,1.000000000000000000aaa",
    );
    expect(dcs(dc("bbb", n(1n))).add(dc("aaa", n(2n))).toString()).toBe(
      "2.000000000000000000aaa,1.000000000000000000bbb",
    );
  });

  test("TestFilteredZeroDecCoins: of() sorts, drops zeros, panics on duplicates", () => {
    const input = dcs(dc("teste", n(5n)), dc("testc", n(3n)), dc("testa", n(1n)), dc("testd", n(4n)), dc("testb", n(0n)));
    expect(DecCoins.of(...input).toString()).toBe(
      "1.000000000000000000testa,3.000000000000000000testc,4.000000000000000000testd,5.000000000000000000teste",
    );
    expect(input.toString()).toBe(
      "5.000000000000000000teste,3.000000000000000000testc,1.000000000000000000testa,4.000000000000000000testd,0.000000000000000000testb",
    );
    expect(() => DecCoins.of(dc("testa", n(5n)), dc("testa", n(3n)), dc("testd", n(4n)))).toThrow(ErrPanic.description);
  });

  test("TestSubDecCoins", () => {
    const base = DecCoins.fromCoins([Coin.of("btc", 10n), Coin.of("eth", 15n), Coin.of("mytoken", 5n)]);
    const sorted = DecCoins.fromCoins([Coin.of("mytoken", 10n), Coin.of("btc", 20n), Coin.of("eth", 30n)]);
    expect(sorted.sub(base).equal(base)).toBe(true);
    const unsorted = dcs(DecCoin.fromInt("mytoken", 10n), DecCoin.fromInt("btc", 20n), DecCoin.fromInt("eth", 30n));
    expect(() => unsorted.sub(base)).toThrow(ErrPanic.description);
    const safe = dcs(dc("btc", n(1n))).safeSub(base);
    expect(safe.hasNeg).toBe(true);
  });

  test.each<[DecCoins, boolean]>([
    [DecCoins.empty(), true],
    [dcs(dc(D1, n(5n))), true],
    [dcs(dc(D1, n(5n)), dc(D2, n(100000n))), true],
    [dcs(dc(D1, n(-5n))), false],
    [dcs(dc("BTC", n(5n))), true],
    [dcs(dc("0BTC", n(5n))), false],
    [dcs(dc(D1, n(5n)), dc("B", n(100000n))), false],
    [dcs(dc(D1, n(5n)), dc(D2, n(-100000n))), false],
    [dcs(dc(D1, n(-5n)), dc(D2, n(100000n))), false],
    [dcs(dc("BTC", n(5n)), dc(D2, n(100000n))), true],
    [dcs(dc("0BTC", n(5n)), dc(D2, n(100000n))), false],
  ])("TestDecCoinsValidate %#", (coins, valid) => {
    expect(coins.isValid()).toBe(valid);
  });

  test("validate checks duplicates before order", () => {
    expect(dcs(dc("gas", n(1n)), dc("gas", n(1n))).validate()?.message).toBe("duplicate denomination gas: invalid coins");
    expect(dcs(dc("tree", n(1n)), dc("gas", n(1n))).validate()?.message).toBe(
      "denomination gas is not sorted: invalid coins",
    );
    // A denom seen anywhere before is a duplicate here; Coins.Validate calls the same set unsorted.
    expect(dcs(dc("gas", n(1n)), dc("tree", n(1n)), dc("gas", n(1n))).validate()?.message).toBe("duplicate denomination gas: invalid coins");
  });

  test("TestSortDecCoins", () => {
    const one = n(1n);
    expect(dcs(dc("tree", one), dc("gas", one), dc("mineral", one)).sort().isValid()).toBe(true);
    expect(dcs(dc("gas", one), dc("gas", one), dc("mineral", one)).sort().isValid()).toBe(false);
    expect(dcs(dc("gas", one), dc("tree", n(0n)), dc("mineral", one)).sort().isValid()).toBe(false);
  });

  test("TestDecCoinsString", () => {
    expect(DecCoins.empty().toString()).toBe("");
    expect(dcs(dc("atom", Dec.withPrec(504n, 2)), dc("stake", Dec.withPrec(4n, 3))).toString()).toBe(
      "5.040000000000000000atom,0.004000000000000000stake",
    );
  });

  test.each<[string, string, string]>([
    ["", "", ""],
    ["1.0stake", "", ""],
    ["1.0stake", "1.0stake", "1.0stake"],
    ["", "1.0stake", ""],
    ["2.0stake,1.0trope", "1.9stake", "1.9stake"],
    ["2.0stake,1.0trope", "2.1stake", "2.0stake"],
    ["2.0stake,1.0trope", "0.9trope", "0.9trope"],
    ["2.0stake,1.0trope", "1.9stake,0.9trope", "1.9stake,0.9trope"],
    ["2.0stake,1.0trope", "1.9stake,0.9trope,20.0other", "1.9stake,0.9trope"],
    ["2.0stake,1.0trope", "1.0other", ""],
  ])("TestDecCoinsIntersect: %j ∩ %j = %j", (a, b, exp) => {
    expect(parseDecCoins(a).intersect(parseDecCoins(b)).equal(parseDecCoins(exp))).toBe(true);
  });

  test("TestDecCoinsTruncateDecimal", () => {
    const a = DecCoin.of("bar", s("5.41"));
    const b = DecCoin.of("foo", s("6.00"));
    const str = (r: readonly [Coins, DecCoins]): [string, string] => [r[0].toString(), r[1].toString()];
    expect(str(DecCoins.empty().truncateDecimal())).toEqual(["", ""]);
    expect(str(dcs(a, b).truncateDecimal())).toEqual(["5bar,6foo", "0.410000000000000000bar"]);
    expect(str(dcs(b).truncateDecimal())).toEqual(["6foo", ""]);
  });

  test("TestDecCoinsQuoDecTruncate and quoDec", () => {
    expect(() => DecCoins.empty().quoDecTruncate(Dec.zero())).toThrow("invalid zero decimal");
    expect(dcs(dc("foo", s("1.00"))).quoDecTruncate(s("10000000000000000000.00")).isEmpty()).toBe(true);
    expect(dcs(DecCoin.fromInt("foo", 5n)).quoDecTruncate(n(2n)).toString()).toBe("2.500000000000000000foo");
    expect(() => dcs(dc(D1, n(10n))).quoDec(Dec.zero())).toThrow("invalid zero decimal");
    expect(dcs(dc(D1, n(3n)), dc(D1, n(4n))).quoDec(n(2n)).toString()).toBe("3.500000000000000000atom");
    expect(dcs(dc(D1, n(3n)), dc(D1, n(4n))).quoDec(n(-2n)).toString()).toBe("-3.500000000000000000atom");
    expect(dcs(dc(D1, n(1n)), dc(D2, n(2n)), dc(D1, n(3n)), dc(D2, n(4n))).quoDec(n(2n)).toString()).toBe(
      "2.000000000000000000atom,3.000000000000000000muon",
    );
  });

  test("TestDecCoins_MulDec / MulDecTruncate: each product Add-ed in turn", () => {
    expect(DecCoins.empty().mulDec(n(1n)).isEmpty()).toBe(true);
    expect(dcs(dc(D1, n(10n)), dc(D1, n(30n))).mulDec(n(0n)).isEmpty()).toBe(true);
    const four = dcs(dc(D1, n(1n)), dc(D1, n(2n)), dc(D1, n(3n)), dc(D1, n(4n)));
    expect(four.mulDec(n(2n)).toString()).toBe("20.000000000000000000atom");
    expect(four.mulDec(n(-2n)).toString()).toBe("-20.000000000000000000atom");
    expect(dcs(dc(D1, n(1n)), dc(D2, n(2n)), dc(D1, n(3n)), dc(D2, n(4n))).mulDec(n(2n)).toString()).toBe(
      "8.000000000000000000atom,12.000000000000000000muon",
    );
    const p = (v: bigint, e: number): Dec => Dec.withPrec(v, e);
    expect(dcs(dc(D1, p(10n, 3)), dc(D1, p(30n, 2))).mulDecTruncate(n(0n)).isEmpty()).toBe(true);
    expect(dcs(dc(D1, p(15n, 1)), dc(D1, p(15n, 1))).mulDecTruncate(n(1n)).toString()).toBe("3.000000000000000000atom");
    expect(dcs(dc(D1, p(15n, 1)), dc(D1, p(15n, 1))).mulDecTruncate(n(-2n)).toString()).toBe(
      "-6.000000000000000000atom",
    );
    expect(
      dcs(dc(D1, p(15n, 1)), dc(D2, p(3333n, 4)), dc(D1, p(15n, 1)), dc(D2, p(333n, 4))).mulDecTruncate(n(10n)).toString(),
    ).toBe("30.000000000000000000atom,3.666000000000000000muon");
  });

  test("distribution's pattern: MulDecTruncate then QuoDecTruncate truncates each step", () => {
    const fees = DecCoins.fromCoins([Coin.of("stake", 1000n)]);
    const afterTax = fees.mulDecTruncate(s("0.98"));
    const share = afterTax.mulDecTruncate(n(1n).quoTruncate(n(3n)));
    expect(share.toString()).toBe("326.666666666666666340stake");
    const [paid, change] = share.truncateDecimal();
    expect([paid.toString(), change.toString()]).toEqual(["326stake", "0.666666666666666340stake"]);
  });

  test("predicates and accessors (TestDecCoins_IsAllPositive, _IsZero, _Empty)", () => {
    expect(DecCoins.empty().isAllPositive()).toBe(false);
    expect(dcs(dc(D1, n(0n))).isAllPositive()).toBe(false);
    expect(dcs(dc(D1, n(5n))).isAllPositive()).toBe(true);
    expect(dcs(dc(D1, n(-15n))).isAllPositive()).toBe(false);
    expect(dcs(dc(D1, n(51n)), dc(D1, n(-123n))).isAllPositive()).toBe(false);
    expect([DecCoins.empty().isZero(), dcs(dc(D1, n(0n)), dc(D1, n(0n))).isZero(), dcs(dc(D1, n(5n))).isZero()]).toEqual([
      true,
      true,
      false,
    ]);
    expect([DecCoins.empty().isEmpty(), dcs(dc(D1, n(5n))).isEmpty()]).toEqual([true, false]);
    expect(dcs(dc(D1, n(-1n))).isAnyNegative()).toBe(true);
    expect(dcs(dc(D1, n(3n))).amountOf(D1).equal(n(3n))).toBe(true);
    expect(dcs(dc(D1, n(3n))).amountOf(D2).isZero()).toBe(true);
    expect(() => dcs().amountOf("x")).toThrow(ErrPanic.description);
    expect([...dcs(dc(D1, n(3n)))].length).toBe(1);
  });

  test("TestDecCoins_IsEqual", () => {
    expect(dcs(dc(D1, n(3n)), dc(D1, n(4n))).equal(dcs(dc(D1, n(35n))))).toBe(false);
    expect(dcs(dc(D1, n(3n)), dc(D1, n(4n))).equal(dcs(dc(D2, n(3n)), dc(D2, n(4n))))).toBe(false);
    expect(dcs(dc(D1, n(33n)), dc(D1, n(344n))).equal(dcs(dc(D1, n(33n)), dc(D1, n(344n))))).toBe(true);
  });

  test("fromCoins (TestNewDecCoinsWithZeroCoins) and proto", () => {
    expect(DecCoins.fromCoins(Coins.unchecked([Coin.unchecked("mytoken", 0n), Coin.unchecked("wbtc", 10n)])).length).toBe(1);
    expect(DecCoins.fromCoins([]).isEmpty()).toBe(true);
    const proto = [{ denom: "stake", amount: "1" }];
    expect(DecCoins.fromProto(proto).toString()).toBe("0.000000000000000001stake");
    expect(DecCoins.fromProto(proto).toProto()).toEqual(proto);
    expect(JSON.stringify(DecCoins.fromProto(proto))).toBe('[{"denom":"stake","amount":"0.000000000000000001"}]');
  });
});
