import { LruCache } from "./lru-cache";

describe("LruCache", () => {
  it("stays within capacity and keeps recently used entries", () => {
    const c = new LruCache<number, number>(100);
    for (let i = 0; i < 1000; i++) {
      c.set(i, i);
      c.get(0); // keep 0 hot
      expect(c.size).toBeLessThanOrEqual(100);
    }
    expect(c.get(0)).toBe(0);
    expect(c.get(999)).toBe(999);
    expect(c.get(1)).toBeUndefined();
    c.delete(999);
    expect(c.get(999)).toBeUndefined();
    const none = new LruCache<number, number>(0);
    none.set(1, 1);
    expect(none.get(1)).toBeUndefined();
  });

  it("evicts in O(1): a million insertions into a small cache are quick", () => {
    const c = new LruCache<string, number>(1000);
    const t = Date.now();
    for (let i = 0; i < 1_000_000; i++) c.set(`k${i}`, i);
    expect(Date.now() - t).toBeLessThan(5000);
  });
});
