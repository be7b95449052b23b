/**
 * Pruning policy with the SDK's semantics (store/pruning/manager.go, store/pruning/types/options.go):
 * after committing height h, when h is a multiple of `interval` and h > keepRecent, every version
 * <= h - 1 - keepRecent is deleted. So between prunes up to keepRecent + interval versions exist.
 */
import type { PruningOptions } from "./types";

export interface ResolvedPruning {
  readonly keepRecent: number;
  /** 0: never prune. */
  readonly interval: number;
}

export const PRUNE_DEFAULT: PruningOptions = { strategy: "default", keepRecent: 362880, interval: 10 };
export const PRUNE_NOTHING: PruningOptions = { strategy: "nothing", keepRecent: 0, interval: 0 };
export const PRUNE_EVERYTHING: PruningOptions = { strategy: "everything", keepRecent: 2, interval: 10 };

export function resolvePruning(opts: PruningOptions): ResolvedPruning {
  switch (opts.strategy) {
    case "default":
      return { keepRecent: 362880, interval: 10 };
    case "nothing":
      return { keepRecent: 0, interval: 0 };
    case "everything":
      return { keepRecent: 2, interval: 10 };
    case "custom":
      if (!Number.isSafeInteger(opts.keepRecent) || opts.keepRecent < 0) {
        throw new Error(`pruning: keepRecent must be a non-negative integer, got ${opts.keepRecent}`);
      }
      if (!Number.isSafeInteger(opts.interval) || opts.interval < 0) {
        throw new Error(`pruning: interval must be a non-negative integer, got ${opts.interval}`);
      }
      return { keepRecent: opts.keepRecent, interval: opts.interval };
    default: {
      const never: never = opts.strategy;
      throw new Error(`pruning: unknown strategy ${String(never)}`);
    }
  }
}

/** The highest version to delete after committing `height`, or 0 for none (SDK GetPruningHeight). */
export function pruneHeightAfter(p: ResolvedPruning, height: number): number {
  if (p.interval <= 0 || height <= p.keepRecent || height % p.interval !== 0) return 0;
  return height - 1 - p.keepRecent;
}
