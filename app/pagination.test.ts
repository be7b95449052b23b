import { PageRequest } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import { Collection, StringKey, StringValue, concatBytes, lengthPrefixed, pairKey } from "./collections";
import { ERR_KEY_AND_OFFSET, PaginationError, filteredPaginatePrefix, paginateCollection, paginatePrefix, paginateRaw } from "./pagination";
import { newMemoryKVStore } from "./store";
import type { KVStore } from "./store/types";

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);
const req = (fields: Partial<PageRequest>): PageRequest => PageRequest.fromPartial(fields);

const Letters = new Collection(Uint8Array.of(0x02), StringKey, StringValue);

function lettersStore(letters = ["a", "b", "c", "d", "e"]): KVStore {
  const store = newMemoryKVStore();
  for (const l of letters) Letters.set(store, l, l.toUpperCase());
  // Neighbours outside the collection must never show up.
  store.set(Uint8Array.of(0x01, 0x61), enc("before"));
  store.set(Uint8Array.of(0x03, 0x61), enc("after"));
  return store;
}

function page(store: KVStore, request: PageRequest | undefined): { keys: string[]; nextKey: string; total: bigint } {
  const { results, pagination } = paginateCollection(store, Letters, request, (k) => k);
  return { keys: results, nextKey: dec(pagination.nextKey), total: pagination.total };
}

describe("paginateCollection (CollectionPaginate semantics)", () => {
  const store = lettersStore();

  it("with no request returns everything and counts (limit 0 turns count_total on)", () => {
    expect(page(store, undefined)).toEqual({ keys: ["a", "b", "c", "d", "e"], nextKey: "", total: 5n });
    expect(page(store, req({ limit: 0n }))).toEqual({ keys: ["a", "b", "c", "d", "e"], nextKey: "", total: 5n });
  });

  it("stops at the limit with the next key, and counts only when asked", () => {
    expect(page(store, req({ limit: 2n }))).toEqual({ keys: ["a", "b"], nextKey: "c", total: 0n });
    expect(page(store, req({ limit: 2n, countTotal: true }))).toEqual({ keys: ["a", "b"], nextKey: "c", total: 5n });
    expect(page(store, req({ limit: 5n, countTotal: true }))).toEqual({ keys: ["a", "b", "c", "d", "e"], nextKey: "", total: 5n });
  });

  it("continues from a key (inclusive) and never reports a total there", () => {
    expect(page(store, req({ key: enc("c"), limit: 2n, countTotal: true }))).toEqual({ keys: ["c", "d"], nextKey: "e", total: 0n });
    expect(page(store, req({ key: enc("bb"), limit: 10n }))).toEqual({ keys: ["c", "d", "e"], nextKey: "", total: 0n });
    // A key with limit 0 uses the default limit.
    expect(page(store, req({ key: enc("d") }))).toEqual({ keys: ["d", "e"], nextKey: "", total: 0n });
  });

  it("refuses key and offset together with the SDK's plain error", () => {
    expect(() => page(store, req({ key: enc("c"), offset: 1n }))).toThrow(new PaginationError(ERR_KEY_AND_OFFSET));
    try {
      page(store, req({ key: enc("c"), offset: 1n }));
    } catch (err) {
      expect(err).toBeInstanceOf(PaginationError);
      expect((err as PaginationError).message).toBe("invalid request, either offset or key is expected, got both");
      expect([(err as PaginationError).codespace, (err as PaginationError).code]).toEqual(["undefined", 1]);
    }
    // An empty key is no key.
    expect(page(store, req({ key: new Uint8Array(), offset: 1n, limit: 1n }))).toEqual({ keys: ["b"], nextKey: "c", total: 0n });
  });

  it("skips `offset` entries; total includes them", () => {
    expect(page(store, req({ offset: 2n, limit: 2n, countTotal: true }))).toEqual({ keys: ["c", "d"], nextKey: "e", total: 5n });
    expect(page(store, req({ offset: 4n, limit: 2n, countTotal: true }))).toEqual({ keys: ["e"], nextKey: "", total: 5n });
  });

  it("an offset at the end gives an empty page with the total; past the end, an empty PageResponse", () => {
    expect(page(store, req({ offset: 5n, countTotal: true, limit: 3n }))).toEqual({ keys: [], nextKey: "", total: 5n });
    expect(page(store, req({ offset: 6n, countTotal: true, limit: 3n }))).toEqual({ keys: [], nextKey: "", total: 0n });
  });

  it("walks backwards with reverse, a key included", () => {
    expect(page(store, req({ reverse: true, limit: 2n }))).toEqual({ keys: ["e", "d"], nextKey: "c", total: 0n });
    expect(page(store, req({ reverse: true, key: enc("c"), limit: 2n }))).toEqual({ keys: ["c", "b"], nextKey: "a", total: 0n });
    expect(page(store, req({ reverse: true, offset: 1n, limit: 2n, countTotal: true }))).toEqual({ keys: ["d", "c"], nextKey: "b", total: 5n });
    // The upper bound is the prefix end of the key: keys extending it are included.
    const withExt = lettersStore(["a", "b", "c", "cz", "d"]);
    expect(page(withExt, req({ reverse: true, key: enc("c"), limit: 10n })).keys).toEqual(["cz", "c", "b", "a"]);
  });

  it("paging through with next_key visits every entry once, both ways", () => {
    for (const reverse of [false, true]) {
      const seen: string[] = [];
      let key: Uint8Array = new Uint8Array();
      for (;;) {
        const { results, pagination } = paginateCollection(store, Letters, req({ key, limit: 2n, reverse }), (k) => k);
        seen.push(...results);
        if (pagination.nextKey.length === 0) break;
        key = pagination.nextKey;
      }
      expect(seen).toEqual(reverse ? ["e", "d", "c", "b", "a"] : ["a", "b", "c", "d", "e"]);
    }
  });

  it("an empty collection gives an empty page", () => {
    expect(page(newMemoryKVStore(), undefined)).toEqual({ keys: [], nextKey: "", total: 0n });
  });
});

describe("paginateCollection with a pair prefix and a filter (CollectionFilteredPaginate)", () => {
  const Pairs = new Collection(Uint8Array.of(0x02), pairKey(StringKey), StringValue);
  const a = enc("addrA");
  const b = enc("addrB");
  const store = newMemoryKVStore();
  for (const d of ["d1", "d2", "d3", "d4"]) Pairs.set(store, [a, d], d);
  Pairs.set(store, [b, "d0"], "other");

  it("only sees the prefix and strips it from next_key", () => {
    const res = paginateCollection(store, Pairs, req({ limit: 2n }), ([, d]) => d, { subPrefix: lengthPrefixed(a) });
    expect(res.results).toEqual(["d1", "d2"]);
    expect(dec(res.pagination.nextKey)).toBe("d3");
    const next = paginateCollection(store, Pairs, req({ key: res.pagination.nextKey, limit: 2n }), ([, d]) => d, { subPrefix: lengthPrefixed(a) });
    expect(next.results).toEqual(["d3", "d4"]);
    expect(next.pagination.nextKey.length).toBe(0);
    const rev = paginateCollection(store, Pairs, req({ reverse: true, limit: 3n, countTotal: true }), ([, d]) => d, { subPrefix: lengthPrefixed(a) });
    expect(rev.results).toEqual(["d4", "d3", "d2"]);
    expect(dec(rev.pagination.nextKey)).toBe("d1");
    expect(rev.pagination.total).toBe(4n);
  });

  it("counts only filtered-in entries for the page and the total", () => {
    const odd = ([, d]: readonly [Uint8Array, string]): boolean => d === "d1" || d === "d3";
    const res = paginateCollection(store, Pairs, req({ limit: 1n, countTotal: true }), ([, d]) => d, { subPrefix: lengthPrefixed(a), filter: odd });
    expect(res.results).toEqual(["d1"]);
    // With count_total the next key moves on past filtered-out entries to the next hit.
    expect(dec(res.pagination.nextKey)).toBe("d3");
    expect(res.pagination.total).toBe(2n);
    // Without it, the next key is simply the entry after the page.
    const quick = paginateCollection(store, Pairs, req({ limit: 1n }), ([, d]) => d, { subPrefix: lengthPrefixed(a), filter: odd });
    expect(dec(quick.pagination.nextKey)).toBe("d2");
  });

  it("in key mode counts every visited entry toward the limit, filtered or not", () => {
    const raw = paginateRaw(store, req({ key: enc("d1"), limit: 2n }), {
      prefix: Pairs.prefix,
      subPrefix: lengthPrefixed(a),
      filter: (k) => dec(k).endsWith("2"),
      transform: (k) => dec(k.subarray(6)),
    });
    expect(raw.results).toEqual(["d2"]);
    expect(dec(raw.pagination.nextKey)).toBe("d3");
  });
});

describe("paginatePrefix (store Paginate semantics)", () => {
  const store = lettersStore();
  const prefix = Uint8Array.of(0x02);
  const run = (request: PageRequest | undefined): { keys: string[]; nextKey: string; total: bigint } => {
    const keys: string[] = [];
    const res = paginatePrefix(store, prefix, request, (k, v) => {
      expect(dec(v)).toBe(dec(k).toUpperCase());
      keys.push(dec(k));
    });
    return { keys, nextKey: dec(res.nextKey), total: res.total };
  };

  it("pages by offset with totals, and by key without", () => {
    expect(run(undefined)).toEqual({ keys: ["a", "b", "c", "d", "e"], nextKey: "", total: 5n });
    expect(run(req({ offset: 1n, limit: 2n, countTotal: true }))).toEqual({ keys: ["b", "c"], nextKey: "d", total: 5n });
    expect(run(req({ offset: 1n, limit: 2n }))).toEqual({ keys: ["b", "c"], nextKey: "d", total: 0n });
    expect(run(req({ key: enc("d"), limit: 1n, countTotal: true }))).toEqual({ keys: ["d"], nextKey: "e", total: 0n });
    expect(() => run(req({ key: enc("d"), offset: 1n }))).toThrow(ERR_KEY_AND_OFFSET);
  });

  it("an offset past the end still reports the total (unlike the collections paginator)", () => {
    expect(run(req({ offset: 9n, limit: 2n, countTotal: true }))).toEqual({ keys: [], nextKey: "", total: 5n });
  });

  it("in reverse starts at the key, and panics like the SDK when the key is the last entry", () => {
    expect(run(req({ reverse: true, limit: 2n }))).toEqual({ keys: ["e", "d"], nextKey: "c", total: 0n });
    expect(run(req({ reverse: true, key: enc("c"), limit: 2n }))).toEqual({ keys: ["c", "b"], nextKey: "a", total: 0n });
    // A key between entries: the first entry above it is included.
    expect(run(req({ reverse: true, key: enc("bb"), limit: 5n }))).toEqual({ keys: ["c", "b", "a"], nextKey: "", total: 0n });
    expect(() => run(req({ reverse: true, key: enc("e") }))).toThrow("prefixIterator invalid, cannot call Key()");
    // A key above every entry: no bound, everything in reverse.
    expect(run(req({ reverse: true, key: enc("z"), limit: 2n })).keys).toEqual(["e", "d"]);
  });

  it("filteredPaginatePrefix accumulates hits on the page and counts all hits", () => {
    const got: string[] = [];
    const vowels = new Set(["a", "e"]);
    const res = filteredPaginatePrefix(store, prefix, req({ limit: 1n, countTotal: true }), (k, _v, accumulate) => {
      const hit = vowels.has(dec(k)) || dec(k) === "c";
      if (hit && accumulate) got.push(dec(k));
      return hit;
    });
    expect(got).toEqual(["a"]);
    expect(dec(res.nextKey)).toBe("c");
    expect(res.total).toBe(3n);
    const second: string[] = [];
    filteredPaginatePrefix(store, prefix, req({ offset: 1n, limit: 1n }), (k, _v, acc) => {
      const hit = vowels.has(dec(k)) || dec(k) === "c";
      if (hit && acc) second.push(dec(k));
      return hit;
    });
    expect(second).toEqual(["c"]);
  });

  it("keeps keys relative to the prefix", () => {
    const s = newMemoryKVStore();
    s.set(concatBytes(Uint8Array.of(9, 9), enc("k")), enc("v"));
    const keys: string[] = [];
    paginatePrefix(s, Uint8Array.of(9, 9), undefined, (k) => keys.push(dec(k)));
    expect(keys).toEqual(["k"]);
  });
});
