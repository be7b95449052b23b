/**
 * Where BaseApp and the store call the crash points, in process: the kill is replaced by a throw,
 * so that a test sees which work was done and what was persisted when the process would have died.
 * (test/an-app-killed-in-any-phase-of-a-block-recovers-the-same-app-hashes.test.ts kills for real.)
 */
import * as abci from "cosmjs-types/tendermint/abci/types";
import { BaseApp, type ConsensusParamsStore } from "./base-app";
import { CrashPoint, type CrashPhase } from "./crash-point";
import { silentLogger } from "./logger";
import { ModuleManager } from "./module-manager";
import { QueryRouter } from "./query-router";
import { openCommitMultiStore } from "./store";
import { makeTempDir } from "./store/test-util";
import type { CommitMultiStore } from "./store/types";
import type { TxExecutor } from "./tx/executor";

const CHAIN_ID = "crash-1";
const TIME = { seconds: 1_700_000_000n, nanos: 0 };

class Killed extends Error {}

const noParams: ConsensusParamsStore = { get: () => undefined, set: () => undefined };

interface Harness {
  readonly app: BaseApp;
  readonly store: CommitMultiStore;
  /** The txs the executor ran, in order (each tx is one byte: its index in its block). */
  readonly ran: number[];
  /** The lmdb directory, to reopen the store as a restarted process would. */
  readonly path: string;
  close(): Promise<void>;
}

async function harness(phase: CrashPhase, height: bigint): Promise<Harness> {
  const dir = makeTempDir("plumed-crash-point-");
  const crash = new CrashPoint({ phase, height }, silentLogger, () => {
    throw new Killed();
  });
  const store = openCommitMultiStore({
    path: dir.path,
    storeNames: ["data"],
    pruning: { strategy: "nothing", keepRecent: 0, interval: 0 },
    faults: { midCommit: (version) => crash.reached("commit-mid", BigInt(version)) },
  });
  const ran: number[] = [];
  // Each tx writes one key, so that every block changes the state.
  const executor: TxExecutor = {
    runTx(ctx, tx) {
      ran.push(tx[0] as number);
      ctx.multiStore.getStore("data").set(Uint8Array.of(ran.length), tx);
      return { code: 0, codespace: "", log: "", data: new Uint8Array(), gasWanted: 0n, gasUsed: 0n, events: [] };
    },
  };
  const app = new BaseApp({
    name: "crash",
    version: "0",
    appVersion: 1n,
    chainId: CHAIN_ID,
    store,
    modules: new ModuleManager([], { initGenesis: [], exportGenesis: [], beginBlock: [], endBlock: [] }),
    queries: new QueryRouter(),
    consensusParams: noParams,
    txExecutor: executor,
    logger: silentLogger,
    crashPoint: crash,
  });
  app.initChain(abci.RequestInitChain.fromPartial({ chainId: CHAIN_ID, initialHeight: 1n, time: TIME, appStateBytes: new TextEncoder().encode("{}") }));
  return {
    app,
    store,
    ran,
    path: dir.path,
    close: async () => {
      await store.close();
      dir.cleanup();
    },
  };
}

const txs = (n: number): Uint8Array[] => Array.from({ length: n }, (_, i) => Uint8Array.of(i));

/** One block through the ABCI phases in CometBFT's order. */
function block(app: BaseApp, height: bigint, n: number): void {
  app.processProposal(abci.RequestProcessProposal.fromPartial({ height, time: TIME, txs: txs(n) }));
  app.finalizeBlock(abci.RequestFinalizeBlock.fromPartial({ height, time: TIME, txs: txs(n) }));
  app.commit({});
}

describe("crash points in BaseApp and the store", () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it("proposal: dies at the proposal of the first block with txs, with the block before committed", async () => {
    const t = (h = await harness("proposal", 2n));
    block(t.app, 1n, 3);
    block(t.app, 2n, 0);
    expect(() => block(t.app, 3n, 1)).toThrow(Killed);
    expect(t.store.lastCommitId().version).toBe(2);
    expect(t.ran).toEqual([0, 1, 2]);
  });

  it("finalize-mid: dies after BeginBlock and half of the block's txs, before the others", async () => {
    const t = (h = await harness("finalize-mid", 2n));
    block(t.app, 1n, 1);
    expect(() => block(t.app, 2n, 5)).toThrow(Killed);
    expect(t.ran).toEqual([0, 0, 1]);
    expect(t.store.lastCommitId().version).toBe(1);
  });

  it("before-commit: dies when Commit arrives, after all of FinalizeBlock, with nothing of the block persisted", async () => {
    const t = (h = await harness("before-commit", 2n));
    block(t.app, 1n, 1);
    const before = t.store.lastCommitId();
    expect(() => block(t.app, 2n, 4)).toThrow(Killed);
    expect(t.ran).toEqual([0, 0, 1, 2, 3]);
    expect(t.store.lastCommitId()).toEqual(before);
  });

  it("commit-mid: dies inside the store's write transaction of the block's version, which is then not committed", async () => {
    const t = (h = await harness("commit-mid", 2n));
    block(t.app, 1n, 1);
    const before = t.store.lastCommitId();
    let thrown: unknown;
    try {
      block(t.app, 2n, 2);
    } catch (err) {
      thrown = err;
    }
    // The store reports the failed write of height 2, caused by the hook inside its transaction.
    expect((thrown as Error).message).toMatch(/cannot write height 2 to the application store/);
    expect((thrown as Error).cause).toBeInstanceOf(Killed);
    expect(t.ran).toEqual([0, 0, 1]);
    // A throw aborts the lmdb transaction (SIGKILL leaves it uncommitted): reopened, version 1.
    await t.store.close();
    const reopened = openCommitMultiStore({ path: t.path, storeNames: ["data"], pruning: { strategy: "nothing", keepRecent: 0, interval: 0 } });
    expect(reopened.lastCommitId()).toEqual(before);
    await reopened.close();
  });

  it("after-commit: dies once the block's version is durable, before Commit answers", async () => {
    const t = (h = await harness("after-commit", 2n));
    block(t.app, 1n, 1);
    expect(() => block(t.app, 2n, 2)).toThrow(Killed);
    expect(t.store.lastCommitId().version).toBe(2);
  });
});
