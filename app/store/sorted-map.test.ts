import { compareBytes } from "./bytes";
import { SortedBytesMap } from "./sorted-map";
import { randomInt, seededRandom } from "./test-util";

function key(n: number): Uint8Array {
  return new Uint8Array([n >>> 8, n & 0xff]);
}

describe("SortedBytesMap", () => {
  it("matches a reference map under random inserts, with bounded iteration both ways", () => {
    const rand = seededRandom(7);
    const map = new SortedBytesMap<number>();
    const ref = new Map<number, number>();
    for (let i = 0; i < 5000; i++) {
      const k = randomInt(rand, 3000);
      map.set(key(k), i);
      ref.set(k, i);
    }
    expect(map.size).toBe(ref.size);
    const sorted = [...ref.keys()].sort((a, b) => a - b);
    expect([...map.entries()].map(([k]) => k[0]! * 256 + k[1]!)).toEqual(sorted);
    for (const k of sorted.slice(0, 50)) expect(map.get(key(k))).toBe(ref.get(k));
    expect(map.get(key(4000))).toBeUndefined();

    for (let t = 0; t < 50; t++) {
      const lo = randomInt(rand, 3100);
      const hi = lo + randomInt(rand, 400);
      const want = sorted.filter((k) => k >= lo && k < hi);
      const fwd = [...map.entries(key(lo), key(hi))].map(([k, v]) => [k[0]! * 256 + k[1]!, v]);
      expect(fwd).toEqual(want.map((k) => [k, ref.get(k)]));
      const rev = [...map.entries(key(lo), key(hi), true)].map(([k]) => k[0]! * 256 + k[1]!);
      expect(rev).toEqual([...want].reverse());
    }
    const revAll = [...map.entries(undefined, undefined, true)];
    for (let i = 1; i < revAll.length; i++) expect(compareBytes(revAll[i - 1]![0], revAll[i]![0])).toBeGreaterThan(0);
  });

  it("gives snapshots that later writes do not change", () => {
    const map = new SortedBytesMap<string>();
    for (let i = 0; i < 1000; i += 2) map.set(key(i), "a");
    const snap = map.snapshot();
    const it = map.entries();
    for (let i = 1; i < 1000; i += 2) map.set(key(i), "b");
    for (let i = 0; i < 1000; i += 4) map.set(key(i), "c");
    expect(snap.size).toBe(500);
    expect([...snap.entries()].every(([, v]) => v === "a")).toBe(true);
    expect([...it].length).toBe(500);
    expect(snap.get(key(0))).toBe("a");
    expect(map.get(key(0))).toBe("c");
    expect(map.size).toBe(1000);
  });
});
