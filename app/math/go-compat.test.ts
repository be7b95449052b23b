import { ErrPanic } from "../errors";
import { compareGoStrings, goByteLength, goDurationString, goTrimSpace, parseGoBigInt, sdkPanic } from "./go-compat";

describe("parseGoBigInt (Go big.Int SetString / UnmarshalText)", () => {
  test.each<[string, bigint | undefined]>([
    ["0", 0n],
    ["-0", 0n],
    ["+7", 7n],
    ["007", 7n], // octal, same value
    ["010", 8n], // a leading 0 means octal
    ["08", undefined],
    ["0x1F", 31n],
    ["0X1f", 31n],
    ["-0x10", -16n],
    ["0b101", 5n],
    ["0B2", undefined],
    ["0o17", 15n],
    ["0O8", undefined],
    ["1_000", 1000n],
    ["0_7", 7n],
    ["0x_1", 1n], // a separator may follow the base prefix
    ["1__0", undefined],
    ["_1", undefined],
    ["1_", undefined],
    ["0x", undefined],
    ["", undefined],
    ["-", undefined],
    ["+", undefined],
    ["+-1", undefined],
    [" 1", undefined],
    ["1.0", undefined],
    ["١٢", undefined],
  ])("base 0: %j", (s, v) => {
    expect(parseGoBigInt(s, 0)).toBe(v);
  });

  test.each<[string, bigint | undefined]>([
    ["010", 10n],
    ["+5", 5n],
    ["-5", -5n],
    ["0x10", undefined],
    ["1_0", undefined],
    ["+", undefined],
    ["", undefined],
  ])("base 10: %j", (s, v) => {
    expect(parseGoBigInt(s, 10)).toBe(v);
  });
});

test("goTrimSpace trims what Go's unicode.IsSpace accepts", () => {
  expect(goTrimSpace(" \t\n\v\f\r\u0085\u00a0\u2000\u3000x y\u2028 ")).toBe("x y");
  expect(goTrimSpace("\ufeffx")).toBe("\ufeffx");
  expect(goTrimSpace("")).toBe("");
});

test("compareGoStrings is UTF-8 byte order", () => {
  expect(compareGoStrings("ATOM", "atom")).toBe(-1);
  expect(compareGoStrings("atom", "atom2")).toBe(-1);
  expect(compareGoStrings("b", "a")).toBe(1);
  expect(compareGoStrings("x", "x")).toBe(0);
  // U+FFFD (EF BF BD) sorts before U+1F600 (F0 9F 98 80) in bytes, though not in UTF-16 units.
  expect(compareGoStrings("\ufffd", "😀")).toBe(-1);
  expect("\ufffd" < "😀").toBe(false);
  expect(goByteLength("é")).toBe(2);
});

test("sdkPanic carries ErrPanic's code", () => {
  const err = sdkPanic("boom");
  expect(ErrPanic.is(err)).toBe(true);
  expect(err.message).toBe("boom: panic");
});

describe("goDurationString", () => {
  it("prints durations as Go's time.Duration.String does", () => {
    const cases: Array<[bigint, string]> = [
      [0n, "0s"],
      [1n, "1ns"],
      [1_100n, "1.1µs"],
      [2_200_000n, "2.2ms"],
      [3_300_000_000n, "3.3s"],
      [4n * 60n * 1_000_000_000n + 5_000_000_000n, "4m5s"],
      [172_800n * 1_000_000_000n, "48h0m0s"],
      [-1_000_000_000n, "-1s"],
      [3_600_000_000_001n, "1h0m0.000000001s"],
    ];
    for (const [nanos, text] of cases) expect(goDurationString(nanos)).toBe(text);
  });
});
