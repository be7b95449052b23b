import { nanosToTimestamp, rfc3339ToTimestamp, timestampToNanos, timestampToRfc3339 } from "./context";

describe("block time helpers", () => {
  it("converts between timestamps and nanoseconds exactly", () => {
    const t = { seconds: 1_700_000_000n, nanos: 123_456_789 };
    expect(timestampToNanos(t)).toBe(1_700_000_000_123_456_789n);
    expect(nanosToTimestamp(1_700_000_000_123_456_789n)).toEqual(t);
    expect(nanosToTimestamp(-1n)).toEqual({ seconds: -1n, nanos: 999_999_999 });
  });

  it("formats and parses RFC 3339 as Go does", () => {
    expect(timestampToRfc3339({ seconds: 0n, nanos: 0 })).toBe("1970-01-01T00:00:00Z");
    expect(timestampToRfc3339({ seconds: 1n, nanos: 500_000_000 })).toBe("1970-01-01T00:00:01.5Z");
    expect(rfc3339ToTimestamp("2024-03-01T12:00:00.000000001Z")).toEqual({ seconds: 1_709_294_400n, nanos: 1 });
    expect(() => rfc3339ToTimestamp("yesterday")).toThrow("invalid RFC 3339 time");
  });
});
