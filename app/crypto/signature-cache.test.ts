import { SignatureCache } from "./signature-cache";

const b = (...xs: number[]): Uint8Array => Uint8Array.from(xs);

describe("SignatureCache", () => {
  it("remembers triples exactly (no collisions between differently split inputs)", () => {
    const c = new SignatureCache(10);
    c.add(b(1, 2), b(3), b(4));
    expect(c.has(b(1, 2), b(3), b(4))).toBe(true);
    expect(c.has(b(1), b(2, 3), b(4))).toBe(false);
    expect(c.has(b(1, 2), b(3), b(5))).toBe(false);
    expect(c.stats()).toEqual({ hits: 1, misses: 2, size: 1 });
  });

  it("evicts the oldest entry first once full, and can be disabled", () => {
    const c = new SignatureCache(2);
    c.add(b(1), b(1), b(1));
    c.add(b(2), b(2), b(2));
    c.add(b(3), b(3), b(3));
    expect(c.size).toBe(2);
    expect(c.has(b(1), b(1), b(1))).toBe(false);
    expect(c.has(b(3), b(3), b(3))).toBe(true);
    const off = new SignatureCache(0);
    off.add(b(1), b(1), b(1));
    expect(off.has(b(1), b(1), b(1))).toBe(false);
    expect(() => new SignatureCache(-1)).toThrow();
  });
});
