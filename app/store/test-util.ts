/** Helpers for the store's unit tests (not used by production code). */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { utf8 } from "./bytes";
import type { Bytes, KVPair } from "./types";

/** mulberry32: a tiny seeded PRNG, so that randomized tests replay exactly. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(rand: () => number, n: number): number {
  return Math.floor(rand() * n);
}

export function b(s: string): Bytes {
  return utf8(s);
}

export function str(x: Bytes | undefined): string | undefined {
  return x === undefined ? undefined : Buffer.from(x).toString("utf8");
}

/** Iterator contents as [key, value] strings. */
export function pairs(it: Iterable<KVPair>): [string, string][] {
  return [...it].map(({ key, value }) => [Buffer.from(key).toString("utf8"), Buffer.from(value).toString("utf8")]);
}

export function makeTempDir(prefix: string): { path: string; cleanup: () => void } {
  const path = mkdtempSync(join(tmpdir(), `plumed-${prefix}-`));
  return { path, cleanup: () => rmSync(path, { recursive: true, force: true }) };
}
