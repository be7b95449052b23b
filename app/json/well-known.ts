/**
 * The JSON forms of google.protobuf.Timestamp and Duration as gogo jsonpb writes them (the
 * Cosmos SDK's REST gateway and codec.ProtoMarshalJSON): Z-normalised RFC 3339 and "<s>s", both
 * with 0, 3, 6 or 9 fractional digits.
 */

/** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the range a Timestamp may hold. */
const MIN_TIMESTAMP_SECONDS = -62135596800n;
const MAX_TIMESTAMP_SECONDS = 253402300799n;
/** ±10000 years, the range a Duration may hold. */
const MAX_DURATION_SECONDS = 315576000000n;

/** Drops trailing groups of three zeros from a 9-digit fraction: "500000000" -> "500". */
function trimFraction(nanos: string): string {
  let f = nanos;
  for (let i = 0; i < 3 && f.endsWith("000"); i++) f = f.slice(0, -3);
  return f;
}

export function formatTimestamp(seconds: bigint, nanos: number): string {
  if (seconds < MIN_TIMESTAMP_SECONDS || seconds > MAX_TIMESTAMP_SECONDS) throw new Error(`timestamp seconds out of range: ${seconds}`);
  if (!Number.isInteger(nanos) || nanos < 0 || nanos >= 1e9) throw new Error(`timestamp nanos out of range: ${nanos}`);
  const base = new Date(Number(seconds) * 1000).toISOString().slice(0, 19);
  const frac = trimFraction(String(nanos).padStart(9, "0"));
  return frac === "" ? `${base}Z` : `${base}.${frac}Z`;
}

export function parseTimestamp(text: string): { seconds: bigint; nanos: number } {
  const m = /^(\d{4}-\d{2}-\d{2})[Tt](\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m || m[1] === undefined || m[2] === undefined || m[4] === undefined) throw new Error(`bad Timestamp: "${text}"`);
  const zone = m[4].toUpperCase();
  const millis = Date.parse(`${m[1]}T${m[2]}${zone}`);
  if (Number.isNaN(millis)) throw new Error(`bad Timestamp: "${text}"`);
  const seconds = BigInt(Math.floor(millis / 1000));
  if (seconds < MIN_TIMESTAMP_SECONDS || seconds > MAX_TIMESTAMP_SECONDS) throw new Error(`bad Timestamp: "${text}" is out of range`);
  return { seconds, nanos: m[3] === undefined ? 0 : Number(m[3].padEnd(9, "0")) };
}

export function formatDuration(seconds: bigint, nanos: number): string {
  if (seconds < -MAX_DURATION_SECONDS || seconds > MAX_DURATION_SECONDS) throw new Error(`duration seconds out of range: ${seconds}`);
  if (nanos <= -1e9 || nanos >= 1e9) throw new Error(`duration nanos out of range: ${nanos}`);
  if ((seconds > 0n && nanos < 0) || (seconds < 0n && nanos > 0)) throw new Error("signs of duration seconds and nanos do not match");
  const negative = seconds < 0n || nanos < 0;
  const abs = negative ? -seconds : seconds;
  const frac = trimFraction(String(Math.abs(nanos)).padStart(9, "0"));
  return `${negative ? "-" : ""}${abs}${frac === "" ? "" : `.${frac}`}s`;
}

const NANOS_PER_UNIT: ReadonlyMap<string, bigint> = new Map([
  ["ns", 1n],
  ["us", 1_000n],
  ["\u00b5s", 1_000n], // U+00B5 micro sign
  ["\u03bcs", 1_000n], // U+03BC Greek mu
  ["ms", 1_000_000n],
  ["s", 1_000_000_000n],
  ["m", 60_000_000_000n],
  ["h", 3_600_000_000_000n],
]);
const MAX_DURATION_NANOS = (1n << 63n) - 1n;

/**
 * A Duration from its JSON text as gogo jsonpb reads it: Go's time.ParseDuration ("1814400s",
 * "1.5s", "504h", "1h30m", "-0.5s", "0"), limited as time.Duration is to ±2^63-1 ns, with Go's
 * error texts. Fractions are exact (Go computes them in float64, which can differ by 1ns only for
 * fractions of more than 15 significant digits).
 */
export function parseDuration(text: string): { seconds: bigint; nanos: number } {
  const invalid = (): Error => new Error(`time: invalid duration ${JSON.stringify(text)}`);
  let s = text;
  let negative = false;
  if (s.startsWith("-") || s.startsWith("+")) {
    negative = s.startsWith("-");
    s = s.slice(1);
  }
  if (s === "0") return { seconds: 0n, nanos: 0 };
  if (s === "") throw invalid();
  let total = 0n;
  while (s !== "") {
    const m = /^(\d*)(?:\.(\d*))?/.exec(s);
    const whole = m?.[1] ?? "";
    const fraction = m?.[2];
    if (whole === "" && (fraction === undefined || fraction === "")) throw invalid();
    s = s.slice(m?.[0].length ?? 0);
    const unitMatch = /^[^.\d]+/.exec(s);
    if (!unitMatch) throw new Error(`time: missing unit in duration ${JSON.stringify(text)}`);
    const unitName = unitMatch[0];
    s = s.slice(unitName.length);
    const unit = NANOS_PER_UNIT.get(unitName);
    if (unit === undefined) throw new Error(`time: unknown unit ${JSON.stringify(unitName)} in duration ${JSON.stringify(text)}`);
    let v = BigInt(whole === "" ? "0" : whole) * unit;
    if (fraction !== undefined && fraction !== "") v += (BigInt(fraction) * unit) / 10n ** BigInt(fraction.length);
    total += v;
    if (total > MAX_DURATION_NANOS + 1n) throw invalid();
  }
  if (!negative && total > MAX_DURATION_NANOS) throw invalid();
  const nanos = negative ? -total : total;
  return { seconds: nanos / 1_000_000_000n, nanos: Number(nanos % 1_000_000_000n) };
}
