/**
 * Export at height H, re-import, continue: the same rewards at H + k as a chain that never stopped.
 *
 * In-process: chain A (two validators, a delegator, inflation on, fees) runs to H, is exported at
 * H as `plumed export` does (every module's ExportGenesis, initial height H + 1), and goes on for k
 * blocks, one of them with a withdrawal. Chain B starts from the export (InitChain with initial
 * height H + 1) and gets the very same FinalizeBlock requests as A for H + 1 .. H + k (same votes,
 * times and signed txs). After each block the two agree on every distribution figure (the
 * delegator's rewards, outstanding rewards, commission, community pool) and on the whole
 * distribution, mint and bank stores.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MsgWithdrawDelegatorReward } from "cosmjs-types/cosmos/distribution/v1beta1/tx";
import { MsgDelegate } from "cosmjs-types/cosmos/staking/v1beta1/tx";
import { RequestFinalizeBlock, RequestInitChain } from "cosmjs-types/tendermint/abci/types";
import { DEFAULT_CHAIN_SETTINGS } from "../app/chain-config";
import { silentLogger } from "../app/logger";
import { openCommitMultiStore } from "../app/store";
import type { CommitMultiStore } from "../app/store/types";
import { appStoreNames, createPlumeApp, type PlumeApp } from "../chain/app";
import { assertChainInvariants } from "../chain/invariants";
import { CHAIN_ID, GENESIS_TIME, startInProcessChain, type InProcessChain } from "./helpers/in-process-chain";

const DENOM = "uplume";
const H = 8n;
const K = 6n;

function dump(app: PlumeApp, height: bigint, stores: readonly string[]): string {
  const ctx = app.baseApp.contextAt(height);
  const out: string[] = [];
  for (const name of stores) for (const { key, value } of ctx.multiStore.getStore(name).iterate()) out.push(`${name}:${Buffer.from(key).toString("hex")}=${Buffer.from(value).toString("hex")}`);
  return out.join("\n");
}

function figures(app: PlumeApp, height: bigint, delegator: string, validators: readonly string[]): Record<string, string> {
  const ctx = app.baseApp.contextAt(height);
  const k = app.keepers.distribution;
  const store = k.store(ctx);
  const a = k.addresses;
  const out: Record<string, string> = { community: k.communityPool(store).toString(), balance: app.keepers.bank.getBalance(ctx, a.decodeAccount(delegator), DENOM).amount.toString() };
  for (const v of validators) {
    const op = a.decodeValidator(v);
    out[`outstanding ${v}`] = k.outstanding(store, op).toString();
    out[`commission ${v}`] = k.accumulatedCommission(store, op).toString();
  }
  return out;
}

describe("an exported chain continues with the same rewards", () => {
  let a: InProcessChain;
  let bStore: CommitMultiStore | undefined;
  let bDir: string | undefined;

  afterAll(async () => {
    await a?.close();
    await bStore?.close();
    if (bDir !== undefined) rmSync(bDir, { recursive: true, force: true });
  });

  it("gives the same rewards at every height after the export as the chain that never stopped", async () => {
    a = await startInProcessChain({ validators: [{ name: "a", power: 10n }, { name: "b", power: 20n }], users: ["dora"], inflation: true });
    const dora = a.users[0];
    const [va, vb] = a.validators;
    if (dora === undefined || va === undefined || vb === undefined) throw new Error("setup");
    const requests = new Map<bigint, RequestFinalizeBlock>();
    const finalize = a.app.baseApp.finalizeBlock.bind(a.app.baseApp);
    a.app.baseApp.finalizeBlock = (req: RequestFinalizeBlock) => {
      requests.set(req.height, req);
      return finalize(req);
    };
    a.block();
    a.block();
    const delegate = MsgDelegate.encode({ delegatorAddress: dora.op.account, validatorAddress: va.op.valoper, amount: { denom: DENOM, amount: "7000000" } }).finish();
    a.block({ txs: [await a.signTx(dora, [{ typeUrl: "/cosmos.staking.v1beta1.MsgDelegate", value: delegate }], 400_000, 3_000n)] });
    while (a.height < H) a.block();

    const exportCtx = a.app.baseApp.contextAt(H);
    const exported = a.app.modules.exportGenesis(exportCtx);
    const params = a.app.keepers.consensus.get(exportCtx);
    expect(params).toBeDefined();

    for (let h = H + 1n; h <= H + K; h++) {
      if (h === H + 3n) {
        const withdraw = MsgWithdrawDelegatorReward.encode({ delegatorAddress: dora.op.account, validatorAddress: va.op.valoper }).finish();
        const res = a.block({ txs: [await a.signTx(dora, [{ typeUrl: "/cosmos.distribution.v1beta1.MsgWithdrawDelegatorReward", value: withdraw }])] });
        expect(res.txResults[0]?.code).toBe(0);
      } else {
        a.block();
      }
    }

    bDir = mkdtempSync(join(tmpdir(), "plumed-reimport-"));
    const settings = DEFAULT_CHAIN_SETTINGS;
    bStore = openCommitMultiStore({ path: bDir, storeNames: appStoreNames(settings), pruning: { strategy: "nothing", keepRecent: 0, interval: 0 } });
    const b = createPlumeApp({ chainId: CHAIN_ID, settings, store: bStore, logger: silentLogger });
    b.baseApp.initChain(
      RequestInitChain.fromPartial({
        chainId: CHAIN_ID,
        time: GENESIS_TIME,
        initialHeight: H + 1n,
        ...(params !== undefined ? { consensusParams: params } : {}),
        appStateBytes: new TextEncoder().encode(JSON.stringify(exported)),
      }),
    );
    const validators = [va.op.valoper, vb.op.valoper];
    const stores = ["distribution", "mint", "bank"];
    for (let h = H + 1n; h <= H + K; h++) {
      const req = requests.get(h);
      if (req === undefined) throw new Error(`no request for ${h}`);
      const res = b.baseApp.finalizeBlock(req);
      for (const r of res.txResults) expect(r.code).toBe(0);
      b.baseApp.commit({});
      assertChainInvariants(b, b.baseApp.contextAt(h));
      expect([h, figures(b, h, dora.op.account, validators)]).toEqual([h, figures(a.app, h, dora.op.account, validators)]);
      expect(dump(b, h, stores)).toBe(dump(a.app, h, stores));
    }
    // The withdrawal paid the same on both, and the delegator earned something to withdraw.
    const rewards = (app: PlumeApp): string => app.keepers.distribution.outstanding(app.keepers.distribution.store(app.baseApp.contextAt(H + K)), app.keepers.distribution.addresses.decodeValidator(va.op.valoper)).toString();
    expect(rewards(b)).toBe(rewards(a.app));
    expect(rewards(b)).not.toBe("");
  });
});
