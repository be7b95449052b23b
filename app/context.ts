import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import type { ConsensusParams } from "cosmjs-types/tendermint/types/params";
import { EventManager } from "./events";
import { GasKVStore, infiniteGasMeter, type GasMeter } from "./gas";
import type { Logger } from "./logger";
import type { CacheMultiStore, KVStore } from "./store/types";

/** Where an execution happens; it decides e.g. whether signatures are checked or gas is charged. */
export type ExecMode = "genesis" | "check" | "recheck" | "simulate" | "finalize";

export interface BlockHeader {
  readonly chainId: string;
  readonly height: bigint;
  /** Block time from the header: the only clock state transitions may read. */
  readonly time: Timestamp;
  readonly proposerAddress: Uint8Array;
}

/**
 * The explicit context every keeper call receives: the store branch it may read and write, the
 * block header, the gas meter and the event sink. Derive variants with the `with*` methods; a
 * Context is never mutated in place.
 */
export class Context {
  constructor(
    readonly multiStore: CacheMultiStore,
    readonly header: BlockHeader,
    readonly mode: ExecMode,
    readonly logger: Logger,
    readonly gasMeter: GasMeter = infiniteGasMeter(),
    readonly events: EventManager = new EventManager(),
    readonly consensusParams: ConsensusParams | undefined = undefined,
  ) {}

  get chainId(): string {
    return this.header.chainId;
  }

  get height(): bigint {
    return this.header.height;
  }

  get blockTime(): Timestamp {
    return this.header.time;
  }

  /** The module's store, metered by this context's gas meter. */
  kvStore(storeName: string): KVStore {
    return new GasKVStore(this.multiStore.getStore(storeName), this.gasMeter);
  }

  withMultiStore(multiStore: CacheMultiStore): Context {
    return new Context(multiStore, this.header, this.mode, this.logger, this.gasMeter, this.events, this.consensusParams);
  }

  withGasMeter(gasMeter: GasMeter): Context {
    return new Context(this.multiStore, this.header, this.mode, this.logger, gasMeter, this.events, this.consensusParams);
  }

  withEventManager(events: EventManager): Context {
    return new Context(this.multiStore, this.header, this.mode, this.logger, this.gasMeter, events, this.consensusParams);
  }

  withConsensusParams(params: ConsensusParams | undefined): Context {
    return new Context(this.multiStore, this.header, this.mode, this.logger, this.gasMeter, this.events, params);
  }

  /** A child branch of this context's store with a fresh event sink (a tx's ante or msg phase). */
  branch(): Context {
    return new Context(this.multiStore.branch(), this.header, this.mode, this.logger, this.gasMeter, new EventManager(), this.consensusParams);
  }

  isCheckTx(): boolean {
    return this.mode === "check" || this.mode === "recheck";
  }
}

/** Timestamp helpers: block times compared and shifted as integers (nanoseconds), never floats. */
export function timestampToNanos(t: Timestamp): bigint {
  return t.seconds * 1_000_000_000n + BigInt(t.nanos);
}

export function nanosToTimestamp(nanos: bigint): Timestamp {
  let seconds = nanos / 1_000_000_000n;
  let rest = nanos % 1_000_000_000n;
  if (rest < 0n) {
    rest += 1_000_000_000n;
    seconds -= 1n;
  }
  return { seconds, nanos: Number(rest) };
}

/** RFC 3339 with nanoseconds, as Go's time.Time marshals in JSON ("2024-01-02T03:04:05.123456789Z"). */
export function timestampToRfc3339(t: Timestamp): string {
  const ms = t.seconds * 1000n;
  const base = new Date(Number(ms)).toISOString().slice(0, 19);
  if (t.nanos === 0) return `${base}Z`;
  const frac = String(t.nanos).padStart(9, "0").replace(/0+$/, "");
  return `${base}.${frac}Z`;
}

export function rfc3339ToTimestamp(text: string): Timestamp {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m || m[1] === undefined || m[3] === undefined) throw new Error(`invalid RFC 3339 time "${text}"`);
  const millis = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(millis)) throw new Error(`invalid RFC 3339 time "${text}"`);
  const nanos = m[2] === undefined ? 0 : Number(m[2].padEnd(9, "0"));
  return { seconds: BigInt(millis / 1000), nanos };
}
