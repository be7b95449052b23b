/**
 * Pagination for gRPC queries, with the exact semantics of Cosmos SDK v0.50's types/query package,
 * so that clients walking pages (cosmjs, explorers, the SDK CLI) see the same pages, next keys and
 * totals as on a Go node.
 *
 * Two families, because the SDK has two and they differ in edge cases:
 * - `paginateCollection` / `paginateRaw`: CollectionPaginate and CollectionFilteredPaginate
 *   (types/query/collections_pagination.go), used by most v0.50 queries (balances, supply, accounts,
 *   denom owners, send enabled). An offset past the end yields an empty page with no total.
 * - `paginatePrefix` / `filteredPaginatePrefix`: Paginate and FilteredPaginate over a prefix store
 *   (types/query/pagination.go, filtered_pagination.go), used by the older queries (denoms
 *   metadata, ...). An offset past the end yields an empty page WITH the total.
 *
 * Common rules (initPageRequestDefaults): an empty key counts as no key; `limit` 0 means 100 AND
 * turns `count_total` on; key and offset together are an error; `total` is only reported for
 * offset-based requests with `count_total`; `next_key` is the key (relative to the paginated
 * prefix) of the first entry after the page, empty when there is none.
 */
import type { PageRequest, PageResponse } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import { AppError, ErrInternal } from "./errors";
import { sdkPanic } from "./math/go-compat";
import type { Collection } from "./collections";
import { concatBytes, prefixEnd as prefixEndBytes } from "./store/bytes";
import { compareBytes } from "./store/bytes";
import type { Bytes, KVPair, KVStoreReader } from "./store/types";

export type { PageRequest, PageResponse };

/** DefaultLimit in types/query/pagination.go. */
export const DEFAULT_PAGE_LIMIT = 100n;

const MAX_UINT64 = (1n << 64n) - 1n;
const EMPTY = new Uint8Array(0);

/**
 * The SDK's pagination failures are plain Go errors (not registered codes): in a tx they surface as
 * code 1 / codespace "undefined"; query handlers wrap them as the SDK's handlers do (e.g.
 * AllBalances: InvalidArgument "paginate: ...").
 */
export class PaginationError extends AppError {
  constructor(message: string) {
    super(ErrInternal.codespace, ErrInternal.code, message);
    this.name = "PaginationError";
  }
}

export const ERR_KEY_AND_OFFSET = "invalid request, either offset or key is expected, got both";

interface NormalizedRequest {
  readonly key: Bytes | undefined;
  readonly offset: bigint;
  readonly limit: bigint;
  readonly countTotal: boolean;
  readonly reverse: boolean;
}

/** initPageRequestDefaults plus the key/offset exclusivity check every paginator starts with. */
function normalize(request: PageRequest | undefined): NormalizedRequest {
  const key = request !== undefined && request.key.length > 0 ? request.key : undefined;
  const offset = request?.offset ?? 0n;
  let limit = request?.limit ?? 0n;
  let countTotal = request?.countTotal ?? false;
  if (limit === 0n) {
    limit = DEFAULT_PAGE_LIMIT;
    countTotal = true;
  }
  if (offset > 0n && key !== undefined) throw new PaginationError(ERR_KEY_AND_OFFSET);
  return { key, offset, limit, countTotal, reverse: request?.reverse ?? false };
}

function pageResponse(nextKey: Bytes | undefined, total: bigint): PageResponse {
  return { nextKey: nextKey ?? EMPTY, total };
}

// ---------------------------------------------------------------------------------------------
// CollectionPaginate / CollectionFilteredPaginate

export interface RawPaginateOptions<T> {
  /** The collection's store prefix (e.g. 0x02 for bank balances). */
  readonly prefix: Bytes;
  /**
   * WithCollectionPaginationPairPrefix: the encoded leading key part every result shares (e.g. the
   * length-prefixed address for one account's balances). It is part of the keys handed to `filter`
   * and `transform`, and stripped from `next_key`.
   */
  readonly subPrefix?: Bytes;
  /** CollectionFilteredPaginate's predicate (keys relative to `prefix`); absent: everything counts. */
  readonly filter?: (key: Bytes, value: Bytes) => boolean;
  /** Applied only to the entries on the page. */
  readonly transform: (key: Bytes, value: Bytes) => T;
}

export interface Page<T> {
  readonly results: T[];
  readonly pagination: PageResponse;
}

/** CollectionFilteredPaginate over raw keys (relative to the collection prefix). */
export function paginateRaw<T>(store: KVStoreReader, request: PageRequest | undefined, options: RawPaginateOptions<T>): Page<T> {
  const req = normalize(request);
  const sub = options.subPrefix !== undefined && options.subPrefix.length > 0 ? options.subPrefix : undefined;
  const range = collectionRange(options.prefix, sub, req.key, req.reverse);
  let page: Page<T>;
  if (range === undefined) {
    // collections.ErrInvalidIterator: the SDK returns what it has and an empty PageResponse.
    page = { results: [], pagination: pageResponse(undefined, 0n) };
  } else {
    const entries = store.iterate(range.start, range.end, req.reverse);
    page =
      req.key !== undefined
        ? collectionPageByKey(entries, options, req.limit)
        : collectionPageNoKey(entries, options, req.offset, req.limit, req.countTotal);
  }
  if (sub !== undefined && page.pagination.nextKey.length > 0) {
    return { results: page.results, pagination: pageResponse(page.pagination.nextKey.subarray(sub.length), page.pagination.total) };
  }
  return page;
}

/** CollectionPaginate over a typed collection; `subPrefix` is the encoded leading key part. */
export function paginateCollection<K, V, T>(
  store: KVStoreReader,
  collection: Collection<K, V>,
  request: PageRequest | undefined,
  transform: (key: K, value: V) => T,
  options: { readonly subPrefix?: Bytes; readonly filter?: (key: K, value: V) => boolean } = {},
): Page<T> {
  const decode = (key: Bytes, value: Bytes): [K, V] => [collection.keyCodec.decode(key), collection.valueCodec.decode(value)];
  const filter = options.filter;
  return paginateRaw(store, request, {
    prefix: collection.prefix,
    ...(options.subPrefix !== undefined ? { subPrefix: options.subPrefix } : {}),
    ...(filter !== undefined ? { filter: (k: Bytes, v: Bytes) => filter(...decode(k, v)) } : {}),
    transform: (k, v) => transform(...decode(k, v)),
  });
}

/**
 * getCollIter + Map.IterateRaw: the absolute [start, end) range, or undefined where the SDK's
 * IterateRaw reports ErrInvalidIterator (start after end).
 */
function collectionRange(prefix: Bytes, sub: Bytes | undefined, key: Bytes | undefined, reverse: boolean): { start: Bytes; end: Bytes | undefined } | undefined {
  let lower: Bytes | undefined;
  let upper: Bytes | undefined;
  if (reverse) {
    // The upper bound is raised past the start key so that the key itself is included.
    const from = key === undefined ? sub : concatBytes(sub ?? EMPTY, key);
    upper = from === undefined ? undefined : prefixEndBytes(from);
    lower = sub;
  } else {
    lower = key === undefined ? sub : concatBytes(sub ?? EMPTY, key);
    upper = sub === undefined ? undefined : prefixEndBytes(sub);
  }
  const start = concatBytes(prefix, lower ?? EMPTY);
  const end = upper === undefined ? prefixEndBytes(prefix) : concatBytes(prefix, upper);
  if (end !== undefined && compareBytes(start, end) > 0) return undefined;
  return { start, end };
}

function relative(pair: KVPair, prefixLength: number): Bytes {
  return pair.key.subarray(prefixLength);
}

function collectionPageNoKey<T>(entries: Iterator<KVPair>, options: RawPaginateOptions<T>, offset: bigint, limit: bigint, countTotal: boolean): Page<T> {
  const n = options.prefix.length;
  // advanceIter: fewer entries than the offset is ErrInvalidIterator (an empty PageResponse).
  for (let i = 0n; i < offset; i++) {
    if (entries.next().done === true) return { results: [], pagination: pageResponse(undefined, 0n) };
  }
  const results: T[] = [];
  let count = 0n;
  let nextKey: Bytes | undefined;
  const included = (key: Bytes, value: Bytes): boolean => options.filter === undefined || options.filter(key, value);
  for (let r = entries.next(); r.done !== true; r = entries.next()) {
    const key = relative(r.value, n);
    const value = r.value.value;
    if (count < limit) {
      if (included(key, value)) {
        results.push(options.transform(key, value));
        count++;
      }
      continue;
    }
    if (count === limit) {
      // Re-set on every filtered-out entry while the count stays at the limit, as the SDK does.
      nextKey = key;
      if (!countTotal) return { results, pagination: pageResponse(nextKey, 0n) };
    }
    if (included(key, value)) count++;
  }
  return { results, pagination: pageResponse(nextKey, countTotal ? count + offset : 0n) };
}

function collectionPageByKey<T>(entries: Iterator<KVPair>, options: RawPaginateOptions<T>, limit: bigint): Page<T> {
  const n = options.prefix.length;
  const results: T[] = [];
  let count = 0n;
  let nextKey: Bytes | undefined;
  for (let r = entries.next(); r.done !== true; r = entries.next()) {
    const key = relative(r.value, n);
    if (count === limit) {
      nextKey = key;
      break;
    }
    if (options.filter === undefined || options.filter(key, r.value.value)) results.push(options.transform(key, r.value.value));
    // In key mode the SDK counts every visited entry, filtered in or not.
    count++;
  }
  return { results, pagination: pageResponse(nextKey, 0n) };
}

// ---------------------------------------------------------------------------------------------
// Paginate / FilteredPaginate over a prefix store

/**
 * getIterator: forward from the key; in reverse, from the entry after the first one at or above
 * the key, downwards (so an existing key is included).
 */
function prefixIterator(store: KVStoreReader, prefix: Bytes, key: Bytes | undefined, reverse: boolean): Iterator<KVPair> {
  const prefixEnd = prefixEndBytes(prefix);
  if (!reverse) return store.iterate(key === undefined ? prefix : concatBytes(prefix, key), prefixEnd, false);
  let end = prefixEnd;
  if (key !== undefined) {
    const probe = store.iterate(concatBytes(prefix, key), prefixEnd, false);
    if (probe.next().done !== true) {
      const second = probe.next();
      // The SDK calls Key() on the advanced iterator without checking it; an exhausted prefix
      // iterator panics there.
      if (second.done === true) throw sdkPanic("prefixIterator invalid, cannot call Key()");
      end = second.value.key;
    }
  }
  return store.iterate(prefix, end, true);
}

/** Paginate: `onResult` gets each entry of the page (keys relative to `prefix`). */
export function paginatePrefix(store: KVStoreReader, prefix: Bytes, request: PageRequest | undefined, onResult: (key: Bytes, value: Bytes) => void): PageResponse {
  const req = normalize(request);
  const entries = prefixIterator(store, prefix, req.key, req.reverse);
  const n = prefix.length;
  let count = 0n;
  let nextKey: Bytes | undefined;
  if (req.key !== undefined) {
    for (let r = entries.next(); r.done !== true; r = entries.next()) {
      if (count === req.limit) {
        nextKey = relative(r.value, n);
        break;
      }
      onResult(relative(r.value, n), r.value.value);
      count++;
    }
    return pageResponse(nextKey, 0n);
  }
  const end = BigInt.asUintN(64, req.offset + req.limit); // uint64 arithmetic, as in Go
  for (let r = entries.next(); r.done !== true; r = entries.next()) {
    count++;
    if (count <= req.offset) continue;
    if (count <= end) {
      onResult(relative(r.value, n), r.value.value);
    } else if (count === BigInt.asUintN(64, end + 1n)) {
      nextKey = relative(r.value, n);
      if (!req.countTotal) break;
    }
  }
  return pageResponse(nextKey, req.countTotal ? count : 0n);
}

/**
 * FilteredPaginate: `onResult(key, value, accumulate)` returns whether the entry is a hit; it
 * should collect the entry only when `accumulate` is true (the hit falls on the page).
 */
export function filteredPaginatePrefix(
  store: KVStoreReader,
  prefix: Bytes,
  request: PageRequest | undefined,
  onResult: (key: Bytes, value: Bytes, accumulate: boolean) => boolean,
): PageResponse {
  const req = normalize(request);
  const entries = prefixIterator(store, prefix, req.key, req.reverse);
  const n = prefix.length;
  let hits = 0n;
  let nextKey: Bytes | undefined;
  if (req.key !== undefined) {
    for (let r = entries.next(); r.done !== true; r = entries.next()) {
      if (hits === req.limit) {
        nextKey = relative(r.value, n);
        break;
      }
      if (onResult(relative(r.value, n), r.value.value, true)) hits++;
    }
    return pageResponse(nextKey, 0n);
  }
  const end = BigInt.asUintN(64, req.offset + req.limit);
  for (let r = entries.next(); r.done !== true; r = entries.next()) {
    const accumulate = hits >= req.offset && hits < end;
    if (onResult(relative(r.value, n), r.value.value, accumulate)) hits++;
    if (hits === BigInt.asUintN(64, end + 1n)) {
      if (nextKey === undefined) nextKey = relative(r.value, n);
      if (!req.countTotal) break;
    }
  }
  return pageResponse(nextKey, req.countTotal ? hits : 0n);
}

/** A PageRequest for "everything", as the SDK's exports use (Limit: PaginationMaxLimit). */
export const ALL_PAGES: Readonly<PageRequest> = { key: EMPTY, offset: 0n, limit: MAX_UINT64, countTotal: false, reverse: false };
