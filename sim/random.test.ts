import { SimRandom } from "./random";

describe("SimRandom", () => {
  it("gives the same stream for the same seed, purpose and index, and another one otherwise", () => {
    const draw = (r: SimRandom): number[] => Array.from({ length: 8 }, () => r.u32());
    expect(draw(SimRandom.derive(42n, "block", 7n))).toEqual(draw(SimRandom.derive(42n, "block", 7n)));
    expect(draw(SimRandom.derive(42n, "block", 7n))).not.toEqual(draw(SimRandom.derive(42n, "block", 8n)));
    expect(draw(SimRandom.derive(42n, "block", 7n))).not.toEqual(draw(SimRandom.derive(43n, "block", 7n)));
    expect(draw(SimRandom.derive(42n, "block", 7n))).not.toEqual(draw(SimRandom.derive(42n, "genesis", 7n)));
  });

  it("is a known sequence (a change here changes every seed's run)", () => {
    const r = SimRandom.derive(1n, "test");
    expect(Array.from({ length: 4 }, () => r.u32())).toEqual([3843052190, 1437632619, 3331625548, 3944601169]);
  });

  it("keeps integers, bigints and picks within their bounds and reaches both ends", () => {
    const r = SimRandom.derive(5n, "bounds");
    const ints = new Set<number>();
    const bigs = new Set<bigint>();
    for (let i = 0; i < 2000; i++) {
      const x = r.int(-3, 3);
      expect(x).toBeGreaterThanOrEqual(-3);
      expect(x).toBeLessThanOrEqual(3);
      ints.add(x);
      const b = r.bigint(10n ** 30n, 10n ** 30n + 4n);
      expect(b >= 10n ** 30n && b <= 10n ** 30n + 4n).toBe(true);
      bigs.add(b);
    }
    expect(ints.size).toBe(7);
    expect(bigs.size).toBe(5);
    expect(r.bigint(9n, 9n)).toBe(9n);
    expect(() => r.int(2, 1)).toThrow();
    expect(() => r.pick([])).toThrow();
  });

  it("chooses by integer weight and never an item of weight 0", () => {
    const r = SimRandom.derive(9n, "weights");
    const counts = { a: 0, b: 0, c: 0 };
    const items = [
      { name: "a" as const, weight: 1 },
      { name: "b" as const, weight: 0 },
      { name: "c" as const, weight: 3 },
    ];
    for (let i = 0; i < 4000; i++) counts[r.weighted(items).name]++;
    expect(counts.b).toBe(0);
    expect(counts.c / counts.a).toBeGreaterThan(2.5);
    expect(counts.c / counts.a).toBeLessThan(3.5);
    expect(() => r.weighted([{ weight: 0 }])).toThrow("every weight is zero");
    expect(() => r.weighted([{ weight: 0.5 }])).toThrow("non-negative integer");
  });

  it("forks streams that do not depend on how much the parent draws afterwards", () => {
    const a = SimRandom.derive(3n, "fork");
    const b = SimRandom.derive(3n, "fork");
    const fa = a.fork("child");
    const fb = b.fork("child");
    a.u32();
    expect([fa.u32(), fa.u32()]).toEqual([fb.u32(), fb.u32()]);
  });
});
