/**
 * The real plumed application for benchmarks: a fresh lmdb store in a temp dir, default genesis
 * with one funded account, pruning off (every version kept, the costliest setting).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appStoreNames, createPlumeApp, defaultAppState } from "../chain/app";
import { DEFAULT_CHAIN_SETTINGS } from "../app/chain-config";
import { silentLogger } from "../app/logger";
import { openCommitMultiStore } from "../app/store";
import type { BenchApp } from "./abci-empty-blocks";

export const BENCH_CHAIN_ID = "plume-bench-1";

export async function createBenchApp(): Promise<BenchApp> {
  const dir = mkdtempSync(join(tmpdir(), "plumed-bench-app-"));
  const settings = DEFAULT_CHAIN_SETTINGS;
  const store = openCommitMultiStore({ path: dir, storeNames: appStoreNames(settings), pruning: { strategy: "nothing", keepRecent: 0, interval: 0 } });
  const app = createPlumeApp({ chainId: BENCH_CHAIN_ID, settings, store, logger: silentLogger });
  const appState = defaultAppState(settings);
  return {
    app: app.baseApp,
    initChain: {
      chainId: BENCH_CHAIN_ID,
      time: { seconds: 1_700_000_000n, nanos: 0 },
      initialHeight: 1n,
      appStateBytes: new TextEncoder().encode(JSON.stringify(appState)),
      validators: [],
    },
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
