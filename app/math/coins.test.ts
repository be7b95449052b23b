import { AppError, ErrInvalidCoins, ErrPanic, ErrTxDecode } from "../errors";
import { Coin, Coins } from "./coins";
import { Int } from "./int";

/** Vectors from cosmos-sdk v0.50.15 types/coin_test.go unless noted. */
const D1 = "atom";
const D2 = "muon";
const c = (denom: string, amount: bigint): Coin => Coin.unchecked(denom, amount);
const cs = (...coins: Coin[]): Coins => Coins.unchecked(coins);
const [ca0, ca1, ca2] = [c(D1, 0n), c(D1, 1n), c(D1, 2n)] as const;
const [cm0, cm1, cm2, cm4] = [c(D2, 0n), c(D2, 1n), c(D2, 2n), c(D2, 4n)] as const;
const empty = Coins.empty();

function thrown(f: () => unknown): AppError {
  try {
    f();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error("expected a throw");
}

describe("Coin", () => {
  test("of (NewCoin) panics on a negative amount or bad denom; case is kept", () => {
    expect(ErrPanic.is(thrown(() => Coin.of(D1, -1n)))).toBe(true);
    expect(() => Coin.of("1bad", 1n)).toThrow("invalid denom: 1bad");
    expect(Coin.of("ATOM", 10n).amount.toBigInt()).toBe(10n);
    expect(Coin.of(D1, Int.from(5n)).toString()).toBe("5atom");
  });

  test.each<[Coin, boolean]>([
    [c(D1, -1n), false],
    [c(D1, 0n), true],
    [c(D1, 1n), true],
    [c("Atom", 1n), true],
    [c("ATOM", 1n), true],
    [c("a", 1n), false],
    [c("ab", 1n), false],
    [c("abc", 1n), true],
    [c(`a${"b".repeat(127)}`, 1n), true],
    [c(`a${"b".repeat(128)}`, 1n), false],
    [c("ibc/7F1D3FCF4AE79E1554D670D1AD949A9BA4E4A3C76C63093E17E446A46061A7A2", 1n), true],
    [c("atOm", 1n), true],
    [c("x:y-z.1_2", 1n), true],
    [c("     ", 1n), false],
    [c("0atom", 1n), false],
    [c("😀atom", 1n), false],
  ])("TestCoinIsValid %#: %s", (coin, valid) => {
    expect(coin.isValid()).toBe(valid);
    expect(coin.validate() === undefined).toBe(valid);
  });

  test("validate texts (TestCoinValidate)", () => {
    expect(c("", 1n).validate()?.message).toBe("invalid denom: : invalid coins");
    expect(c("atom", -999n).validate()?.message).toBe("negative coin amount: -999: invalid coins");
    expect(ErrInvalidCoins.is(c("atom", -1n).validate())).toBe(true);
  });

  test("add/sub/compare panic on a denom mismatch (TestAddCoin, TestSubCoin, TestIsGTECoin...)", () => {
    expect(ca1.add(ca1).equal(ca2)).toBe(true);
    expect(ca1.add(ca0).equal(ca1)).toBe(true);
    expect(() => ca1.add(cm1)).toThrow("invalid coin denominations; atom, muon");
    expect(c(D1, 10n).sub(ca1).amount.toBigInt()).toBe(9n);
    expect(ca1.sub(ca1).amount.toBigInt()).toBe(0n);
    expect(() => ca1.sub(cm1)).toThrow(ErrPanic.description);
    expect(() => ca1.sub(c(D1, 5n))).toThrow("negative coin amount: -4atom");
    expect([ca1.isGTE(ca1), ca2.isGTE(ca1), ca1.isGTE(ca2)]).toEqual([true, true, false]);
    expect([ca1.isLTE(ca1), ca1.isLTE(ca2), ca2.isLTE(ca1)]).toEqual([true, true, false]);
    expect([ca1.isLT(ca1), ca2.isLT(ca1), ca1.isLT(ca2)]).toEqual([false, false, true]);
    expect(() => ca1.isGTE(cm1)).toThrow(ErrPanic.description);
    expect(() => ca0.isLT(cm1)).toThrow(ErrPanic.description);
    expect(() => ca1.isLTE(cm1)).toThrow(ErrPanic.description);
  });

  test("safeSub returns the SDK's error instead of panicking (TestSafeSubCoin)", () => {
    expect(c(D1, 10n).safeSub(ca1)).toEqual(c(D1, 9n));
    const mismatch = ca1.safeSub(cm1);
    expect(mismatch instanceof AppError && mismatch.message).toBe("invalid coin denoms: atom, muon: invalid coins");
    const negative = ca1.safeSub(c(D1, 5n));
    expect(negative instanceof AppError && negative.message).toBe("negative coin amount: -4atom: invalid coins");
  });

  test("addAmount / subAmount (TestAddCoinAmount, TestSubCoinAmount)", () => {
    expect(ca1.addAmount(1n).equal(ca2)).toBe(true);
    expect(c(D1, 5n).subAmount(3n).equal(c(D1, 2n))).toBe(true);
    expect(() => ca1.subAmount(5n)).toThrow("negative coin amount");
  });

  test("proto round trip; decoding keeps what the SDK keeps and reads Go big.Int text", () => {
    expect(Coin.of("stake", 10n).toProto()).toEqual({ denom: "stake", amount: "10" });
    expect(Coin.fromProto({ denom: "stake", amount: "10" }).equal(c("stake", 10n))).toBe(true);
    expect(Coin.fromProto({ denom: "1bad", amount: "-3" }).toString()).toBe("-31bad");
    expect(Coin.fromProto({ denom: "stake", amount: "0x10" }).amount.toBigInt()).toBe(16n);
    expect(ErrTxDecode.is(thrown(() => Coin.fromProto({ denom: "stake", amount: "1.5" })))).toBe(true);
    expect(ErrPanic.is(thrown(() => Coin.fromProto({ denom: "stake", amount: "" })))).toBe(true);
  });
});

describe("Coins", () => {
  test("of (NewCoins) sorts and drops zeros, panics on duplicates or bad coins (TestNewCoins)", () => {
    const tenatom = c("atom", 10n);
    const tenbtc = c("btc", 10n);
    expect(Coins.of().isEmpty()).toBe(true);
    expect(Coins.of(tenbtc, tenatom).toString()).toBe("10atom,10btc");
    expect(Coins.of(c("eth", 0n), tenbtc, tenatom).toString()).toBe("10atom,10btc");
    expect(() => Coins.of(tenatom, tenatom)).toThrow("invalid coin set 10atom,10atom: duplicate denomination atom");
    expect(() => Coins.of(c("0ETH", 1n), tenatom)).toThrow(ErrPanic.description);
    expect(Coins.of(c("0ETH", 0n), tenatom).toString()).toBe("10atom"); // dropped before validation
  });

  test("TestFilteredZeroCoins: input is not modified", () => {
    const input = cs(c("teste", 5n), c("testc", 3n), c("testa", 1n), c("testd", 4n), c("testb", 0n));
    expect(Coins.of(...input).toString()).toBe("1testa,3testc,4testd,5teste");
    expect(input.toString()).toBe("5teste,3testc,1testa,4testd,0testb");
  });

  test("toString (TestCoins_String)", () => {
    expect(empty.toString()).toBe("");
    expect(cs(c("tree", 1n)).toString()).toBe("1tree");
    expect(cs(c("tree", 1n), c("gas", 1n), c("mineral", 1n)).toString()).toBe("1tree,1gas,1mineral");
  });

  const one = 1n;
  test.each<[string, Coins, boolean]>([
    ["valid lowercase coins", cs(c("gas", one), c("mineral", one), c("tree", one)), true],
    ["valid uppercase coins", cs(c("GAS", one), c("MINERAL", one), c("TREE", one)), true],
    ["valid lower and uppercase coins (1)", cs(c("GAS", one), c("gAs", one)), true],
    ["valid lower and uppercase coins (2)", cs(c("ATOM", one), c("Atom", one), c("atom", one)), true],
    ["mixed case (1)", cs(c("MineraL", one), c("TREE", one), c("gAs", one)), true],
    ["unicode letters and numbers", cs(c("𐀀𐀆𐀉Ⅲ", one)), false],
    ["emojis", cs(c("🤑😋🤔", one)), false],
    [
      "IBC denominations (ADR 001)",
      cs(
        c("ibc/7F1D3FCF4AE79E1554D670D1AD949A9BA4E4A3C76C63093E17E446A46061A7A2", one),
        c("ibc/876563AAAACF739EB061C67CDB5EDF2B7C9FD4AA9D876450CC21210807C2820A", 2n),
      ),
      true,
    ],
    ["empty", empty, true],
    ["invalid denomination (1)", cs(c("MineraL", one), c("0TREE", one), c("gAs", one)), false],
    ["invalid denomination (2)", cs(c("-GAS", one), c("gAs", one)), false],
    ["bad sort (1)", cs(c("tree", one), c("gas", one), c("mineral", one)), false],
    ["bad sort (2)", cs(c("gas", one), c("tree", one), c("mineral", one)), false],
    ["bad sort (3)", cs(c("gas", one), c("tree", one), c("gas", one)), false],
    ["non-positive amount (1)", cs(c("gas", one), c("tree", 0n), c("mineral", one)), false],
    ["non-positive amount (2)", cs(c("gas", -1n), c("tree", one), c("mineral", one)), false],
    ["duplicate denomination (1)", cs(c("gas", one), c("gas", one), c("mineral", one)), false],
    ["duplicate denomination (2)", cs(c("gold", one), c("gold", one)), false],
    ["duplicate denomination (3)", cs(c("gas", one), c("mineral", one), c("silver", one), c("silver", one)), false],
  ])("TestCoins_Validate: %s", (_, coins, valid) => {
    expect(coins.isValid()).toBe(valid);
  });

  test("validate texts", () => {
    expect(cs(c("gold", 0n)).validate()?.message).toBe("coin 0gold amount is not positive: invalid coins");
    expect(cs(c("tree", one), c("gas", one)).validate()?.message).toBe("denomination gas is not sorted: invalid coins");
    expect(cs(c("gas", one), c("gas", one)).validate()?.message).toBe("duplicate denomination gas: invalid coins");
    // Only the previous denom counts as a duplicate; DecCoins.Validate reports this one as a duplicate.
    expect(cs(c("gas", one), c("tree", one), c("gas", one)).validate()?.message).toBe("denomination gas is not sorted: invalid coins");
    expect(cs(c("gas", one), c("tree", 0n)).validate()?.message).toBe("coin tree amount is not positive: invalid coins");
  });

  test("TestSortCoins: sorting fixes order but not zeros or duplicates", () => {
    const badSort = cs(c("tree", one), c("gas", one), c("mineral", one));
    expect(badSort.isValid()).toBe(false);
    expect(badSort.sort().isValid()).toBe(true);
    expect(badSort.toString()).toBe("1tree,1gas,1mineral"); // immutable
    expect(cs(c("gas", one), c("gas", one), c("mineral", one)).sort().isValid()).toBe(false);
    expect(cs(c("gold", 0n)).sort().isValid()).toBe(false);
  });

  test("Go byte order: upper case sorts before lower case", () => {
    expect(Coins.of(c("atom", one), c("Atom", one), c("ATOM", one)).denoms()).toEqual(["ATOM", "Atom", "atom"]);
  });

  test.each<[string, Coins, Coins, Coins]>([
    ["adding two empty lists", empty, empty, empty],
    ["empty list + set (zero removed)", empty, cs(ca0, cm1), cs(cm1)],
    ["empty list + set", empty, cs(ca1, cm1), cs(ca1, cm1)],
    ["set + empty list (zero removed)", cs(ca0, cm1), empty, cs(cm1)],
    ["{1atom,1muon}+{1atom,1muon}", cs(ca1, cm1), cs(ca1, cm1), cs(ca2, cm2)],
    ["{0atom,1muon}+{0atom,0muon}", cs(ca0, cm1), cs(ca0, cm0), cs(cm1)],
    ["{2atom}+{0muon}", cs(ca2), cs(cm0), cs(ca2)],
    ["{1atom}+{1atom,2muon}", cs(ca1), cs(ca1, cm2), cs(ca2, cm2)],
    ["{0atom,0muon}+{0atom,0muon}", cs(ca0, cm0), cs(ca0, cm0), empty],
  ])("TestAddCoins: %s", (_, a, b, expected) => {
    const res = a.add(b);
    expect(res.isValid()).toBe(true);
    expect(res.toString()).toBe(expected.toString());
  });

  test("add coalesces duplicate denominations (TestCoinsAddCoalescesDuplicateDenominations)", () => {
    const a = cs(c("den", 2n), c("den", 3n));
    const b = cs(c("den", 3n), c("den", 2n), c("den", 1n));
    expect(a.add(b).toString()).toBe("11den");
  });

  test("add panics on unsorted input; a single Coin can be added", () => {
    expect(() => cs(cm1, ca1).add(ca1)).toThrow("Coins (self) must be sorted");
    expect(() => cs(ca1).add(cs(cm1, ca1))).toThrow("Wrong argument: coins must be sorted");
    expect(cs(ca1).add(cm2).toString()).toBe("1atom,2muon");
  });

  test.each<[Coins, Coins, Coins | undefined]>([
    [empty, empty, empty],
    [cs(ca0, cm0), empty, empty],
    [cs(ca0, cm0), cs(cm0), empty],
    [cs(cm0), cs(ca0, cm0), empty],
    [cs(ca0, cm1), empty, cs(cm1)],
    [cs(ca2), cs(cm2, ca1), undefined], // other goes through NewCoins, then 2atom-1atom-2muon < 0
    [cs(cm2, ca2), cs(ca1), undefined], // unsorted self
    [cs(ca2), cs(ca1, cm2), undefined],
    [cs(ca2), cs(cm0), cs(ca2)],
    [cs(ca1), cs(cm0), cs(ca1)],
    [cs(ca1, cm1), cs(ca1), cs(cm1)],
    [cs(ca1, cm1), cs(ca2), undefined],
  ])("TestSubCoins %#", (a, b, expected) => {
    if (expected === undefined) {
      expect(ErrPanic.is(thrown(() => a.sub(b)))).toBe(true);
    } else {
      const res = a.sub(b);
      expect(res.isValid()).toBe(true);
      expect(res.toString()).toBe(expected.toString());
    }
  });

  test("safeSub reports negatives instead of panicking; an invalid subtrahend still panics", () => {
    const { coins, hasNeg } = cs(ca1, cm1).safeSub(ca2);
    expect([coins.toString(), hasNeg]).toEqual(["-1atom,1muon", true]);
    expect(cs(ca2).safeSub(ca1)).toEqual({ coins: cs(ca1), hasNeg: false });
    expect(() => cs(ca2).safeSub(cs(ca1, ca1))).toThrow(ErrPanic.description);
  });

  test("mulInt / quoInt (TestMulIntCoins, TestQuoIntCoins)", () => {
    expect(() => cs(ca2).mulInt(0n)).toThrow("multiplying by zero is an invalid operation on coins");
    expect(cs(ca2).mulInt(2n).toString()).toBe("4atom");
    expect(cs(ca1, cm2).mulInt(2n).toString()).toBe("2atom,4muon");
    expect(cs(ca2).safeMulInt(0n)).toBeUndefined();
    expect(() => cs(ca2, ca1).quoInt(0n)).toThrow("dividing by zero is an invalid operation on coins");
    const q = cs(ca2).quoInt(4n);
    expect([q.toString(), q.isValid()]).toEqual(["0atom", false]);
    expect(cs(ca2, cm4).quoInt(2n).toString()).toBe("1atom,2muon");
    expect(() => cs(ca2).mulInt(-1n)).toThrow(ErrPanic.description); // NewCoin on a negative amount
  });

  test("isZero / equal (TestIsZeroCoins, TestEqualCoins)", () => {
    expect([empty.isZero(), cs(ca0).isZero(), cs(ca0, cm0).isZero(), cs(ca1).isZero(), cs(ca0, cm1).isZero()]).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect(empty.equal(empty)).toBe(true);
    expect(cs(ca0).equal(cs(ca0))).toBe(true);
    expect(cs(ca0, cm1).equal(cs(ca0, cm1))).toBe(true);
    expect(cs(ca0).equal(cs(cm0))).toBe(false);
    expect(cs(ca0).equal(cs(ca1))).toBe(false);
    expect(cs(ca0).equal(cs(ca0, cm1))).toBe(false);
    expect(cs(cm1, ca0).equal(cs(ca0, cm1))).toBe(true); // order-insensitive
  });

  test.each<[string, Coins, Coins, Coins, Coins]>([
    ["zero-zero", empty, empty, empty, empty],
    ["zero-one", empty, cs(c(D1, 1n)), empty, cs(c(D1, 1n))],
    ["two-zero", cs(c(D2, 2n)), empty, empty, cs(c(D2, 2n))],
    ["disjoint", cs(c(D1, 1n)), cs(c(D2, 2n)), empty, cs(c(D1, 1n), c(D2, 2n))],
    ["overlap", cs(c(D1, 1n), c(D2, 2n)), cs(c(D1, 2n), c(D2, 1n)), cs(c(D1, 1n), c(D2, 1n)), cs(c(D1, 2n), c(D2, 2n))],
  ])("TestMinMax: %s", (_, a, b, min, max) => {
    expect(a.min(b).equal(min)).toBe(true);
    expect(a.max(b).equal(max)).toBe(true);
  });

  const [one1, two1, one2, two2] = [c(D1, 1n), c(D1, 2n), c(D2, 1n), c(D2, 2n)];
  test("TestCoinsIsAllGT / IsAllLT / IsAllLTE", () => {
    expect(empty.isAllGT(empty)).toBe(false);
    expect(cs(one1).isAllGT(empty)).toBe(true);
    expect(empty.isAllGT(cs(one1))).toBe(false);
    expect(cs(one1).isAllGT(cs(two1))).toBe(false);
    expect(cs(one1).isAllGT(cs(one2))).toBe(false);
    expect(cs(one1, two2).isAllGT(cs(two1, one2))).toBe(false);
    expect(cs(one1).isAllGT(cs(one1))).toBe(false);
    expect(cs(two1).isAllGT(cs(one1))).toBe(true);
    expect(cs(one1, two2).isAllGT(cs(one2))).toBe(true);
    expect(cs(one1, one2).isAllGT(cs(two2))).toBe(false);
    expect(cs(c("xxx", 1n), c("yyy", 1n)).isAllGT(cs(one2, c("ccc", 1n), c("yyy", 1n), c("zzz", 1n)))).toBe(false);

    expect(empty.isAllLT(empty)).toBe(false);
    expect(cs(one1).isAllLT(empty)).toBe(false);
    expect(cs(one1, one2).isAllLT(cs(two1, two2))).toBe(true);
    expect(empty.isAllLT(cs(one1))).toBe(true);

    expect(empty.isAllLTE(empty)).toBe(true);
    expect(cs(one1).isAllLTE(empty)).toBe(false);
    expect(cs(one1).isAllLTE(cs(one1))).toBe(true);
    expect(cs(one1, one2).isAllLTE(cs(one1, two2))).toBe(true);
    expect(cs(one1, one2).isAllLTE(cs(two2))).toBe(false);
    expect(empty.isAllLTE(cs(one1))).toBe(true);
  });

  test("TestCoinsIsAllGTE", () => {
    expect(empty.isAllGTE(empty)).toBe(true);
    expect(cs(one1).isAllGTE(empty)).toBe(true);
    expect(cs(one1, one2).isAllGTE(cs(one2))).toBe(true);
    expect(cs(one1, one2).isAllGTE(cs(two2))).toBe(false);
    expect(empty.isAllGTE(cs(one1))).toBe(false);
    expect(empty.isAllGTE(cs(c(D1, 0n)))).toBe(false); // even an all-zero other
    expect(cs(one1).isAllGTE(cs(two1))).toBe(false);
    expect(cs(one1).isAllGTE(cs(one2))).toBe(false);
    expect(cs(one1, two2).isAllGTE(cs(two1, one2))).toBe(false);
    expect(cs(one1).isAllGTE(cs(one1))).toBe(true);
    expect(cs(two1).isAllGTE(cs(one1))).toBe(true);
    expect(cs(one1).isAllGTE(cs(one1, two2))).toBe(false);
    expect(cs(two2).isAllGTE(cs(one1, two2))).toBe(false);
    expect(cs(one1, two2).isAllGTE(cs(one1, one2))).toBe(true);
    expect(cs(one1, one2).isAllGTE(cs(one1, two2))).toBe(false);
    expect(cs(c("xxx", 1n), c("yyy", 1n)).isAllGTE(cs(one2, c("ccc", 1n), c("yyy", 1n), c("zzz", 1n)))).toBe(false);
  });

  test("TestCoinsIsAnyGTE: a denom missing from `other` never counts", () => {
    expect(empty.isAnyGTE(empty)).toBe(false);
    expect(cs(one1).isAnyGTE(empty)).toBe(false);
    expect(empty.isAnyGTE(cs(one1))).toBe(false);
    expect(cs(one1).isAnyGTE(cs(two1))).toBe(false);
    expect(cs(one1).isAnyGTE(cs(one2))).toBe(false);
    expect(cs(one1, two2).isAnyGTE(cs(two1, one2))).toBe(true);
    expect(cs(one1).isAnyGTE(cs(one1))).toBe(true);
    expect(cs(two1).isAnyGTE(cs(one1))).toBe(true);
    expect(cs(one1).isAnyGTE(cs(one1, two2))).toBe(true);
    expect(cs(two2).isAnyGTE(cs(one1, two2))).toBe(true);
    expect(cs(one2).isAnyGTE(cs(one1, two2))).toBe(false);
    expect(cs(one1, two2).isAnyGTE(cs(one1, one2))).toBe(true);
    expect(cs(one1, one2).isAnyGTE(cs(one1, two2))).toBe(true);
    expect(cs(c("xxx", 1n), c("yyy", 1n)).isAnyGTE(cs(one2, c("ccc", 1n), c("yyy", 1n), c("zzz", 1n)))).toBe(true);
  });

  test("TestCoinsIsAnyGT", () => {
    const [twoAtom, fiveAtom, threeEth, sixEth, twoBtc] = [
      c("atom", 2n),
      c("atom", 5n),
      c("eth", 3n),
      c("eth", 6n),
      c("btc", 2n),
    ];
    expect(empty.isAnyGT(empty)).toBe(false);
    expect(empty.isAnyGT(cs(fiveAtom))).toBe(false);
    expect(cs(fiveAtom).isAnyGT(cs(twoAtom))).toBe(true);
    expect(cs(twoAtom).isAnyGT(cs(fiveAtom))).toBe(false);
    expect(cs(twoAtom, sixEth).isAnyGT(cs(twoBtc, fiveAtom, threeEth))).toBe(true);
    expect(cs(twoBtc, twoAtom, threeEth).isAnyGT(cs(fiveAtom, sixEth))).toBe(false);
    expect(cs(twoAtom, sixEth).isAnyGT(cs(twoBtc, fiveAtom))).toBe(false);
  });

  test("denomsSubsetOf: a zero amount counts as absent; invalid probe denoms panic", () => {
    expect(cs(one1).denomsSubsetOf(cs(one1, one2))).toBe(true);
    expect(cs(one1, one2).denomsSubsetOf(cs(one1))).toBe(false);
    expect(cs(one1).denomsSubsetOf(cs(c(D1, 0n)))).toBe(false);
    expect(() => cs(c("1bad", 1n)).denomsSubsetOf(cs(one1))).toThrow("invalid denom: 1bad");
  });

  test("TestSearch: amountOf and find", () => {
    const case1 = cs(c("gold", 0n));
    const case2 = cs(c("gas", 1n), c("mineral", 1n), c("tree", 1n));
    const case3 = cs(c("mineral", 1n), c("tree", 1n));
    const case4 = cs(c("gas", 8n));
    const amounts = (x: Coins): bigint[] => ["gas", "mineral", "tree"].map((dn) => x.amountOf(dn).toBigInt());
    expect(amounts(empty)).toEqual([0n, 0n, 0n]);
    expect(amounts(case1)).toEqual([0n, 0n, 0n]);
    expect(amounts(case2)).toEqual([1n, 1n, 1n]);
    expect(amounts(case3)).toEqual([0n, 1n, 1n]);
    expect(amounts(case4)).toEqual([8n, 0n, 0n]);
    expect(() => empty.amountOf("10Invalid")).toThrow(ErrPanic.description);
    expect(empty.find("any")).toBeUndefined();
    expect(case1.find("other")).toBeUndefined();
    expect(case1.find("gold")).toBe(case1.at(0));
    expect(case2.find("mineral")).toBe(case2.at(1));
    expect(case2.find("tree")).toBe(case2.at(2));
    expect(case2.find("other")).toBeUndefined();
    // The binary search is the SDK's, so on unsorted input it misses what the SDK misses.
    expect(cs(c("tree", 1n), c("gas", 1n), c("mineral", 1n)).find("tree")).toBeUndefined();
  });

  test("predicates and accessors", () => {
    expect([empty.isAllPositive(), cs(ca1).isAllPositive(), cs(ca1, cm0).isAllPositive()]).toEqual([false, true, false]);
    expect([cs(ca1).isAnyNegative(), cs(ca1, c(D2, -1n)).isAnyNegative()]).toEqual([false, true]);
    expect(cs(ca1, cm2).denoms()).toEqual(["atom", "muon"]);
    expect([...cs(ca1, cm2)].map(String)).toEqual(["1atom", "2muon"]);
    expect(cs(ca1, cm2).length).toBe(2);
    expect(cs(ca1).isSorted()).toBe(true);
  });

  test("proto: order and content kept as decoded", () => {
    const proto = [
      { denom: "b", amount: "2" },
      { denom: "a", amount: "0" },
    ];
    const coins = Coins.fromProto(proto);
    expect(coins.toString()).toBe("2b,0a");
    expect(coins.toProto()).toEqual(proto);
    expect(JSON.stringify(Coins.of(c("stake", 10n)))).toBe('[{"denom":"stake","amount":"10"}]');
    expect(JSON.stringify(Coins.empty())).toBe("[]");
  });
});
