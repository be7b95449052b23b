/**
 * plumed's app in-process for gas comparisons with a Go SDK v0.50 simapp node: composed from the
 * composition root's parts (chain/app.ts) as createPlumeApp composes them, on an lmdb store in a
 * temporary directory. Mint and distribution run as on the Go node: the fee collector is emptied
 * at every BeginBlock, and distribution's staking hooks charge what the Go node's charge.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RequestInitChain, type ValidatorUpdate } from "cosmjs-types/tendermint/abci/types";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { createKeepers, createModules, MODULE_ORDER, type Keepers } from "../../chain/app";
import { createTxPipeline } from "../../chain/tx-pipeline";
import { BaseApp } from "../../app/base-app";
import { APP_NAME, APP_PROTOCOL_VERSION, APP_VERSION, type ChainSettings } from "../../app/chain-config";
import { silentLogger } from "../../app/logger";
import type { JsonValue } from "../../app/module";
import { ModuleManager } from "../../app/module-manager";
import { MsgRouter } from "../../app/msg-router";
import { QueryRouter } from "../../app/query-router";
import { openCommitMultiStore } from "../../app/store";
import { DecCoins } from "../../app/math/dec-coins";
import type { GenesisTxHandler } from "../../x/genutil";

export interface GasParityChain {
  readonly app: BaseApp;
  readonly keepers: Keepers;
  /** The validator set InitChain returned (CometBFT's set at heights 1 and 2). */
  readonly genesisValidators: readonly ValidatorUpdate[];
  close(): Promise<void>;
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
  const modules = new ModuleManager(createModules(keepers, opts.settings, genesisTxs), MODULE_ORDER);
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
  const { validators: genesisValidators } = app.initChain(
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
    genesisValidators,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
