import { BasicGasMeter, GasKVStore, OutOfGasError, type GasMeter } from "./gas";
import { newMemoryKVStore } from "./store";
import { b, str } from "./store/test-util";
import type { KVStore } from "./store/types";

/** A meter that records every charge, to compare with the SDK's gaskv sequence. */
class RecordingMeter implements GasMeter {
  readonly charges: [bigint, string][] = [];
  readonly limit = undefined;
  consumed(): bigint {
    return this.charges.reduce((sum, [amount]) => sum + amount, 0n);
  }
  consume(amount: bigint, descriptor: string): void {
    this.charges.push([amount, descriptor]);
  }
  refund(): void {}
}

function storeWith(entries: Record<string, string>): KVStore {
  const s = newMemoryKVStore();
  for (const [k, v] of Object.entries(entries)) s.set(b(k), b(v));
  return s;
}

describe("GasKVStore charges what the SDK's gaskv store charges", () => {
  it("reads: flat, then 3 per key byte and 3 per value byte (a missing value costs its key only)", () => {
    const meter = new RecordingMeter();
    const gas = new GasKVStore(storeWith({ abc: "12345" }), meter);
    expect(str(gas.get(b("abc")))).toBe("12345");
    expect(gas.get(b("zz"))).toBeUndefined();
    expect(meter.charges).toEqual([
      [1000n, "ReadFlat"],
      [9n, "ReadPerByte"],
      [15n, "ReadPerByte"],
      [1000n, "ReadFlat"],
      [6n, "ReadPerByte"],
      [0n, "ReadPerByte"],
    ]);
  });

  it("writes cost 2000 plus 30 per key and value byte; has and delete 1000 flat", () => {
    const meter = new RecordingMeter();
    const gas = new GasKVStore(newMemoryKVStore(), meter);
    gas.set(b("ab"), b("xyz"));
    expect(gas.has(b("ab"))).toBe(true);
    gas.delete(b("ab"));
    expect(meter.charges).toEqual([
      [2000n, "WriteFlat"],
      [60n, "WritePerByte"],
      [90n, "WritePerByte"],
      [1000n, "Has"],
      [1000n, "Delete"],
    ]);
  });

  it("an iterator pays a seek on creation and one per step, the first entry's bytes twice", () => {
    const meter = new RecordingMeter();
    const gas = new GasKVStore(storeWith({ a1: "x", a2: "yy", a3: "zzz" }), meter);
    const it = gas.iterate(b("a"), b("b"));
    // Creation seeks to a1 (3 bytes) before anything is read, as gaskv.Store.iterator does.
    expect(meter.consumed()).toBe(30n + 9n);
    const seen = [...it].map((p) => str(p.key));
    expect(seen).toEqual(["a1", "a2", "a3"]);
    // Next() past a1, a2 and a3: each pays for the entry it leaves; the last one ends the range.
    expect(meter.consumed()).toBe(30n * 4n + 9n + 9n + 12n + 15n);
    expect(meter.charges.filter(([, d]) => d === "IterNextFlat")).toHaveLength(4);
  });

  it("an empty range costs one flat seek; stopping after the first entry costs nothing more", () => {
    const empty = new RecordingMeter();
    expect([...new GasKVStore(storeWith({ a: "1" }), empty).iterate(b("x"), b("y"))]).toEqual([]);
    expect(empty.charges).toEqual([[30n, "IterNextFlat"]]);

    const first = new RecordingMeter();
    for (const p of new GasKVStore(storeWith({ a: "1", b: "2" }), first).iterate()) {
      expect(str(p.key)).toBe("a");
      break;
    }
    expect(first.consumed()).toBe(30n + 3n + 3n);
  });

  it("reverse iteration is charged the same way", () => {
    const meter = new RecordingMeter();
    const gas = new GasKVStore(storeWith({ a: "1", bb: "22" }), meter);
    expect([...gas.iterate(undefined, undefined, true)].map((p) => str(p.key))).toEqual(["bb", "a"]);
    expect(meter.consumed()).toBe(30n * 3n + 12n + 12n + 6n);
  });

  it("running out of gas while iterating throws the SDK's out-of-gas error", () => {
    const gas = new GasKVStore(storeWith({ a: "1", b: "2" }), new BasicGasMeter(40n));
    expect(() => [...gas.iterate()]).toThrow(OutOfGasError);
  });
});
