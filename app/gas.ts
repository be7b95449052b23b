import { AppError, ErrOutOfGas } from "./errors";
import type { Bytes, KVPair, KVStore } from "./store/types";

/**
 * Gas accounting with the SDK's semantics: consuming past the limit throws an OutOfGasError that
 * the tx pipeline turns into sdk/11 "out of gas in location: X; gasWanted: N, gasUsed: M".
 */
export class OutOfGasError extends AppError {
  constructor(
    readonly descriptor: string,
    readonly limit: bigint,
    readonly used: bigint,
  ) {
    super(ErrOutOfGas.codespace, ErrOutOfGas.code, `out of gas in location: ${descriptor}; gasWanted: ${limit}, gasUsed: ${used}: out of gas`);
  }
}

export interface GasMeter {
  readonly limit: bigint | undefined;
  consumed(): bigint;
  consume(amount: bigint, descriptor: string): void;
  refund(amount: bigint): void;
}

/** A meter with a limit; `undefined` means infinite (simulation, begin/end block, genesis). */
export class BasicGasMeter implements GasMeter {
  private used = 0n;
  constructor(readonly limit: bigint | undefined) {}

  consumed(): bigint {
    return this.used;
  }

  consume(amount: bigint, descriptor: string): void {
    this.used += amount;
    if (this.limit !== undefined && this.used > this.limit) {
      throw new OutOfGasError(descriptor, this.limit, this.used);
    }
  }

  refund(amount: bigint): void {
    this.used = amount > this.used ? 0n : this.used - amount;
  }
}

export const infiniteGasMeter = (): GasMeter => new BasicGasMeter(undefined);

/** KVStore gas costs (store/types/gas.go KVGasConfig). */
export interface KVGasConfig {
  readonly hasCost: bigint;
  readonly deleteCost: bigint;
  readonly readCostFlat: bigint;
  readonly readCostPerByte: bigint;
  readonly writeCostFlat: bigint;
  readonly writeCostPerByte: bigint;
  readonly iterNextCostFlat: bigint;
}

export const KV_GAS_CONFIG: KVGasConfig = {
  hasCost: 1000n,
  deleteCost: 1000n,
  readCostFlat: 1000n,
  readCostPerByte: 3n,
  writeCostFlat: 2000n,
  writeCostPerByte: 30n,
  iterNextCostFlat: 30n,
};

/**
 * The gas of simapp's circuit breaker (x/circuit), charged per message although plumed has none.
 * A Go SDK v0.50 simapp node looks each message's type URL up in the circuit breaker's disabled
 * list (one store `has`: HasCost) twice: in the ante handler (CircuitBreakerDecorator, right after
 * SetUpContext) and in baseapp's message router just before the handler runs. plumed charges the
 * same two lookups so that every tx costs exactly what it costs on that node (wallets size fees
 * from simulations against either); see docs/testing.md, "Gas parity with the Go node".
 */
export function consumeCircuitBreakerGas(meter: GasMeter, config: KVGasConfig = KV_GAS_CONFIG): void {
  meter.consume(config.hasCost, "Has");
}

/**
 * Charges gas for every store access, as the SDK's gaskv store (store v1.1.1, SDK v0.50) does: a
 * read costs ReadCostFlat plus ReadCostPerByte for the key and for the value found, a write
 * WriteCostFlat plus WriteCostPerByte for key and value, `has` and `delete` a flat cost.
 */
/** cost × n for KV_GAS_CONFIG's per-byte costs and lengths under 4096, computed once (no bigint garbage per store access). */
const TABLE_LENGTHS = 4096;
const READ_PER_BYTE = Array.from({ length: TABLE_LENGTHS }, (_, n) => KV_GAS_CONFIG.readCostPerByte * BigInt(n));
const WRITE_PER_BYTE = Array.from({ length: TABLE_LENGTHS }, (_, n) => KV_GAS_CONFIG.writeCostPerByte * BigInt(n));

function perByte(cost: bigint, n: number): bigint {
  if (n < TABLE_LENGTHS) {
    if (cost === KV_GAS_CONFIG.readCostPerByte) return READ_PER_BYTE[n] as bigint;
    if (cost === KV_GAS_CONFIG.writeCostPerByte) return WRITE_PER_BYTE[n] as bigint;
  }
  return cost * BigInt(n);
}

export class GasKVStore implements KVStore {
  constructor(
    private readonly parent: KVStore,
    private readonly meter: GasMeter,
    private readonly config: KVGasConfig = KV_GAS_CONFIG,
  ) {}

  get(key: Bytes): Bytes | undefined {
    this.meter.consume(this.config.readCostFlat, "ReadFlat");
    const value = this.parent.get(key);
    this.meter.consume(perByte(this.config.readCostPerByte, key.length), "ReadPerByte");
    this.meter.consume(perByte(this.config.readCostPerByte, value?.length ?? 0), "ReadPerByte");
    return value;
  }

  has(key: Bytes): boolean {
    this.meter.consume(this.config.hasCost, "Has");
    return this.parent.has(key);
  }

  set(key: Bytes, value: Bytes): void {
    this.meter.consume(this.config.writeCostFlat, "WriteFlat");
    this.meter.consume(perByte(this.config.writeCostPerByte, key.length), "WritePerByte");
    this.meter.consume(perByte(this.config.writeCostPerByte, value.length), "WritePerByte");
    this.parent.set(key, value);
  }

  delete(key: Bytes): void {
    this.meter.consume(this.config.deleteCost, "Delete");
    this.parent.delete(key);
  }

  /**
   * gaskv's iterator: creating it seeks to the first entry and pays one "seek" (IterNextCostFlat,
   * plus ReadCostPerByte for that entry's key and value if there is one); every step past an
   * entry pays a seek for the entry it leaves. So a loop over n entries pays n + 1 flat costs and
   * the first entry's bytes twice, an empty range pays one flat cost, and stopping early (break)
   * pays nothing more. The charge for creation is taken here, when `iterate` is called.
   */
  iterate(start?: Bytes, end?: Bytes, reverse?: boolean): IterableIterator<KVPair> {
    const inner = this.parent.iterate(start, end, reverse);
    let current = inner.next();
    this.consumeSeek(current);
    let started = false;
    const step = (): IteratorResult<KVPair> => {
      if (!started) {
        started = true;
        return current;
      }
      if (current.done === true) return current;
      this.consumeSeek(current);
      current = inner.next();
      return current;
    };
    const finish = (): IteratorResult<KVPair> => {
      if (current.done !== true) {
        inner.return?.();
        current = { done: true, value: undefined };
      }
      started = true;
      return current;
    };
    return {
      next: step,
      return: finish,
      [Symbol.iterator]() {
        return this;
      },
    };
  }

  private consumeSeek(at: IteratorResult<KVPair>): void {
    if (at.done !== true) {
      this.meter.consume(this.config.readCostPerByte * BigInt(at.value.key.length), "ValuePerByte");
      this.meter.consume(this.config.readCostPerByte * BigInt(at.value.value.length), "ValuePerByte");
    }
    this.meter.consume(this.config.iterNextCostFlat, "IterNextFlat");
  }
}
