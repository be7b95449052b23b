/**
 * plumed's simulation wiring: the real app (createPlumeApp over an lmdb store, governed by a key
 * the simulator holds through the `authority` test hook) and the module simulations, listed in
 * genesis order. The simulator core (sim/) knows no module; this is the one place that does.
 *
 * A module that lands adds its `x/<module>/simulation.ts` (genesis, operations, invariants) and
 * one line in `moduleSimulations` below.
 */
import { ConsensusParams } from "cosmjs-types/tendermint/types/params";
import { moduleAddress } from "../app/address";
import { DEFAULT_CHAIN_SETTINGS, type ChainSettings } from "../app/chain-config";
import { silentLogger } from "../app/logger";
import { openCommitMultiStore } from "../app/store";
import type { SimApp, SimWiring } from "../sim/app";
import type { ModuleSimulation } from "../sim/types";
import { authSimulation } from "../x/auth/simulation";
import { bankSimulation } from "../x/bank/simulation";
import { BANK_STORE } from "../x/bank/state-keys";
import { consensusSimulation } from "../x/consensus/simulation";
import { distributionSimulation } from "../x/distribution/simulation";
import { genutilSimulation } from "../x/genutil/simulation";
import { govSimulation } from "../x/gov/simulation";
import { mintSimulation } from "../x/mint/simulation";
import { restakingSimulation } from "../x/restaking/simulation";
import { slashingSimulation } from "../x/slashing/simulation";
import { stakingSimulation } from "../x/staking/simulation";
import { BONDED_POOL_NAME } from "../x/staking";
import { upgradeSimulation } from "../x/upgrade/simulation";
import { appStoreNames, createPlumeApp, defaultAppState, type PlumeApp } from "./app";

/** The module simulations of the app, in genesis order (bank first: others spend its balances). */
export function moduleSimulations(app: PlumeApp): ModuleSimulation[] {
  const k = app.keepers;
  return [
    bankSimulation({ keeper: k.bank, blockedAddress: moduleAddress(BONDED_POOL_NAME) }),
    authSimulation(k.auth),
    stakingSimulation(k.staking),
    slashingSimulation(k.slashing, k.staking),
    distributionSimulation(k.distribution, k.staking),
    restakingSimulation(k.restaking, k.staking, k.distribution),
    mintSimulation(k.mint),
    govSimulation(k.gov, k.staking),
    genutilSimulation(),
    consensusSimulation(k.consensus),
    upgradeSimulation(k.upgrade, () => app.modules.versionMap()),
  ];
}

/** CometBFT's default consensus params (what `plumed init` writes); x/consensus's simulation randomizes them. */
export function defaultConsensusParams(): ConsensusParams {
  return ConsensusParams.fromPartial({
    block: { maxBytes: 22_020_096n, maxGas: -1n },
    evidence: { maxAgeNumBlocks: 100_000n, maxAgeDuration: { seconds: 172_800n, nanos: 0 }, maxBytes: 1_048_576n },
    validator: { pubKeyTypes: ["ed25519"] },
    version: { app: 0n },
    abci: { voteExtensionsEnableHeight: 0n },
  });
}

export interface PlumeSimOptions {
  readonly settings?: ChainSettings;
  /**
   * Tests only (never the production app): changes the module simulations of each app, e.g. adds
   * one that registers a test-only message on `app.msgs` (see simulation.fixture.ts).
   */
  readonly simulations?: (simulations: ModuleSimulation[], app: PlumeApp) => ModuleSimulation[];
}

export function plumeSimWiring(options: PlumeSimOptions = {}): SimWiring {
  const settings = options.settings ?? DEFAULT_CHAIN_SETTINGS;
  return {
    denom: settings.denom,
    bech32Prefix: settings.bech32Prefix,
    defaultAppState: () => defaultAppState(settings),
    defaultConsensusParams,
    async createApp({ dir, chainId, authority }): Promise<SimApp> {
      // Every version kept: invariants read the previous height, export reads any height.
      const store = openCommitMultiStore({ path: dir, storeNames: appStoreNames(settings), pruning: { strategy: "nothing", keepRecent: 0, interval: 0 } });
      const app = createPlumeApp({ chainId, settings, store, logger: silentLogger, testHooks: { authority } });
      const simulations = options.simulations ? options.simulations(moduleSimulations(app), app) : moduleSimulations(app);
      return {
        abci: app.baseApp,
        store,
        msgs: app.msgs,
        consensusParams: app.keepers.consensus,
        beginBlock: (ctx) => app.modules.beginBlock(ctx),
        runTx: (ctx, tx) => app.txPipeline.runTx(ctx, tx),
        accountState: (ctx, address) => app.keepers.auth.getAccount(ctx, address),
        balance: (ctx, address, denom) => app.keepers.bank.balance(ctx.kvStore(BANK_STORE), address, denom).amount.toBigInt(),
        contextAt: (height) => app.baseApp.contextAt(height),
        exportGenesis: (height) => {
          const ctx = app.baseApp.contextAt(height);
          return { appState: app.modules.exportGenesis(ctx), consensusParams: app.keepers.consensus.get(ctx) };
        },
        simulations,
        close: () => store.close(),
      };
    },
  };
}
