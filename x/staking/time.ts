/**
 * Block-time helpers for staking: queue keys, completion times and the time strings the SDK puts in
 * events. All arithmetic is on integer nanoseconds (never floats); calendar fields come
 * from a Date built from an explicit instant, which is deterministic.
 */
import type { Duration } from "cosmjs-types/google/protobuf/duration";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { nanosToTimestamp, timestampToNanos } from "../../app/context";

const NANOS_PER_SECOND = 1_000_000_000n;
const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

export function durationToNanos(d: Duration): bigint {
  return d.seconds * NANOS_PER_SECOND + BigInt(d.nanos);
}

export function nanosToDuration(nanos: bigint): Duration {
  return { seconds: nanos / NANOS_PER_SECOND, nanos: Number(nanos % NANOS_PER_SECOND) };
}

/** t + d (time.Time.Add). */
export function addDuration(t: Timestamp, d: Duration): Timestamp {
  return nanosToTimestamp(timestampToNanos(t) + durationToNanos(d));
}

export function compareTimestamps(a: Timestamp, b: Timestamp): -1 | 0 | 1 {
  const x = timestampToNanos(a);
  const y = timestampToNanos(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Go's zero time.Time (0001-01-01T00:00:00Z), e.g. the completion time of an instant redelegation. */
export const GO_ZERO_TIME: Timestamp = { seconds: -62135596800n, nanos: 0 };

/** time.Unix(0, 0).UTC(): the SDK's "no time" for validators and commissions. */
export const UNIX_EPOCH: Timestamp = { seconds: 0n, nanos: 0 };

/** "YYYY-MM-DDTHH:MM:SS" of the instant's whole second, in UTC. */
function isoSeconds(t: Timestamp): string {
  const iso = new Date(Number(t.seconds) * 1000).toISOString();
  if (iso.length !== 24) throw new Error(`time out of range for a 4-digit year: ${t.seconds}s`);
  return iso.slice(0, 19);
}

/**
 * sdk.FormatTimeBytes: UTC, always 9 fraction digits ("2006-01-02T15:04:05.000000000"), so keys
 * built from it sort by time as raw bytes. Used by the unbonding, redelegation and validator queues.
 */
export function formatTimeBytes(t: Timestamp): Uint8Array {
  return textEncoder.encode(`${isoSeconds(t)}.${String(t.nanos).padStart(9, "0")}`);
}

/** sdk.ParseTimeBytes, the inverse of formatTimeBytes. */
export function parseTimeBytes(bytes: Uint8Array): Timestamp {
  const text = textDecoder.decode(bytes);
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})\.(\d{9})$/.exec(text);
  if (m === null) throw new Error(`invalid time bytes "${text}"`);
  const [, y, mo, d, h, mi, s, n] = m as unknown as [string, string, string, string, string, string, string, string];
  const millis = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  return { seconds: BigInt(millis) / 1000n, nanos: Number(n) };
}

/** Go's time.RFC3339 layout (whole seconds, "Z"): the completion_time of unbond/redelegate events. */
export function formatRfc3339Seconds(t: Timestamp): string {
  return `${isoSeconds(t)}Z`;
}
