import { newMemoryKVStore } from "./cache-kv-store";
import { prefixReader, prefixStore } from "./prefix-store";
import { toHex } from "./bytes";
import { b, pairs, str } from "./test-util";

describe("prefixStore", () => {
  it("reads, writes and iterates under its prefix only", () => {
    const s = newMemoryKVStore();
    s.set(b("a/1"), b("outside"));
    s.set(new Uint8Array([0x70, 0xff, 0x01]), b("p-ff-01"));
    s.set(new Uint8Array([0x71]), b("after"));
    const p = prefixStore(s, b("p"));
    p.set(b("x"), b("1"));
    p.set(b("y"), b("2"));
    p.set(b("z"), b("3"));
    expect(str(s.get(b("py")))).toBe("2");
    expect(str(p.get(b("x")))).toBe("1");
    expect(p.has(b("a/1"))).toBe(false);
    expect([...p.iterate()].map(({ key }) => toHex(key))).toEqual(["78", "79", "7a", "ff01"]);
    expect(pairs(p.iterate(b("y"))).map(([k]) => k).slice(0, 2)).toEqual(["y", "z"]);
    expect(pairs(p.iterate(b("x"), b("z"), true))).toEqual([
      ["y", "2"],
      ["x", "1"],
    ]);
    p.delete(b("y"));
    expect(s.has(b("py"))).toBe(false);
    expect(() => p.set(new Uint8Array(0), b("v"))).toThrow(/empty/);
  });

  it("handles a prefix ending in 0xff and nested prefixes", () => {
    const s = newMemoryKVStore();
    s.set(new Uint8Array([1, 0xff, 5]), b("in"));
    s.set(new Uint8Array([2, 0]), b("out"));
    const p = prefixReader(s, new Uint8Array([1, 0xff]));
    expect(pairs(p.iterate())).toEqual([["\u0005", "in"]]);
    expect(pairs(p.iterate(undefined, undefined, true))).toEqual([["\u0005", "in"]]);
    const outer = prefixStore(s, b("m"));
    const inner = prefixStore(outer, b("n"));
    inner.set(b("k"), b("v"));
    expect(str(s.get(b("mnk")))).toBe("v");
    expect(pairs(outer.iterate())).toEqual([["nk", "v"]]);
  });
});
