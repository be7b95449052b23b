/**
 * plumed's app in-process for gas comparisons with a Go SDK v0.50 simapp node: composed from the
 * composition root's parts (chain/app.ts) as createPlumeApp composes them, plus one stand-in module for what the Go node's x/distribution does
 * to tx gas outside its staking hooks.
 *
 * On the Go node, distribution's BeginBlock moves everything the fee_collector holds to the
 * distribution module account, so every block starts with an empty fee_collector and the first
 * fee of a block is credited to a balance that does not exist yet (a read of the key alone, then a
 * write). plumed has no distribution module yet, so its fee_collector keeps every fee, and each
 * fee credit would read and rewrite a longer balance. The stand-in empties the fee_collector the
 * same way at the start of each block. Remove it once x/distribution exists.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RequestInitChain } from "cosmjs-types/tendermint/abci/types";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { moduleAddress } from "../../app/address";
import { createKeepers, createModules, MODULE_ORDER, type Keepers } from "../../chain/app";
import { createTxPipeline } from "../../chain/tx-pipeline";
import { BaseApp } from "../../app/base-app";
import { APP_NAME, APP_PROTOCOL_VERSION, APP_VERSION, type ChainSettings } from "../../app/chain-config";
import { silentLogger } from "../../app/logger";
import type { AppModule, JsonValue } from "../../app/module";
import { ModuleManager } from "../../app/module-manager";
import { MsgRouter } from "../../app/msg-router";
import { QueryRouter } from "../../app/query-router";
import { openCommitMultiStore } from "../../app/store";
import { DecCoins } from "../../app/math/dec-coins";
import { FEE_COLLECTOR_NAME } from "../../x/auth/ante";
import type { GenesisTxHandler } from "../../x/genutil";

export interface GasParityChain {
  readonly app: BaseApp;
  readonly keepers: Keepers;
  close(): Promise<void>;
}

/** distribution's BeginBlock as far as tx gas sees it: the fee_collector ends up empty. */
function feeCollectorDrain(keepers: Keepers): AppModule {
  return {
    name: "fee_collector_drain",
    storeNames: [],
    beginBlock(ctx) {
      const from = moduleAddress(FEE_COLLECTOR_NAME);
      const fees = keepers.bank.getAllBalances(ctx, from);
      if (!fees.isEmpty()) keepers.bank.sendCoins(ctx, from, moduleAddress("distribution"), fees);
    },
  };
}

export async function startGasParityChain(opts: {
  readonly chainId: string;
  readonly settings: ChainSettings;
  readonly appState: Record<string, JsonValue>;
  readonly genesisTime: Timestamp;
}): Promise<GasParityChain> {
  const dir = mkdtempSync(join(tmpdir(), "plumed-gas-parity-"));
  const keepers = createKeepers(opts.settings);
  const msgs = new MsgRouter();
  const queries = new QueryRouter();
  const txExecutor = createTxPipeline({
    msgs,
    addresses: keepers.auth.addresses,
    accountKeeper: keepers.auth,
    bankKeeper: keepers.bank,
    minGasPrices: DecCoins.empty(),
  });
  const genesisTxs: GenesisTxHandler = { executeGenesisTx: (ctx, txBytes) => txExecutor.runTx(ctx, txBytes) };
  const modules = new ModuleManager([...createModules(keepers, opts.settings, genesisTxs), feeCollectorDrain(keepers)], {
    ...MODULE_ORDER,
    // simapp runs distribution's BeginBlock right after mint's, before the others.
    beginBlock: ["mint", "fee_collector_drain", ...MODULE_ORDER.beginBlock.filter((m) => m !== "mint")],
  });
  modules.registerServices({ registerMsg: (d) => msgs.register(d), registerQuery: (d) => queries.register(d) });
  const store = openCommitMultiStore({ path: dir, storeNames: modules.storeNames(), pruning: { strategy: "nothing", keepRecent: 0, interval: 0 } });
  const app = new BaseApp({
    name: APP_NAME,
    version: APP_VERSION,
    appVersion: APP_PROTOCOL_VERSION,
    chainId: opts.chainId,
    store,
    modules,
    queries,
    consensusParams: keepers.consensus,
    txExecutor,
    logger: silentLogger,
  });
  app.initChain(
    RequestInitChain.fromPartial({
      chainId: opts.chainId,
      time: opts.genesisTime,
      initialHeight: 1n,
      appStateBytes: new TextEncoder().encode(JSON.stringify(opts.appState)),
    }),
  );
  return {
    app,
    keepers,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
