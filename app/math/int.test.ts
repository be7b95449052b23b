import { ErrInvalidRequest, ErrPanic, ErrTxDecode } from "../errors";
import { Int, Uint } from "./int";

const MAX = (1n << 256n) - 1n;

/** Vectors from cosmossdk.io/math v1.4.0 int_test.go unless noted. */
describe("Int", () => {
  test("bounds: 256 bits of magnitude plus a sign, -(2^256-1) ..= 2^256-1", () => {
    expect(Int.MAX.toBigInt()).toBe(MAX);
    expect(Int.MIN.toBigInt()).toBe(-MAX);
    expect(() => Int.from(MAX + 1n)).toThrow("NewIntFromBigInt() out of bound");
    expect(() => Int.from(-MAX - 1n)).toThrow("NewIntFromBigInt() out of bound");
    expect(Int.MAX.add(0n).equal(Int.MAX)).toBe(true);
    expect(Int.MIN.sub(0n).equal(Int.MIN)).toBe(true);
  });

  test("overflow panics (TestIntPanic)", () => {
    const e76 = 10n ** 76n;
    const [i1, i2, i3] = [Int.from(4n * e76), Int.from(5n * e76), Int.from(6n * e76)];
    expect(() => Int.from(2n * 10n ** 77n)).toThrow();
    expect(i1.add(i1).toBigInt()).toBe(8n * e76);
    expect(i2.add(i2).toBigInt()).toBe(10n * e76);
    expect(() => i3.add(i3)).toThrow("integer overflow");
    expect(i3.safeAdd(i3)).toBeUndefined();
    expect(() => i3.sub(i3.neg())).toThrow("integer overflow");
    expect(() => i1.mul(i1)).toThrow("integer overflow");
    expect(() => i1.neg().mul(i1.neg())).toThrow("integer overflow");
    expect(() => i1.mul(i1.neg())).toThrow("integer overflow");
    expect(i1.safeMul(i1)).toBeUndefined();
    const i3n = i3.neg();
    expect(i3n.sub(i1).toBigInt()).toBe(-10n * e76);
    expect(() => i3n.sub(i3)).toThrow("integer overflow");
    expect(i3n.safeSub(i3)).toBeUndefined();
    expect(() => Int.MAX.add(Int.one())).toThrow("integer overflow");
    expect(() => Int.MIN.sub(Int.one())).toThrow("integer overflow");
  });

  test("overflow is an ErrPanic-coded AppError (what baseapp makes of the SDK's panic)", () => {
    let caught: unknown;
    try {
      Int.MAX.add(1n);
    } catch (err) {
      caught = err;
    }
    expect(ErrPanic.is(caught)).toBe(true);
  });

  test("division by zero panics; safeQuo gives undefined", () => {
    expect(() => Int.from(5n).quo(0n)).toThrow("Division by zero");
    expect(Int.from(5n).safeQuo(0n)).toBeUndefined();
    expect(() => Int.from(2n).mod(0n)).toThrow("divide by zero");
  });

  test.each([
    [7n, 2n, 3n],
    [-7n, 2n, -3n],
    [7n, -2n, -3n],
    [-7n, -2n, 3n],
    [1n, 3n, 0n],
    [-1n, 3n, 0n],
  ])("quo truncates toward zero: %s / %s = %s", (a, b, q) => {
    expect(Int.from(a).quo(b).toBigInt()).toBe(q);
  });

  test.each([
    [3n, 10n, 3n],
    [10n, 3n, 1n],
    [4n, 2n, 0n],
    // Go big.Int Mod is Euclidean: never negative, divisor sign ignored (unlike JS %).
    [-7n, 3n, 2n],
    [7n, -3n, 1n],
    [-7n, -3n, 2n],
  ])("mod: %s mod %s = %s", (a, b, r) => {
    expect(Int.from(a).mod(b).toBigInt()).toBe(r);
  });

  test("arithmetic and comparisons", () => {
    const a = Int.from(-12n);
    const b = Int.from(5n);
    expect(a.add(b).toString()).toBe("-7");
    expect(a.sub(b).toString()).toBe("-17");
    expect(a.mul(b).toString()).toBe("-60");
    expect(a.neg().toString()).toBe("12");
    expect(a.abs().toString()).toBe("12");
    expect(Int.min(a, b)).toBe(a);
    expect(Int.max(a, b)).toBe(b);
    expect([a.lt(b), a.lte(b), a.gt(b), a.gte(b), a.equal(-12n), a.cmp(b)]).toEqual([true, true, false, false, true, -1]);
    expect([a.isNegative(), a.isPositive(), a.isZero(), Int.zero().isZero(), a.sign()]).toEqual([true, false, false, true, -1]);
    expect(Int.from((1n << 63n) - 1n).isInt64()).toBe(true);
    expect(Int.from(1n << 63n).isInt64()).toBe(false);
    expect(Int.from((1n << 64n) - 1n).isUint64()).toBe(true);
    expect(Int.from(-1n).isUint64()).toBe(false);
  });

  test.each([
    [0n, "0"],
    [100n, "100"],
    [-100n, "-100"],
    [51842n, "51842"],
    [-999999999999n, "-999999999999"],
  ])("encoding (TestEncodingTableInt): %s", (v, s) => {
    const i = Int.from(v);
    expect(i.toString()).toBe(s);
    expect(i.toProto()).toBe(s);
    expect(JSON.stringify({ amount: i })).toBe(`{"amount":"${s}"}`);
    expect(Int.fromProto(s).equal(i)).toBe(true);
    expect(Int.fromString(s).equal(i)).toBe(true);
  });

  test.each(["", "+1", " 1", "1 ", "0x10", "1_000", "1.0", "1e3", "--1", "abc", "١٢"])(
    "fromString is strict decimal: rejects %j",
    (s) => {
      expect(() => Int.fromString(s)).toThrow(ErrInvalidRequest.description);
    },
  );

  test("fromString: leading zeros and -0 are plain decimal", () => {
    expect(Int.fromString("007").toString()).toBe("7");
    expect(Int.fromString("-0").toString()).toBe("0");
    expect(() => Int.fromString((MAX + 1n).toString())).toThrow("integer out of range");
  });

  test.each([
    ["+5", 5n],
    ["0x10", 16n],
    ["010", 8n],
    ["0b101", 5n],
    ["0o17", 15n],
    ["1_000", 1000n],
    ["-0", 0n],
  ])("fromProto accepts Go's big.Int text like a Go node does: %j", (s, v) => {
    expect(Int.fromProto(s).toBigInt()).toBe(v);
  });

  test("fromProto rejects with ErrTxDecode; the empty string is the SDK's nil Int (panic)", () => {
    expect(() => Int.fromProto("08")).toThrow(ErrTxDecode.description);
    expect(() => Int.fromProto("1.5")).toThrow('math/big: cannot unmarshal "1.5" into a *big.Int');
    expect(() => Int.fromProto((MAX + 1n).toString())).toThrow("integer out of range; got: 257, max: 256");
    expect(() => Int.fromProto("")).toThrow(ErrPanic.description);
  });

  test("immutability: operations return new values", () => {
    const i = Int.from(42n);
    i.add(1n);
    i.neg();
    i.mul(3n);
    expect(i.toBigInt()).toBe(42n);
  });
});

describe("Uint", () => {
  test("range and underflow", () => {
    expect(Uint.from(0n).isZero()).toBe(true);
    expect(() => Uint.from(-1n)).toThrow("overflow: non-positive integer");
    expect(() => Uint.from(MAX + 1n)).toThrow("integer out of range; got: 257, max: 256");
    expect(() => Uint.zero().decr()).toThrow(ErrPanic.description);
    expect(Uint.from(MAX).toBigInt()).toBe(MAX);
    expect(() => Uint.from(MAX).incr()).toThrow();
  });

  test("arithmetic", () => {
    const a = Uint.from(10n);
    const b = Uint.from(3n);
    expect([a.add(b), a.sub(b), a.mul(b), a.quo(b), a.mod(b)].map(String)).toEqual(["13", "7", "30", "3", "1"]);
    expect(Uint.min(a, b)).toBe(b);
    expect(Uint.max(a, b)).toBe(a);
    expect([a.gt(b), a.gte(b), a.lt(b), a.lte(b), a.equal(Uint.from(10n))]).toEqual([true, true, false, false, true]);
    expect(() => a.quo(Uint.zero())).toThrow(ErrPanic.description);
    expect(() => a.mod(Uint.zero())).toThrow("division-by-zero");
  });

  test("parsing", () => {
    expect(Uint.fromString("42").toString()).toBe("42");
    expect(() => Uint.fromString("-1")).toThrow(ErrInvalidRequest.description);
    expect(Uint.fromProto("0x10").toString()).toBe("16");
    expect(() => Uint.fromProto("-1")).toThrow("non-positive integer");
  });
});
