/**
 * FinalizeBlock over the socket runs in slices of txs, answering CheckTx on CometBFT's mempool
 * connection in between (BaseApp.finalizeBlockInSlices): CheckTx then sees the committed state,
 * never the block's partial writes, and the block comes out exactly as it does in one piece.
 */
import * as abci from "cosmjs-types/tendermint/abci/types";
import { AbciSocketClient } from "./abci/client";
import { AbciServer } from "./abci/server";
import { BaseApp } from "./base-app";
import { silentLogger } from "./logger";
import { ModuleManager } from "./module-manager";
import { QueryRouter } from "./query-router";
import { openCommitMultiStore } from "./store";
import { makeTempDir } from "./store/test-util";
import type { CommitMultiStore } from "./store/types";
import type { TxExecutor } from "./tx/executor";

const CHAIN_ID = "slices-1";
const COUNTER = Uint8Array.of(7);
const TIME = { seconds: 1_700_000_000n, nanos: 0 };

/**
 * Tx [1, n]: adds n to a counter in the "probe" store and returns the new total. Tx [2] (CheckTx):
 * returns the counter as its state shows it. Each successful tx emits its total in an event.
 */
const executor: TxExecutor = {
  runTx(ctx, tx) {
    const store = ctx.multiStore.getStore("probe");
    const current = store.get(COUNTER)?.[0] ?? 0;
    if (tx[0] === 1) {
      const total = (current + (tx[1] ?? 0)) % 256;
      store.set(COUNTER, Uint8Array.of(total));
      return { code: 0, codespace: "", log: "", data: Uint8Array.of(total), gasWanted: 1n, gasUsed: 1n, events: [{ type: "probe", attributes: [{ key: "total", value: String(total) }] }] };
    }
    return { code: 0, codespace: "", log: "", data: Uint8Array.of(current), gasWanted: 0n, gasUsed: 0n, events: [] };
  },
};

interface Probe {
  readonly app: BaseApp;
  readonly store: CommitMultiStore;
  close(): Promise<void>;
}

const opened: Probe[] = [];
afterEach(async () => {
  for (const p of opened.splice(0)) await p.close();
});

function openProbe(): Probe {
  const dir = makeTempDir("plumed-slices-");
  const store = openCommitMultiStore({ path: dir.path, storeNames: ["probe"], pruning: { strategy: "nothing", keepRecent: 0, interval: 0 } });
  const modules = new ModuleManager([{ name: "probe", storeNames: ["probe"] }], { initGenesis: [], exportGenesis: [], beginBlock: [], endBlock: [] });
  const app = new BaseApp({
    name: "probe",
    version: "0",
    appVersion: 1n,
    chainId: CHAIN_ID,
    store,
    modules,
    queries: new QueryRouter(),
    consensusParams: { get: () => undefined, set: () => undefined },
    txExecutor: executor,
    logger: silentLogger,
  });
  app.initChain(abci.RequestInitChain.fromPartial({ chainId: CHAIN_ID, initialHeight: 1n, time: TIME, appStateBytes: new TextEncoder().encode("{}") }));
  const probe: Probe = {
    app,
    store,
    close: async () => {
      await store.close();
      dir.cleanup();
    },
  };
  opened.push(probe);
  return probe;
}

/** A block of `n` txs [1, i % 5 + 1]. */
function block(height: bigint, n: number): abci.RequestFinalizeBlock {
  const txs = Array.from({ length: n }, (_, i) => Uint8Array.of(1, (i % 5) + 1));
  return abci.RequestFinalizeBlock.fromPartial({ height, time: { ...TIME, seconds: TIME.seconds + height }, txs });
}

describe("FinalizeBlock in slices", () => {
  it("gives the same block results and app hashes as FinalizeBlock in one piece", async () => {
    const whole = openProbe();
    const sliced = openProbe();
    for (const [height, n] of [[1n, 0], [2n, 1], [3n, 49], [4n, 50], [5n, 51], [6n, 237]] as const) {
      const a = whole.app.finalizeBlock(block(height, n));
      const b = await sliced.app.socketApplication().finalizeBlock(block(height, n));
      expect(abci.ResponseFinalizeBlock.encode(b).finish()).toEqual(abci.ResponseFinalizeBlock.encode(a).finish());
      whole.app.commit({});
      await sliced.app.socketApplication().commit({});
      expect(sliced.store.lastCommitId()).toEqual(whole.store.lastCommitId());
    }
  });

  it("answers CheckTx between slices from the committed state, not the block's partial writes", async () => {
    const { app } = openProbe();
    app.finalizeBlock(block(1n, 3)); // counter 1 + 2 + 3 = 6
    app.commit({});
    const socketApp = app.socketApplication();
    let finalized = false;
    const pending = Promise.resolve(socketApp.finalizeBlock(block(2n, 200))).then((res) => {
      finalized = true;
      return res;
    });
    const seen: { finalized: boolean; counter: number | undefined }[] = [];
    while (!finalized) {
      const res = await socketApp.checkTx(abci.RequestCheckTx.fromPartial({ tx: Uint8Array.of(2) }));
      seen.push({ finalized, counter: res.data[0] });
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    const res = await pending;
    // 200 txs in slices of 50: CheckTx got turns while the block ran, and saw the committed 6 each time.
    const during = seen.filter((s) => !s.finalized);
    expect(during.length).toBeGreaterThanOrEqual(3);
    expect(during.every((s) => s.counter === 6)).toBe(true);
    expect(res.txResults).toHaveLength(200);
    expect(res.txResults.every((r) => r.code === 0)).toBe(true);
  });

  it("over the socket, answers a CheckTx sent after a long FinalizeBlock before that block's answer", async () => {
    const { app } = openProbe();
    app.finalizeBlock(block(1n, 2)); // counter 1 + 2 = 3
    app.commit({});
    const server = new AbciServer({ address: "tcp://127.0.0.1:0", app: app.socketApplication(), logger: silentLogger });
    const address = await server.start();
    const consensus = await AbciSocketClient.connect(address);
    const mempool = await AbciSocketClient.connect(address);
    try {
      const order: string[] = [];
      const finalized = consensus.finalizeBlock(block(2n, 2000)).then((res) => {
        order.push("finalizeBlock");
        return res;
      });
      // Sent once the server has started the block (its first slice has run).
      await new Promise<void>((resolve) => setImmediate(resolve));
      const checked = mempool.checkTx({ tx: Uint8Array.of(2) }).then((res) => {
        order.push("checkTx");
        return res;
      });
      const [block2, check] = await Promise.all([finalized, checked]);
      expect(order).toEqual(["checkTx", "finalizeBlock"]);
      expect(Array.from(check.data)).toEqual([3]);
      expect(block2.txResults).toHaveLength(2000);
    } finally {
      await consensus.close();
      await mempool.close();
      await server.close();
    }
  });

  it("runs the first block after InitChain in one piece (its check state reads the block's branch)", async () => {
    const { app } = openProbe();
    const socketApp = app.socketApplication();
    let finalized = false;
    const pending = Promise.resolve(socketApp.finalizeBlock(block(1n, 200))).then(() => (finalized = true));
    const res = await socketApp.checkTx(abci.RequestCheckTx.fromPartial({ tx: Uint8Array.of(2) }));
    await pending;
    // The whole block ran before this CheckTx could: it sees the block's total, not a slice's.
    expect(finalized).toBe(true);
    expect(res.data[0]).toBe(block(1n, 200).txs.reduce((sum, tx) => (sum + (tx[1] ?? 0)) % 256, 0));
  });
});
