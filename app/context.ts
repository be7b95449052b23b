// Installs the 64-bit varint writer fix before anything encodes (see app/proto-varint-fix.ts).
import "./proto-varint-fix";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import type { ConsensusParams } from "cosmjs-types/tendermint/types/params";
import { EMPTY_COMET_INFO, type BlockHeader, type CometInfo } from "./block-info";
import { EventManager } from "./events";
import { GasKVStore, infiniteGasMeter, type GasMeter } from "./gas";
import type { Logger } from "./logger";
import type { CacheMultiStore, KVStore } from "./store/types";

export type { BlockHeader, CometInfo } from "./block-info";

/**
 * Where an execution happens; it decides e.g. whether signatures are checked or gas is charged.
 * "genesis" is InitChain (module genesis and gentxs); "prepare"/"process" are the proposal phases.
 */
export type ExecMode = "genesis" | "check" | "recheck" | "simulate" | "prepare" | "process" | "finalize";

/** The parts of a Context that have defaults. */
export interface ContextExtras {
  readonly gasMeter?: GasMeter;
  readonly events?: EventManager;
  readonly consensusParams?: ConsensusParams | undefined;
  readonly comet?: CometInfo;
}

/**
 * The explicit context every keeper call receives: the store branch it may read and write, the
 * block header and CometBFT's block info, the gas meter and the event sink. Derive variants with
 * the `with*` methods; a Context is never mutated in place.
 */
export class Context {
  readonly gasMeter: GasMeter;
  readonly events: EventManager;
  readonly consensusParams: ConsensusParams | undefined;
  /** The previous block's votes and the misbehaviour of this block (empty outside block phases). */
  readonly comet: CometInfo;

  constructor(
    readonly multiStore: CacheMultiStore,
    readonly header: BlockHeader,
    readonly mode: ExecMode,
    readonly logger: Logger,
    extras: ContextExtras = {},
  ) {
    this.gasMeter = extras.gasMeter ?? infiniteGasMeter();
    this.events = extras.events ?? new EventManager();
    this.consensusParams = extras.consensusParams;
    this.comet = extras.comet ?? EMPTY_COMET_INFO;
  }

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

  private extras(): ContextExtras {
    return { gasMeter: this.gasMeter, events: this.events, consensusParams: this.consensusParams, comet: this.comet };
  }

  withMultiStore(multiStore: CacheMultiStore): Context {
    return new Context(multiStore, this.header, this.mode, this.logger, this.extras());
  }

  withGasMeter(gasMeter: GasMeter): Context {
    return new Context(this.multiStore, this.header, this.mode, this.logger, { ...this.extras(), gasMeter });
  }

  withEventManager(events: EventManager): Context {
    return new Context(this.multiStore, this.header, this.mode, this.logger, { ...this.extras(), events });
  }

  withConsensusParams(consensusParams: ConsensusParams | undefined): Context {
    return new Context(this.multiStore, this.header, this.mode, this.logger, { ...this.extras(), consensusParams });
  }

  withHeader(header: BlockHeader): Context {
    return new Context(this.multiStore, header, this.mode, this.logger, this.extras());
  }

  /** The same context at another height (the SDK's WithBlockHeight, e.g. staking genesis at 0). */
  withBlockHeight(height: bigint): Context {
    return this.withHeader({ ...this.header, height });
  }

  withMode(mode: ExecMode): Context {
    return new Context(this.multiStore, this.header, mode, this.logger, this.extras());
  }

  /** A child branch of this context's store with a fresh event sink (a tx's ante or msg phase). */
  branch(): Context {
    return new Context(this.multiStore.branch(), this.header, this.mode, this.logger, { ...this.extras(), events: new EventManager() });
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
  return { seconds: BigInt(millis) / 1000n, nanos };
}
