/**
 * Test fixture for the API servers: the real plumed app over an lmdb store in a temp dir, with
 * a genesis that funds two accounts, driven through InitChain and two committed blocks.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { toBech32 } from "@cosmjs/encoding";
import { RequestFinalizeBlock, RequestInitChain } from "cosmjs-types/tendermint/abci/types";
import { appStoreNames, createPlumeApp, defaultAppState, type PlumeApp } from "./app";
import { DEFAULT_CHAIN_SETTINGS } from "../app/chain-config";
import { silentLogger } from "../app/logger";
import type { JsonValue } from "../app/module";
import { openCommitMultiStore } from "../app/store";
import type { CommitMultiStore, PruningOptions } from "../app/store/types";

export const CHAIN_ID = "plume-api-test-1";
export const PREFIX = DEFAULT_CHAIN_SETTINGS.bech32Prefix;
export const ALICE = toBech32(PREFIX, new Uint8Array(20).fill(1));
export const BOB = toBech32(PREFIX, new Uint8Array(20).fill(2));
/** Has neither an account nor a balance. */
export const CAROL = toBech32(PREFIX, new Uint8Array(20).fill(3));

export interface TestChain {
  readonly app: PlumeApp;
  readonly store: CommitMultiStore;
  close(): Promise<void>;
}

const GENESIS_TIME = { seconds: 1_700_000_000n, nanos: 0 };

export async function startTestChain(blocks = 2, options: { readonly pruning?: PruningOptions } = {}): Promise<TestChain> {
  const dir = mkdtempSync(join(tmpdir(), "plumed-api-"));
  const settings = DEFAULT_CHAIN_SETTINGS;
  const pruning = options.pruning ?? { strategy: "nothing", keepRecent: 0, interval: 0 };
  const store = openCommitMultiStore({ path: dir, storeNames: appStoreNames(settings), pruning });
  const app = createPlumeApp({ chainId: CHAIN_ID, settings, store, logger: silentLogger });
  const state = defaultAppState(settings) as Record<string, { [k: string]: JsonValue }>;
  const account = (address: string, n: number): JsonValue => ({
    "@type": "/cosmos.auth.v1beta1.BaseAccount",
    address,
    pub_key: null,
    account_number: String(n),
    sequence: "0",
  });
  state["auth"] = { ...state["auth"], accounts: [account(ALICE, 0), account(BOB, 1)] };
  state["bank"] = {
    ...state["bank"],
    balances: [
      { address: ALICE, coins: [{ denom: "uatom", amount: "5" }, { denom: "uplume", amount: "1000" }] },
      { address: BOB, coins: [{ denom: "uplume", amount: "7" }] },
    ],
  };
  app.baseApp.initChain(
    RequestInitChain.fromPartial({ chainId: CHAIN_ID, time: GENESIS_TIME, initialHeight: 1n, appStateBytes: new TextEncoder().encode(JSON.stringify(state)) }),
  );
  for (let h = 1n; h <= BigInt(blocks); h++) {
    app.baseApp.finalizeBlock(RequestFinalizeBlock.fromPartial({ height: h, time: { seconds: GENESIS_TIME.seconds + h, nanos: 0 }, txs: [] }));
    app.baseApp.commit({});
  }
  return {
    app,
    store,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
