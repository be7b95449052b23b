/**
 * x/slashing params (SDK v0.50 x/slashing/types/params.go): defaults, Params.Validate and the
 * genesis ValidateGenesis checks with the SDK's texts; and the params of plumed's correlated
 * slashing (plume.slashing.v1, docs/slashing.md).
 *
 * LegacyDec fields are `bytes` in cosmos.slashing.v1beta1.Params: the UTF-8 of the atomics string
 * ("500000000000000000" for 0.5).
 */
import { Params } from "cosmjs-types/cosmos/slashing/v1beta1/slashing";
import type { Duration } from "cosmjs-types/google/protobuf/duration";
import { AppError, ErrInternal } from "../../app/errors";
import { Dec } from "../../app/math";
import { Params as CorrelationParams } from "../../proto/plume/slashing/v1/slashing";

export { Params, CorrelationParams };

const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder();

/** A LegacyDec `bytes` field: its value, zero when empty (gogoproto's nil Dec). */
export function decFromBytes(b: Uint8Array): Dec {
  return b.length === 0 ? Dec.zero() : Dec.fromProto(fromUtf8.decode(b));
}

export function decToBytes(d: Dec): Uint8Array {
  return utf8.encode(d.toProto());
}

export const DEFAULT_SIGNED_BLOCKS_WINDOW = 100n;
/** 10 minutes (DefaultDowntimeJailDuration). */
export const DEFAULT_DOWNTIME_JAIL_DURATION: Duration = { seconds: 600n, nanos: 0 };

export function defaultSlashingParams(): Params {
  return {
    signedBlocksWindow: DEFAULT_SIGNED_BLOCKS_WINDOW,
    minSignedPerWindow: decToBytes(Dec.fromString("0.5")),
    downtimeJailDuration: DEFAULT_DOWNTIME_JAIL_DURATION,
    slashFractionDoubleSign: decToBytes(Dec.one().quo(Dec.fromInt(20n))),
    slashFractionDowntime: decToBytes(Dec.one().quo(Dec.fromInt(100n))),
  };
}

/** An error the SDK raises with fmt.Errorf (no registered code): code 1, codespace "undefined". */
export function plainError(message: string): AppError {
  return new AppError(ErrInternal.codespace, ErrInternal.code, message);
}

export function durationNanos(d: Duration): bigint {
  return d.seconds * 1_000_000_000n + BigInt(d.nanos);
}

/** Go's time.Duration.String() ("10m0s", "1.5s", "500ms", "0s"), for error texts. */
export function goDurationString(nanos: bigint): string {
  if (nanos === 0n) return "0s";
  const neg = nanos < 0n;
  let n = neg ? -nanos : nanos;
  const sign = neg ? "-" : "";
  const frac = (value: bigint, digits: number): string => {
    const s = value.toString().padStart(digits, "0").replace(/0+$/, "");
    return s === "" ? "" : `.${s}`;
  };
  if (n < 1_000n) return `${sign}${n}ns`;
  if (n < 1_000_000n) return `${sign}${n / 1_000n}${frac(n % 1_000n, 3)}µs`;
  if (n < 1_000_000_000n) return `${sign}${n / 1_000_000n}${frac(n % 1_000_000n, 6)}ms`;
  let out = `${n / 1_000_000_000n % 60n}${frac(n % 1_000_000_000n, 9)}s`;
  n /= 60_000_000_000n;
  if (n > 0n) {
    out = `${n % 60n}m${out}`;
    n /= 60n;
    if (n > 0n) out = `${n}h${out}`;
  }
  return `${sign}${out}`;
}

/** Params.Validate, in the SDK's order and with its texts. */
export function validateSlashingParams(p: Params): void {
  if (p.signedBlocksWindow <= 0n) throw plainError(`signed blocks window must be positive: ${p.signedBlocksWindow}`);
  const fraction = (b: Uint8Array, what: string): void => {
    if (b.length === 0) throw plainError(`${what} cannot be nil: <nil>`);
    const d = decFromBytes(b);
    if (d.isNegative()) throw plainError(`${what} cannot be negative: ${d.toString()}`);
    if (d.gt(Dec.one())) throw plainError(`${what} too large: ${d.toString()}`);
  };
  fraction(p.minSignedPerWindow, "min signed per window");
  const jail = durationNanos(p.downtimeJailDuration);
  if (jail <= 0n) throw plainError(`downtime jail duration must be positive: ${goDurationString(jail)}`);
  fraction(p.slashFractionDoubleSign, "double sign slash fraction");
  fraction(p.slashFractionDowntime, "downtime slash fraction");
}

/**
 * The SDK's ValidateGenesis for params (`genesis validate`, gentx), stricter than Params.Validate:
 * a window of at least 10 blocks and a jail of at least a minute. InitGenesis does not run it, so
 * a genesis that fails it still starts a chain, as on simd.
 */
export function validateSlashingGenesisParams(p: Params): void {
  const bounded = (b: Uint8Array, what: string): void => {
    const d = decFromBytes(b);
    if (d.isNegative() || d.gt(Dec.one())) throw plainError(`${what} should be less than or equal to one and greater than zero, is ${d.toString()}`);
  };
  bounded(p.slashFractionDowntime, "slashing fraction downtime");
  bounded(p.slashFractionDoubleSign, "slashing fraction double sign");
  bounded(p.minSignedPerWindow, "min signed per window");
  const jail = durationNanos(p.downtimeJailDuration);
  if (jail < 60_000_000_000n) throw plainError(`downtime unjail duration must be at least 1 minute, is ${goDurationString(jail)}`);
  if (p.signedBlocksWindow < 10n) throw plainError(`signed blocks window must be at least 10, is ${p.signedBlocksWindow}`);
}

/**
 * MinSignedPerWindow: round(min_signed_per_window * window) blocks (RoundInt64, half to even).
 * A validator is punished once it has missed more than window - this within the window.
 */
export function minSignedPerWindowBlocks(p: Params): bigint {
  return decFromBytes(p.minSignedPerWindow).mulInt(p.signedBlocksWindow).roundInt().toBigInt();
}

// --- correlated slashing (plume.slashing.v1) ----------------------------------------------------

export const DEFAULT_CORRELATION_WINDOW = 1000n;

export function defaultCorrelationParams(): CorrelationParams {
  return { enabled: false, correlationWindow: DEFAULT_CORRELATION_WINDOW };
}

export function validateCorrelationParams(p: CorrelationParams): void {
  if (p.correlationWindow <= 0n) throw plainError(`correlation window must be positive: ${p.correlationWindow}`);
}
