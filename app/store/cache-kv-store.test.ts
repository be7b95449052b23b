import { BranchMultiStore } from "./branch-multi-store";
import { CacheKVStore, MAX_KEY_LENGTH, newMemoryKVStore } from "./cache-kv-store";
import { b, pairs, str } from "./test-util";
import type { KVStore } from "./types";

function base(entries: [string, string][]): KVStore {
  const s = newMemoryKVStore();
  for (const [k, v] of entries) s.set(b(k), b(v));
  return s;
}

describe("CacheKVStore", () => {
  it("keeps writes in the branch until write(); dropping the branch discards them", () => {
    const parent = new CacheKVStore(base([["a", "1"]]));
    const tx = new CacheKVStore(parent);
    tx.set(b("b"), b("2"));
    tx.delete(b("a"));
    expect(str(tx.get(b("b")))).toBe("2");
    expect(tx.has(b("a"))).toBe(false);
    expect(str(parent.get(b("a")))).toBe("1");
    expect(parent.has(b("b"))).toBe(false);
    // "drop" the tx: parent untouched
    const tx2 = new CacheKVStore(parent);
    tx2.set(b("c"), b("3"));
    tx2.writeTo(parent);
    expect(pairs(parent.iterate())).toEqual([
      ["a", "1"],
      ["c", "3"],
    ]);
    expect(tx2.dirtyCount).toBe(0);
    expect(str(tx2.get(b("c")))).toBe("3"); // still usable, reads through
  });

  it("copies keys and values on set", () => {
    const s = newMemoryKVStore();
    const k = b("key");
    const v = b("val");
    s.set(k, v);
    k[0] = 0x7a;
    v[0] = 0x7a;
    expect(str(s.get(b("key")))).toBe("val");
  });

  it("refuses empty and over-long keys", () => {
    const s = newMemoryKVStore();
    expect(() => s.set(new Uint8Array(0), b("x"))).toThrow(/empty/);
    expect(() => s.set(new Uint8Array(MAX_KEY_LENGTH + 1), b("x"))).toThrow(/maximum/);
    expect(() => s.delete(new Uint8Array(0))).toThrow(/empty/);
    s.set(new Uint8Array(MAX_KEY_LENGTH).fill(1), new Uint8Array(0));
    expect(s.get(new Uint8Array(MAX_KEY_LENGTH).fill(1))).toEqual(new Uint8Array(0));
  });

  it("merges iteration over three layers with overwrites and deletes, both directions, with bounds", () => {
    const l0 = base([
      ["a", "0"],
      ["b", "0"],
      ["c", "0"],
      ["d", "0"],
      ["f", "0"],
    ]);
    const l1 = new CacheKVStore(l0);
    l1.delete(b("b"));
    l1.set(b("c"), b("1"));
    l1.set(b("e"), b("1"));
    l1.delete(b("zz")); // deleting a missing key is harmless
    const l2 = new CacheKVStore(l1);
    l2.set(b("b"), b("2")); // resurrect
    l2.delete(b("c"));
    l2.delete(b("f"));
    l2.set(b("g"), b("2"));
    const all = [
      ["a", "0"],
      ["b", "2"],
      ["d", "0"],
      ["e", "1"],
      ["g", "2"],
    ];
    expect(pairs(l2.iterate())).toEqual(all);
    expect(pairs(l2.iterate(undefined, undefined, true))).toEqual([...all].reverse());
    expect(pairs(l2.iterate(b("b"), b("e")))).toEqual([
      ["b", "2"],
      ["d", "0"],
    ]);
    expect(pairs(l2.iterate(b("b"), b("e"), true))).toEqual([
      ["d", "0"],
      ["b", "2"],
    ]);
    expect(pairs(l2.iterate(b("bb"), b("c")))).toEqual([]);
    expect(pairs(l1.iterate())).toEqual([
      ["a", "0"],
      ["c", "1"],
      ["d", "0"],
      ["e", "1"],
      ["f", "0"],
    ]);
  });

  it("iterators reflect the state at their creation while writes continue", () => {
    const parent = new CacheKVStore(base([["a", "0"], ["c", "0"]]));
    const child = new CacheKVStore(parent);
    child.set(b("b"), b("1"));
    const it = child.iterate();
    const first = it.next();
    expect(str(first.done ? undefined : first.value.key)).toBe("a");
    child.set(b("bb"), b("1"));
    child.delete(b("c"));
    parent.set(b("ab"), b("p"));
    child.set(b("d"), b("1"));
    expect(pairs({ [Symbol.iterator]: () => it })).toEqual([
      ["b", "1"],
      ["c", "0"],
    ]);
    // and a fresh iterator sees everything
    expect(pairs(child.iterate()).map(([k]) => k)).toEqual(["a", "ab", "b", "bb", "d"]);
  });

  it("allows deleting every key while iterating", () => {
    const s = new CacheKVStore(base([["a", "0"], ["b", "0"], ["c", "0"]]));
    for (const { key } of s.iterate()) s.delete(key);
    expect(pairs(s.iterate())).toEqual([]);
  });
});

describe("BranchMultiStore", () => {
  function root(): { stores: Map<string, CacheKVStore>; ms: BranchMultiStore } {
    const stores = new Map([
      ["bank", new CacheKVStore(newMemoryKVStore())],
      ["auth", new CacheKVStore(newMemoryKVStore())],
    ]);
    const ms = new BranchMultiStore((name) => {
      const s = stores.get(name);
      if (s === undefined) throw new Error(`unknown store ${name}`);
      return s;
    });
    return { stores, ms };
  }

  it("a dropped tx branch leaves the block branch unchanged; a written one lands in it", () => {
    const { stores, ms } = root();
    ms.getStore("bank").set(b("k"), b("block"));
    const failedTx = ms.branch();
    failedTx.getStore("bank").set(b("k"), b("tx"));
    failedTx.getStore("auth").set(b("acc"), b("1"));
    expect(str(ms.getStore("bank").get(b("k")))).toBe("block");
    expect(ms.getStore("auth").has(b("acc"))).toBe(false);

    const okTx = ms.branch();
    okTx.getStore("bank").set(b("k"), b("tx2"));
    const nested = okTx.branch();
    nested.getStore("auth").set(b("acc"), b("2"));
    nested.write();
    expect(str(okTx.getStore("auth").get(b("acc")))).toBe("2");
    expect(ms.getStore("auth").has(b("acc"))).toBe(false);
    okTx.write();
    expect(str(ms.getStore("bank").get(b("k")))).toBe("tx2");
    expect(str(ms.getStore("auth").get(b("acc")))).toBe("2");
    expect(stores.get("bank")!.has(b("k"))).toBe(false);
    ms.write();
    expect(str(stores.get("bank")!.get(b("k")))).toBe("tx2");
    expect(() => ms.getStore("nope")).toThrow(/unknown/);
  });
});
