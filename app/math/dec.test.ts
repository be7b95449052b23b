import { ErrInvalidRequest, ErrPanic, ErrTxDecode } from "../errors";
import { Dec } from "./dec";
import { Int } from "./int";

/** Vectors from cosmossdk.io/math v1.4.0 dec_test.go unless noted. */
const d = (s: string): Dec => Dec.fromString(s);
const n = (i: bigint): Dec => Dec.fromInt(i);
const prec = (i: bigint, p: number): Dec => Dec.withPrec(i, p);

const LARGE = 3144605511029693144278234343371835n;
const LARGER = 8888888888888888888888888888888888888888888888888888888888888888888844444440n;
const LARGEST = 33499189745056880149688856635597007162669032647290798121690100488888732861290034376435130433535n;
/** 2^256 * 10^18 - 1, the largest atomics a LegacyDec may hold since math v1.4.0. */
const MAX_ATOMICS = (1n << 256n) * 10n ** 18n - 1n;

describe("Dec.fromString (TestNewDecFromStr)", () => {
  test.each<[string, Dec | undefined]>([
    ["", undefined],
    ["0.-75", undefined],
    ["0", n(0n)],
    ["1", n(1n)],
    ["1.1", prec(11n, 1)],
    ["0.75", prec(75n, 2)],
    ["0.8", prec(8n, 1)],
    ["0.11111", prec(11111n, 5)],
    ["314460551102969.3144278234343371835", undefined],
    ["314460551102969314427823434337.1835718092488231350", undefined],
    ["314460551102969314427823434337.1835", prec(LARGE, 4)],
    [".", undefined],
    [".0", undefined],
    ["1.", undefined],
    ["foobar", undefined],
    ["0.foobar", undefined],
    ["0.foobar.", undefined],
    ["8888888888888888888888888888888888888888888888888888888888888888888844444440", Dec.fromInt(LARGER)],
    ["33499189745056880149688856635597007162669032647290798121690100488888732861290.034376435130433535", prec(LARGEST, 18)],
    ["133499189745056880149688856635597007162669032647290798121690100488888732861291", undefined],
    ["115792089237316195423570985008687907853269984665640564039457584007913129639936", undefined], // 2^256
  ])("%j", (input, expected) => {
    for (const [s, exp] of [
      [input, expected],
      [`-${input}`, expected?.neg()],
    ] as const) {
      if (exp === undefined) {
        expect(() => Dec.fromString(s)).toThrow(ErrInvalidRequest.description);
      } else {
        expect(Dec.fromString(s).equal(exp)).toBe(true);
      }
    }
  });

  test("error texts are the SDK's", () => {
    expect(() => d("")).toThrow("decimal string cannot be empty");
    expect(() => d("1.")).toThrow("invalid decimal length");
    expect(() => d("1.2.3")).toThrow("invalid decimal string");
    expect(() => d("0.0000000000000000001")).toThrow(
      "value '0.0000000000000000001' exceeds max precision by -1 decimal places: max precision 18",
    );
    expect(() => d("1x")).toThrow("failed to set decimal string with base 10: 1x000000000000000000");
    expect(() => d((1n << 256n).toString())).toThrow("out of range: invalid decimal string");
  });

  test("the range is |x| <= 2^256 - 10^-18 (math v1.4.0), not a bit length", () => {
    const max = "115792089237316195423570985008687907853269984665640564039457584007913129639935.999999999999999999";
    expect(d(max).toAtomics()).toBe(MAX_ATOMICS);
    expect(d(`-${max}`).toAtomics()).toBe(-MAX_ATOMICS);
    expect(Dec.MAX.toString()).toBe(max);
  });

  test("quirks a Go node has, reproduced: a sign after the SDK's own '-' is parsed by big.Int", () => {
    expect(d("+1.5").toString()).toBe("1.500000000000000000");
    expect(d("--1").toString()).toBe("1.000000000000000000");
    expect(d("-+1").toString()).toBe("-1.000000000000000000");
    expect(d("+.5").toString()).toBe("0.500000000000000000");
    expect(d("+").toString()).toBe("0.000000000000000000");
    expect(d("00.50").toString()).toBe("0.500000000000000000");
    expect(() => d("+-1")).toThrow();
    expect(() => d("1_0")).toThrow();
    expect(() => d("0x10")).toThrow();
    expect(() => d(" 1")).toThrow();
  });
});

describe("Dec string forms", () => {
  test.each<[Dec, string]>([
    [n(0n), "0.000000000000000000"],
    [n(1n), "1.000000000000000000"],
    [n(10n), "10.000000000000000000"],
    [n(12340n), "12340.000000000000000000"],
    [prec(12340n, 4), "1.234000000000000000"],
    [prec(12340n, 5), "0.123400000000000000"],
    [prec(12340n, 8), "0.000123400000000000"],
    [prec(1009009009009009009n, 17), "10.090090090090090090"],
    [prec(-1n, 18), "-0.000000000000000001"],
  ])("TestDecString %#", (dec, s) => {
    expect(dec.toString()).toBe(s);
    expect(d(s).equal(dec)).toBe(true);
  });

  test.each<[Dec, string, string]>([
    [n(0n), "0", "0.000000000000000000"],
    [prec(4n, 2), "40000000000000000", "0.040000000000000000"],
    [prec(-4n, 2), "-40000000000000000", "-0.040000000000000000"],
    [prec(1414213562373095049n, 18), "1414213562373095049", "1.414213562373095049"],
    [
      prec(LARGEST, 18),
      "33499189745056880149688856635597007162669032647290798121690100488888732861290034376435130433535",
      "33499189745056880149688856635597007162669032647290798121690100488888732861290.034376435130433535",
    ],
  ])("TestDecEncoding %#: proto is the atomics, JSON the 18-decimal string", (dec, wire, json) => {
    expect(dec.toProto()).toBe(wire);
    expect(dec.toAtomicString()).toBe(wire);
    expect(Dec.fromProto(wire).equal(dec)).toBe(true);
    expect(Dec.fromAtomics(wire).equal(dec)).toBe(true);
    expect(JSON.stringify(dec)).toBe(`"${json}"`);
  });

  test("TestStringOverflow", () => {
    const sum = d("51643150036226787134389711697696177267").add(d("-31798496660535729618459429845579852627"));
    expect(sum.toString()).toBe("19844653375691057515930281852116324640.000000000000000000");
  });

  test("fromProto uses Go's big.Int text and the range check; '' is the SDK's nil (panic)", () => {
    expect(Dec.fromProto("0x10").toAtomics()).toBe(16n);
    expect(Dec.fromProto("010").toAtomics()).toBe(8n);
    expect(() => Dec.fromProto("1.5")).toThrow(ErrTxDecode.description);
    expect(() => Dec.fromProto((MAX_ATOMICS + 1n).toString())).toThrow("decimal out of range");
    expect(() => Dec.fromProto("")).toThrow(ErrPanic.description);
  });

  test("fromAtomics is strict", () => {
    expect(Dec.fromAtomics("-1").toString()).toBe("-0.000000000000000001");
    expect(() => Dec.fromAtomics("0x10")).toThrow(ErrInvalidRequest.description);
    expect(() => Dec.fromAtomics(MAX_ATOMICS + 1n)).toThrow("decimal out of range");
  });
});

describe("Dec comparisons (TestEqualities)", () => {
  test.each<[Dec, Dec, boolean, boolean, boolean]>([
    [n(0n), n(0n), false, false, true],
    [prec(0n, 2), prec(0n, 4), false, false, true],
    [prec(-100n, 0), prec(-100n, 0), false, false, true],
    [prec(-1n, 1), prec(-1n, 1), false, false, true],
    [prec(0n, 0), prec(3333n, 3), false, true, false],
    [prec(-1n, 0), prec(3333n, 3), false, true, false],
    [prec(1111n, 3), prec(100n, 0), false, true, false],
    [prec(-3333n, 3), prec(-1111n, 3), false, true, false],
    [prec(3333n, 3), prec(-1n, 0), true, false, false],
    [prec(-1111n, 3), prec(-3333n, 3), true, false, false],
  ])("%#", (a, b, gt, lt, eq) => {
    expect([a.gt(b), a.lt(b), a.equal(b)]).toEqual([gt, lt, eq]);
    expect([a.gte(b), a.lte(b)]).toEqual([gt || eq, lt || eq]);
  });

  test("min/max and predicates", () => {
    expect(Dec.min(n(1n), n(2n)).toString()).toBe("1.000000000000000000");
    expect(Dec.max(n(1n), n(2n)).toString()).toBe("2.000000000000000000");
    expect([n(-1n).isNegative(), n(1n).isPositive(), Dec.zero().isZero(), prec(5n, 1).isInteger()]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(Dec.one().toString()).toBe("1.000000000000000000");
    expect(Dec.smallest().toAtomicString()).toBe("1");
    expect(n(-3n).abs().toString()).toBe("3.000000000000000000");
  });
});

describe("Dec arithmetic (TestArithmetic)", () => {
  // d1, d2, mul, mulTruncate, mulRoundUp, quo, quoRoundUp, quoTruncate, add, sub
  test.each<[Dec, Dec, Dec, Dec, Dec, Dec, Dec, Dec, Dec, Dec]>([
    [n(0n), n(0n), n(0n), n(0n), n(0n), n(0n), n(0n), n(0n), n(0n), n(0n)],
    [n(1n), n(0n), n(0n), n(0n), n(0n), n(0n), n(0n), n(0n), n(1n), n(1n)],
    [n(0n), n(1n), n(0n), n(0n), n(0n), n(0n), n(0n), n(0n), n(1n), n(-1n)],
    [n(0n), n(-1n), n(0n), n(0n), n(0n), n(0n), n(0n), n(0n), n(-1n), n(1n)],
    [n(-1n), n(0n), n(0n), n(0n), n(0n), n(0n), n(0n), n(0n), n(-1n), n(-1n)],
    [n(1n), n(1n), n(1n), n(1n), n(1n), n(1n), n(1n), n(1n), n(2n), n(0n)],
    [n(-1n), n(-1n), n(1n), n(1n), n(1n), n(1n), n(1n), n(1n), n(-2n), n(0n)],
    [n(1n), n(-1n), n(-1n), n(-1n), n(-1n), n(-1n), n(-1n), n(-1n), n(0n), n(2n)],
    [n(-1n), n(1n), n(-1n), n(-1n), n(-1n), n(-1n), n(-1n), n(-1n), n(0n), n(-2n)],
    [
      n(3n), n(7n), n(21n), n(21n), n(21n),
      prec(428571428571428571n, 18), prec(428571428571428572n, 18), prec(428571428571428571n, 18),
      n(10n), n(-4n),
    ],
    [n(2n), n(4n), n(8n), n(8n), n(8n), prec(5n, 1), prec(5n, 1), prec(5n, 1), n(6n), n(-2n)],
    [n(100n), n(100n), n(10000n), n(10000n), n(10000n), n(1n), n(1n), n(1n), n(200n), n(0n)],
    [prec(15n, 1), prec(15n, 1), prec(225n, 2), prec(225n, 2), prec(225n, 2), n(1n), n(1n), n(1n), n(3n), n(0n)],
    [
      prec(3333n, 4), prec(333n, 4), prec(1109889n, 8), prec(1109889n, 8), prec(1109889n, 8),
      d("10.009009009009009009"), d("10.009009009009009010"), d("10.009009009009009009"),
      prec(3666n, 4), prec(3n, 1),
    ],
  ])("%#", (a, b, mul, mulT, mulU, quo, quoU, quoT, add, sub) => {
    expect(a.add(b).equal(add)).toBe(true);
    expect(a.sub(b).equal(sub)).toBe(true);
    expect(a.mul(b).equal(mul)).toBe(true);
    expect(a.mulTruncate(b).equal(mulT)).toBe(true);
    expect(a.mulRoundUp(b).equal(mulU)).toBe(true);
    if (b.isZero()) {
      expect(() => a.quo(b)).toThrow(ErrPanic.description);
      expect(() => a.quoTruncate(b)).toThrow(ErrPanic.description);
      expect(() => a.quoRoundUp(b)).toThrow(ErrPanic.description);
    } else {
      expect(a.quo(b).toString()).toBe(quo.toString());
      expect(a.quoRoundUp(b).toString()).toBe(quoU.toString());
      expect(a.quoTruncate(b).toString()).toBe(quoT.toString());
    }
  });

  test("TestMulRoundUp_RoundingAtPrecisionEnd", () => {
    const a = d("0.000000000000000009");
    expect(a.mulRoundUp(a).toString()).toBe("0.000000000000000001");
    expect(a.mulTruncate(a).toString()).toBe("0.000000000000000000");
  });

  test("Mul rounds half to even at the 18th decimal, symmetric in sign", () => {
    const half = prec(5n, 1);
    const tiny = prec(1n, 18); // 1e-18
    expect(tiny.mul(half).toAtomicString()).toBe("0"); // 0.5e-18 -> 0 (even)
    expect(prec(3n, 18).mul(half).toAtomicString()).toBe("2"); // 1.5e-18 -> 2
    expect(prec(5n, 18).mul(half).toAtomicString()).toBe("2"); // 2.5e-18 -> 2
    expect(prec(-5n, 18).mul(half).toAtomicString()).toBe("-2");
    expect(prec(-3n, 18).mul(half).toAtomicString()).toBe("-2");
    expect(prec(-3n, 18).mulTruncate(half).toAtomicString()).toBe("-1"); // toward zero
    expect(prec(-3n, 18).mulRoundUp(half).toAtomicString()).toBe("-1"); // toward +inf
    expect(prec(3n, 18).mulRoundUp(half).toAtomicString()).toBe("2");
  });

  test("TestOperationOrders: rounding makes (a*b)/b differ from (a/b)*b", () => {
    const n1 = n(10n);
    const n2 = n(1000000010n);
    expect(n1.mul(n2).quo(n2).equal(n1)).toBe(true);
    expect(n1.quo(n2).mul(n2).equal(n1)).toBe(false);
  });

  test("mulInt (TestDecMulInt) and quoInt (truncating)", () => {
    expect(n(10n).mulInt(2n).equal(n(20n))).toBe(true);
    expect(n(1000000n).mulInt(Int.from(100n)).equal(n(100000000n))).toBe(true);
    expect(prec(1n, 1).mulInt(10n).equal(n(1n))).toBe(true);
    expect(prec(1n, 5).mulInt(20n).equal(prec(2n, 4))).toBe(true);
    expect(n(10n).quoInt(3n).toString()).toBe("3.333333333333333333");
    expect(n(-10n).quoInt(3n).toString()).toBe("-3.333333333333333333");
    expect(prec(-1n, 18).quoInt(2n).toString()).toBe("0.000000000000000000");
    expect(() => n(1n).quoInt(0n)).toThrow(ErrPanic.description);
  });
});

describe("Dec quotients at the precision end (TestQuoMut)", () => {
  const one = prec(1n, 18);
  test.each<[string, string, string, string]>([
    // dividend, divisor, roundUp, truncate
    ["0.000000000000000001", "10", "0.000000000000000001", "0.000000000000000000"],
    ["0.000000000000000001", "5", "0.000000000000000001", "0.000000000000000000"],
    ["0.000000000000000001", "3.333333333333333", "0.000000000000000001", "0.000000000000000000"],
    ["0.000000000000000001", "2", "0.000000000000000001", "0.000000000000000000"],
    ["0.000000000000000001", "1.111111111111111", "0.000000000000000001", "0.000000000000000000"],
    ["-0.000000000000000001", "10", "0.000000000000000000", "0.000000000000000000"],
    ["-0.000000000000000001", "2", "0.000000000000000000", "0.000000000000000000"],
    ["-0.000000000000000001", "1.111111111111111", "0.000000000000000000", "0.000000000000000000"],
    ["-0.000000000000000001", "-10", "0.000000000000000001", "0.000000000000000000"],
    ["-0.000000000000000001", "-2", "0.000000000000000001", "0.000000000000000000"],
    ["-0.000000000000000001", "-1.666666666666666666", "0.000000000000000001", "0.000000000000000000"],
    ["999999999999999999", "0.000000000000000001", "999999999999999999000000000000000000.000000000000000000", "999999999999999999000000000000000000.000000000000000000"],
    ["123", "123", "1.000000000000000000", "1.000000000000000000"],
    ["0", "1", "0.000000000000000000", "0.000000000000000000"],
    ["0", "-1", "0.000000000000000000", "0.000000000000000000"],
  ])("%s / %s", (a, b, up, trunc) => {
    expect(d(a).quoRoundUp(d(b)).toString()).toBe(up);
    expect(d(a).quoTruncate(d(b)).toString()).toBe(trunc);
  });

  test("quoRoundUp: the ceiling for positive results, ONE ATOMIC ABOVE the ceiling for inexact negative ones", () => {
    // Checked against cosmossdk.io/math v1.4.0: QuoRoundupMut tests the sign of the already
    // truncated quotient, so a truncated negative quotient (already the ceiling) gets +1 again.
    const seven = n(7n);
    const three = n(3n);
    expect(seven.quoRoundUp(three).toString()).toBe("2.333333333333333334");
    expect(seven.neg().quoRoundUp(three.neg()).toString()).toBe("2.333333333333333334");
    expect(seven.neg().quoRoundUp(three).toString()).toBe("-2.333333333333333332");
    expect(seven.quoRoundUp(three.neg()).toString()).toBe("-2.333333333333333332");
    expect(n(-6n).quoRoundUp(three).toString()).toBe("-2.000000000000000000"); // exact: untouched
    expect(one.quoRoundUp(n(-2n)).toString()).toBe("0.000000000000000000"); // truncates to 0: ceiling
  });

  test("quo truncates at 36 decimals before rounding half-even at 18 (the SDK's double rounding)", () => {
    expect(n(2n).quo(n(3n)).toString()).toBe("0.666666666666666667");
    expect(n(-2n).quo(n(3n)).toString()).toBe("-0.666666666666666667");
    expect(prec(1n, 18).quo(n(2n)).toString()).toBe("0.000000000000000000"); // 0.5e-18 -> even 0
    expect(prec(3n, 18).quo(n(2n)).toString()).toBe("0.000000000000000002"); // 1.5e-18 -> 2
  });
});

describe("Dec rounding to integers", () => {
  test.each<[string, bigint]>([
    ["0.25", 0n],
    ["0", 0n],
    ["1", 1n],
    ["0.75", 1n],
    ["0.5", 0n],
    ["7.5", 8n],
    ["1.5", 2n],
    ["2.5", 2n],
    ["0.545", 1n], // 0.545 -> 1 even though 5 is the first decimal and 1 is not even
    ["1.545", 2n],
  ])("TestBankerRoundChop: roundInt(%s) = %s, and symmetric for negatives", (s, exp) => {
    expect(d(s).roundInt().toBigInt()).toBe(exp);
    expect(d(s).neg().roundInt().toBigInt()).toBe(-exp);
  });

  test.each<[string, bigint]>([
    ["0", 0n],
    ["0.25", 0n],
    ["0.75", 0n],
    ["1", 1n],
    ["1.5", 1n],
    ["7.5", 7n],
    ["7.6", 7n],
    ["7.4", 7n],
    ["100.1", 100n],
    ["1000.1", 1000n],
  ])("TestTruncate: truncateInt(%s) = %s, toward zero for negatives", (s, exp) => {
    expect(d(s).truncateInt().toBigInt()).toBe(exp);
    expect(d(s).neg().truncateInt().toBigInt()).toBe(-exp);
    expect(d(s).neg().truncateDec().equal(n(-exp))).toBe(true);
  });

  test.each<[Dec, Dec]>([
    [prec(1000000000000000n, 18), n(1n)], // 0.001 => 1
    [prec(-1000000000000000n, 18), n(0n)], // -0.001 => 0
    [Dec.zero(), n(0n)],
    [prec(900000000000000000n, 18), n(1n)],
    [prec(4001000000000000000n, 18), n(5n)],
    [prec(-4001000000000000000n, 18), n(-4n)],
    [prec(4700000000000000000n, 18), n(5n)],
    [prec(-4700000000000000000n, 18), n(-4n)],
  ])("TestDecCeil %#", (input, exp) => {
    expect(input.ceil().equal(exp)).toBe(true);
  });

  test("limits: Ceil, RoundInt and TruncateInt at the range edge (TestCeilOverflow, TestRoundIntLimits)", () => {
    const max = Dec.MAX;
    expect(() => max.ceil()).toThrow(ErrPanic.description);
    expect(max.truncateInt().toBigInt()).toBe((1n << 256n) - 1n);
    expect(() => max.roundInt()).toThrow(ErrPanic.description);
    expect(() => Dec.MIN.roundInt()).toThrow(ErrPanic.description);
    const previousWhole = Dec.fromAtomics(MAX_ATOMICS - 10n ** 18n);
    expect(previousWhole.roundInt().toString()).toBe(
      "115792089237316195423570985008687907853269984665640564039457584007913129639935",
    );
    expect(Dec.fromAtomics(-MAX_ATOMICS + 10n ** 18n).roundInt().toString()).toBe(
      "-115792089237316195423570985008687907853269984665640564039457584007913129639935",
    );
  });
});

describe("Dec range checks (TestDecOpsWithinLimits)", () => {
  test("every operation on the extreme values stays put, and one atomic further panics", () => {
    for (const src of [Dec.MAX, Dec.MIN]) {
      const ops = [
        src.add(Dec.zero()),
        src.sub(Dec.zero()),
        src.mul(Dec.one()),
        src.mulTruncate(Dec.one()),
        src.mulRoundUp(Dec.one()),
        src.mulInt(1n),
        src.quo(Dec.one()),
        src.quoTruncate(Dec.one()),
        src.quoRoundUp(Dec.one()),
      ];
      for (const r of ops) expect(r.equal(src)).toBe(true);
    }
    expect(() => Dec.MAX.add(Dec.smallest())).toThrow("Int overflow");
    expect(() => Dec.MIN.sub(Dec.smallest())).toThrow("Int overflow");
    expect(() => Dec.MAX.mulInt(2n)).toThrow("Int overflow");
    expect(() => Dec.MAX.quo(prec(5n, 1))).toThrow("Int overflow");
    expect(() => Dec.withPrec(MAX_ATOMICS + 1n, 18)).toThrow("Int overflow");
  });
});

describe("Dec.power (TestPower)", () => {
  test.each<[Dec, bigint, Dec]>([
    [n(100n), 0n, Dec.one()],
    [Dec.one(), 10n, Dec.one()],
    [prec(5n, 1), 2n, prec(25n, 2)],
    [prec(2n, 1), 2n, prec(4n, 2)],
    [n(3n), 3n, n(27n)],
    [n(-3n), 4n, n(81n)],
  ])("%#", (input, p, exp) => {
    expect(input.power(p).equal(exp)).toBe(true);
  });

  test("rounding at every squaring step gives the SDK's exact results (values from the Go code)", () => {
    expect(prec(1414213562373095049n, 18).power(2n).toString()).toBe("2.000000000000000001");
    expect(d("1.000000000158153904").power(31536000).toString()).toBe("1.005000000002850891");
  });

  test("overflow panics; exponent must be a uint64", () => {
    expect(() => n(10n).power(100n)).toThrow("Int overflow");
    expect(() => n(2n).power(-1)).toThrow();
  });
});
