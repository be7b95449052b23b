/**
 * The few pieces of Go runtime behaviour that the SDK's money types inherit and that JavaScript does
 * differently: big.Int text parsing, strings.TrimSpace, byte-wise string order, and what a panic
 * turns into. Kept in one place so that every type in app/math agrees on them.
 */
import { AppError, ErrPanic } from "../errors";

/**
 * What a Go panic inside the SDK's math or coin code becomes. baseapp recovers panics in a tx as
 * ErrPanic (codespace "undefined", code 111222), so we throw an AppError with that code: a tx that
 * overflows, divides by zero or subtracts into the negative fails with the same code as on a Go
 * chain. (In begin/end block a Go panic halts the chain; the caller decides what a throw means there.)
 */
export function sdkPanic(message: string): AppError {
  return ErrPanic.wrap(message);
}

/**
 * Parses `s` the way Go's `(*big.Int).SetString(s, base)` does, for the two bases the SDK uses;
 * `undefined` where Go reports failure.
 *
 * - base 10 (LegacyNewDecFromStr): an optional single `+` or `-`, then ASCII digits.
 * - base 0 (`big.Int.UnmarshalText`, hence the proto and JSON decoding of math.Int, math.Uint and
 *   LegacyDec): additionally a `0b`/`0o`/`0x` prefix, a bare leading `0` meaning octal ("010" is 8),
 *   and `_` between digits. These inputs are accepted by a Go node, so a faithful decoder accepts
 *   them too.
 *
 * Mirrors `math/big/natconv.go` (nat.scan) and `intconv.go` (Int.scan, setFromScanner).
 */
export function parseGoBigInt(s: string, base: 0 | 10): bigint | undefined {
  if (s.length === 0) return undefined; // scanSign hits EOF
  let i = 0;
  let negative = false;
  if (s[0] === "-" || s[0] === "+") {
    negative = s[0] === "-";
    i = 1;
  }

  let radix = 10;
  let octalZeroPrefix = false;
  let count = 0; // digits seen (a prefix is not counted)
  // The previous character class: "0" a digit, "_" a separator, "." anything else. A separator is
  // valid only right after a digit (or base prefix) and before a digit.
  let prev: "0" | "_" | "." = ".";
  let invalidSeparator = false;

  if (base === 0 && s[i] === "0") {
    prev = "0";
    count = 1;
    i++;
    if (i < s.length) {
      switch (s[i]) {
        case "b":
        case "B":
          radix = 2;
          i++;
          break;
        case "o":
        case "O":
          radix = 8;
          i++;
          break;
        case "x":
        case "X":
          radix = 16;
          i++;
          break;
        default:
          radix = 8;
          octalZeroPrefix = true;
      }
      count = 0;
    }
  }

  const bigRadix = BigInt(radix);
  let value = 0n;
  for (; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 0x5f /* _ */ && base === 0) {
      if (prev !== "0") invalidSeparator = true;
      prev = "_";
      continue;
    }
    let digit = 99;
    if (ch >= 0x30 && ch <= 0x39) digit = ch - 0x30;
    else if (ch >= 0x61 && ch <= 0x7a) digit = ch - 0x61 + 10;
    else if (ch >= 0x41 && ch <= 0x5a) digit = ch - 0x41 + 10;
    if (digit >= radix) return undefined; // Go stops here and then finds unconsumed input
    prev = "0";
    count++;
    value = value * bigRadix + BigInt(digit);
  }

  if (invalidSeparator || prev === "_") return undefined;
  if (count === 0 && !octalZeroPrefix) return undefined; // no digits
  return negative ? -value : value;
}

/** The characters Go's unicode.IsSpace accepts (strings.TrimSpace); JS trim() differs on U+0085 and U+FEFF. */
const GO_SPACE = new Set<number>([
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004,
  0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
]);

/** Go's strings.TrimSpace. */
export function goTrimSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && GO_SPACE.has(s.charCodeAt(start))) start++;
  while (end > start && GO_SPACE.has(s.charCodeAt(end - 1))) end--;
  return s.slice(start, end);
}

const isSurrogate = (c: number): boolean => c >= 0xd800 && c <= 0xdfff;

/**
 * Go's string order (`<`, strings.Compare): byte-wise over UTF-8, which is code point order.
 * JavaScript's `<` compares UTF-16 code units and puts U+10000.. before U+E000..U+FFFF; denoms are
 * ASCII once validated, but unvalidated coins must still sort exactly as the SDK sorts them.
 */
export function compareGoStrings(a: string, b: string): -1 | 0 | 1 {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = isSurrogate(x);
    if (xs !== isSurrogate(y)) return xs ? 1 : -1; // a surrogate pair encodes a code point above U+FFFF
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** Length in bytes of the UTF-8 encoding, i.e. Go's len(string). */
export function goByteLength(s: string): number {
  return Buffer.byteLength(s, "utf8");
}

/** A fraction of `prec` digits without trailing zeros, with its point ("" when zero): Go's fmtFrac. */
function goFraction(value: bigint, prec: number): string {
  if (prec === 0) return "";
  const digits = (value % 10n ** BigInt(prec)).toString().padStart(prec, "0").replace(/0+$/, "");
  return digits === "" ? "" : `.${digits}`;
}

/** time.Duration.String() of a duration in nanoseconds ("48h0m0s", "1.5s", "300ms", "0s"). */
export function goDurationString(nanos: bigint): string {
  const neg = nanos < 0n;
  const u = neg ? -nanos : nanos;
  let out: string;
  if (u < 1_000_000_000n) {
    if (u === 0n) return "0s";
    const [prec, unit] = u < 1_000n ? [0, "ns"] : u < 1_000_000n ? [3, "µs"] : [6, "ms"];
    out = `${u / 10n ** BigInt(prec)}${goFraction(u, prec)}${unit}`;
  } else {
    const seconds = u / 1_000_000_000n;
    out = `${seconds % 60n}${goFraction(u, 9)}s`;
    const minutes = seconds / 60n;
    if (minutes > 0n) {
      out = `${minutes % 60n}m${out}`;
      const hours = minutes / 60n;
      if (hours > 0n) out = `${hours}h${out}`;
    }
  }
  return neg ? `-${out}` : out;
}
