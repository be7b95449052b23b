/**
 * BaseApp at the ABCI boundary, over a real socket: what modules see of each block (header and
 * CometBFT's block info) in every phase, the height genesis runs at, and consensus param changes
 * handed back to CometBFT. A probe module records what its hooks see.
 */
import * as abci from "cosmjs-types/tendermint/abci/types";
import { ConsensusParams } from "cosmjs-types/tendermint/types/params";
import { BlockIDFlag } from "cosmjs-types/tendermint/types/validator";
import { AbciSocketClient } from "./abci/client";
import { AbciServer } from "./abci/server";
import { BaseApp, type ConsensusParamsStore } from "./base-app";
import type { BlockHeader, CometInfo } from "./block-info";
import type { Context } from "./context";
import { silentLogger } from "./logger";
import type { AppModule } from "./module";
import { ModuleManager } from "./module-manager";
import type { ProposalHandler } from "./proposals";
import { DEFAULT_PROPOSAL_HANDLER } from "./proposals";
import { QueryRouter } from "./query-router";
import { openCommitMultiStore } from "./store";
import { makeTempDir } from "./store/test-util";
import type { CommitMultiStore } from "./store/types";
import type { TxExecutor } from "./tx/executor";

const CHAIN_ID = "probe-1";
const PARAMS_KEY = Uint8Array.of(0);

interface Seen {
  readonly phase: string;
  readonly header: BlockHeader;
  readonly comet: CometInfo;
}

/** Consensus params in a "params" store, as x/consensus keeps them. */
const paramsStore: ConsensusParamsStore = {
  get: (ctx) => {
    const raw = ctx.multiStore.getStore("params").get(PARAMS_KEY);
    return raw === undefined ? undefined : ConsensusParams.decode(raw);
  },
  set: (ctx, p) => ctx.multiStore.getStore("params").set(PARAMS_KEY, ConsensusParams.encode(p).finish()),
};

const PARAMS = ConsensusParams.fromPartial({
  block: { maxBytes: 22_020_096n, maxGas: -1n },
  evidence: { maxAgeNumBlocks: 100_000n, maxAgeDuration: { seconds: 172_800n, nanos: 0 }, maxBytes: 1_048_576n },
  validator: { pubKeyTypes: ["ed25519"] },
});

/** A tx [1] raises the block's max gas to 5 000 000, as MsgUpdateParams through gov would. */
const executor: TxExecutor = {
  runTx(ctx, tx) {
    if (tx.length === 1 && tx[0] === 1) {
      const p = paramsStore.get(ctx) as ConsensusParams;
      paramsStore.set(ctx, { ...p, block: { maxBytes: p.block?.maxBytes ?? 0n, maxGas: 5_000_000n } });
    }
    return { code: 0, codespace: "", log: "", data: new Uint8Array(), gasWanted: 0n, gasUsed: 0n, events: [] };
  },
};

async function startApp(): Promise<{ client: AbciSocketClient; seen: Seen[]; store: CommitMultiStore; close(): Promise<void> }> {
  const dir = makeTempDir("plumed-base-app-");
  const store = openCommitMultiStore({ path: dir.path, storeNames: ["params", "probe"], pruning: { strategy: "nothing", keepRecent: 0, interval: 0 } });
  const seen: Seen[] = [];
  const record = (phase: string) => (ctx: Context): void => void seen.push({ phase, header: ctx.header, comet: ctx.comet });
  const probe: AppModule = {
    name: "probe",
    storeNames: ["probe"],
    initGenesis: (ctx) => {
      record("genesis")(ctx);
      // A write, so that the app hash moves and the next block's header carries it.
      ctx.multiStore.getStore("probe").set(Uint8Array.of(1), Uint8Array.of(1));
    },
    beginBlock: (ctx) => {
      record("beginBlock")(ctx);
      ctx.multiStore.getStore("probe").set(Uint8Array.of(2), Uint8Array.of(Number(ctx.height % 256n)));
    },
    endBlock: (ctx) => void record("endBlock")(ctx),
  };
  const proposals: ProposalHandler = {
    prepare: (ctx, req) => {
      record("prepare")(ctx);
      return DEFAULT_PROPOSAL_HANDLER.prepare(ctx, req);
    },
    process: (ctx, req) => {
      record("process")(ctx);
      return DEFAULT_PROPOSAL_HANDLER.process(ctx, req);
    },
  };
  const modules = new ModuleManager([probe], { initGenesis: ["probe"], exportGenesis: [], beginBlock: ["probe"], endBlock: ["probe"] });
  const app = new BaseApp({
    name: "probe",
    version: "0",
    appVersion: 1n,
    chainId: CHAIN_ID,
    store,
    modules,
    queries: new QueryRouter(),
    consensusParams: paramsStore,
    txExecutor: executor,
    proposals,
    logger: silentLogger,
  });
  const server = new AbciServer({ address: "tcp://127.0.0.1:0", app, logger: silentLogger });
  const address = await server.start();
  const client = await AbciSocketClient.connect(address);
  return {
    client,
    seen,
    store,
    close: async () => {
      await client.close();
      await server.close();
      await store.close();
      dir.cleanup();
    },
  };
}

const addr = (n: number): Uint8Array => new Uint8Array(20).fill(n);
const hash = (n: number): Uint8Array => new Uint8Array(32).fill(n);
const TIME = { seconds: 1_700_000_000n, nanos: 5 };

const lastCommit = {
  round: 1,
  votes: [
    { validator: { address: addr(1), power: 30n }, blockIdFlag: BlockIDFlag.BLOCK_ID_FLAG_COMMIT },
    { validator: { address: addr(2), power: 20n }, blockIdFlag: BlockIDFlag.BLOCK_ID_FLAG_ABSENT },
    { validator: { address: addr(3), power: 10n }, blockIdFlag: BlockIDFlag.BLOCK_ID_FLAG_NIL },
  ],
};
const misbehavior = [
  { type: abci.MisbehaviorType.DUPLICATE_VOTE, validator: { address: addr(2), power: 20n }, height: 1n, time: TIME, totalVotingPower: 60n },
];

describe("BaseApp over an ABCI socket", () => {
  let t: Awaited<ReturnType<typeof startApp>>;
  beforeEach(async () => {
    t = await startApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it("runs genesis at height 0, and the first block at 1", async () => {
    await t.client.initChain({ chainId: CHAIN_ID, initialHeight: 1n, time: TIME, consensusParams: PARAMS, appStateBytes: new TextEncoder().encode("{}") });
    await t.client.finalizeBlock({ height: 1n, time: TIME, hash: hash(9) });
    expect(t.seen.map((s) => [s.phase, s.header.height])).toEqual([
      ["genesis", 0n],
      ["beginBlock", 1n],
      ["endBlock", 1n],
    ]);
  });

  it("runs genesis at the initial height when a chain starts above 1", async () => {
    await t.client.initChain({ chainId: CHAIN_ID, initialHeight: 10n, time: TIME, consensusParams: PARAMS, appStateBytes: new TextEncoder().encode("{}") });
    await t.client.finalizeBlock({ height: 10n, time: TIME });
    expect(t.seen.map((s) => [s.phase, s.header.height])).toEqual([
      ["genesis", 10n],
      ["beginBlock", 10n],
      ["endBlock", 10n],
    ]);
  });

  it("gives begin and end block the block hash, the last commit's votes, misbehaviour and the last app hash", async () => {
    await t.client.initChain({ chainId: CHAIN_ID, initialHeight: 1n, time: TIME, consensusParams: PARAMS, appStateBytes: new TextEncoder().encode("{}") });
    await t.client.finalizeBlock({ height: 1n, time: TIME, hash: hash(1), proposerAddress: addr(1), nextValidatorsHash: hash(7) });
    await t.client.commit();
    const appHash1 = (await t.client.info({})).lastBlockAppHash;
    t.seen.length = 0;
    await t.client.finalizeBlock({
      height: 2n,
      time: TIME,
      hash: hash(2),
      proposerAddress: addr(3),
      nextValidatorsHash: hash(8),
      decidedLastCommit: lastCommit,
      misbehavior,
    });
    const begin = t.seen.find((s) => s.phase === "beginBlock") as Seen;
    expect(begin.header).toEqual({
      chainId: CHAIN_ID,
      height: 2n,
      time: TIME,
      proposerAddress: addr(3),
      hash: hash(2),
      nextValidatorsHash: hash(8),
      lastAppHash: appHash1,
    });
    expect(appHash1).toHaveLength(32);
    expect(begin.comet.lastCommit).toEqual(lastCommit);
    expect(begin.comet.misbehavior).toEqual(misbehavior);
    expect(begin.comet.proposerAddress).toEqual(addr(3));
    expect(begin.comet.validatorsHash).toEqual(hash(8));
    const end = t.seen.find((s) => s.phase === "endBlock") as Seen;
    expect(end.comet).toEqual(begin.comet);
  });

  it("gives PrepareProposal and ProcessProposal the same shape", async () => {
    await t.client.initChain({ chainId: CHAIN_ID, initialHeight: 1n, time: TIME, consensusParams: PARAMS, appStateBytes: new TextEncoder().encode("{}") });
    await t.client.finalizeBlock({ height: 1n, time: TIME });
    await t.client.commit();
    const appHash1 = (await t.client.info({})).lastBlockAppHash;
    t.seen.length = 0;
    const extended = { round: 1, votes: lastCommit.votes.map((v) => ({ ...v, voteExtension: new Uint8Array(), extensionSignature: new Uint8Array() })) };
    await t.client.prepareProposal({ height: 2n, time: TIME, maxTxBytes: 1_000n, localLastCommit: extended, misbehavior, proposerAddress: addr(1), nextValidatorsHash: hash(8) });
    await t.client.processProposal({ height: 2n, time: TIME, hash: hash(2), proposedLastCommit: lastCommit, misbehavior, proposerAddress: addr(1), nextValidatorsHash: hash(8) });
    const [prepare, processed] = t.seen;
    expect(prepare?.phase).toBe("prepare");
    expect(prepare?.header).toMatchObject({ height: 2n, hash: new Uint8Array(), lastAppHash: appHash1, nextValidatorsHash: hash(8) });
    expect(prepare?.comet.lastCommit).toEqual(lastCommit);
    expect(processed?.phase).toBe("process");
    expect(processed?.header).toMatchObject({ height: 2n, hash: hash(2), lastAppHash: appHash1 });
    expect(processed?.comet).toEqual(prepare?.comet);
  });

  it("returns consensus_param_updates only from a block that changed them", async () => {
    await t.client.initChain({ chainId: CHAIN_ID, initialHeight: 1n, time: TIME, consensusParams: PARAMS, appStateBytes: new TextEncoder().encode("{}") });
    const unchanged = await t.client.finalizeBlock({ height: 1n, time: TIME, txs: [Uint8Array.of(2)] });
    expect(unchanged.consensusParamUpdates).toBeUndefined();
    await t.client.commit();
    const changed = await t.client.finalizeBlock({ height: 2n, time: TIME, txs: [Uint8Array.of(1)] });
    expect(changed.consensusParamUpdates?.block).toEqual({ maxBytes: 22_020_096n, maxGas: 5_000_000n });
    expect(changed.consensusParamUpdates?.validator).toEqual({ pubKeyTypes: ["ed25519"] });
  });
});
