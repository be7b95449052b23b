import { AddressCodec, moduleAddress } from "./address";
import { BaseApp, type BaseAppOptions } from "./base-app";
import { APP_NAME, APP_PROTOCOL_VERSION, APP_VERSION, type ChainSettings } from "./chain-config";
import type { Logger } from "./logger";
import type { AppModule, JsonValue } from "./module";
import { ModuleManager, type ModuleOrder } from "./module-manager";
import { MsgRouter } from "./msg-router";
import { QueryRouter } from "./query-router";
import type { CommitMultiStore } from "./store/types";
import { createTxExecutor } from "./tx";
import { parseDecCoins } from "./math";
import { authModule } from "../x/auth/module";
import { AuthKeeper, type ModuleAccountPermissions } from "../x/auth/keeper";
import { bankModule } from "../x/bank/module";
import { BankKeeper } from "../x/bank/keeper";
import { consensusModule } from "../x/consensus/module";
import { ConsensusParamsKeeper } from "../x/consensus/keeper";
import { BANK_STORE } from "../x/bank/state-keys";
import { capModule, stakingModule, StakingHooksRegistry, StakingKeeper } from "../x/staking";
import { genutilModule, type GenesisTxHandler } from "../x/genutil";

/** Module accounts and what each may do with coins (simapp's maccPerms). */
export const MODULE_ACCOUNT_PERMISSIONS: ModuleAccountPermissions = {
  fee_collector: [],
  bonded_tokens_pool: ["burner", "staking"],
  not_bonded_tokens_pool: ["burner", "staking"],
};

/**
 * The order the app calls its modules in, declared once.
 * - Genesis: auth before bank, so accounts exist before balances are credited to them; staking
 *   after bank, because it checks its pools' balances against bank; plume_staking (the
 *   decentralization cap) after staking, whose store holds its params; genutil last, because its
 *   gentxs are ordinary txs that need every module's genesis state (accounts and balances to sign
 *   and pay with, staking params and the cap), and the validator set it returns is staking's after
 *   they ran. Export writes genutil's section last too (it holds no gentxs after genesis).
 * - BeginBlock: staking records historical info (it goes last once mint, distribution and
 *   slashing exist, as in simapp).
 * - EndBlock: staking computes the validator set updates CometBFT applies at H+2 (after gov,
 *   once gov exists, so that passed proposals changing staking params take effect in the block).
 */
export const MODULE_ORDER: ModuleOrder = {
  initGenesis: ["auth", "bank", "staking", "plume_staking", "genutil"],
  exportGenesis: ["auth", "bank", "staking", "plume_staking", "genutil"],
  beginBlock: ["staking"],
  endBlock: ["staking"],
} as const;

export interface Keepers {
  readonly auth: AuthKeeper;
  readonly bank: BankKeeper;
  readonly staking: StakingKeeper;
  readonly consensus: ConsensusParamsKeeper;
}

/** Keepers built in dependency order; modules only see the narrow interfaces they declare. */
export function createKeepers(settings: ChainSettings): Keepers {
  const addresses = new AddressCodec(settings.bech32Prefix);
  const auth = new AuthKeeper(addresses, MODULE_ACCOUNT_PERMISSIONS);
  const bank = new BankKeeper(addresses, auth, {
    // simapp's rule: module accounts cannot receive through MsgSend, except gov's (deposits).
    blockedAddresses: Object.keys(MODULE_ACCOUNT_PERMISSIONS)
      .filter((name) => name !== "gov")
      .sort()
      .map(moduleAddress),
  });
  const govAddress = addresses.encodeAccount(moduleAddress("gov"));
  const staking = new StakingKeeper({ addresses, accountKeeper: auth, bankKeeper: bank, authority: govAddress, hooks: new StakingHooksRegistry() });
  const consensus = new ConsensusParamsKeeper();
  return { auth, bank, staking, consensus };
}

/**
 * For module sets built only to list stores, default genesis or validate a genesis file: they
 * never run InitChain, so they never execute gentxs.
 */
const NO_GENESIS_TX_PIPELINE: GenesisTxHandler = {
  executeGenesisTx: () => {
    throw new Error("this module set has no tx pipeline: gentxs run only in createPlumeApp's app");
  },
};

/** The app's modules; `genesisTxs` is the tx pipeline genutil delivers gentxs through. */
export function createModules(keepers: Keepers, settings: ChainSettings, genesisTxs: GenesisTxHandler = NO_GENESIS_TX_PIPELINE): AppModule[] {
  const bank = keepers.bank;
  return [
    authModule(keepers.auth),
    bankModule(bank),
    stakingModule({
      keeper: keepers.staking,
      bankQuerier: { balanceAt: (ctx, address, denom) => bank.balance(ctx.store(BANK_STORE), address, denom).amount.toBigInt() },
      defaultBondDenom: settings.denom,
    }),
    capModule(keepers.staking),
    genutilModule({ staking: keepers.staking, txHandler: genesisTxs }),
    consensusModule(),
  ];
}

/** Every store the app's modules own; the multistore is opened with exactly these. */
export function appStoreNames(settings: ChainSettings): string[] {
  return new ModuleManager(createModules(createKeepers(settings), settings), MODULE_ORDER).storeNames();
}

/** The `app_state` of a new chain. */
export function defaultAppState(settings: ChainSettings): Record<string, JsonValue> {
  return new ModuleManager(createModules(createKeepers(settings), settings), MODULE_ORDER).defaultGenesis();
}

export interface PlumeAppOptions {
  readonly chainId: string;
  readonly settings: ChainSettings;
  readonly store: CommitMultiStore;
  readonly logger: Logger;
  readonly minRetainBlocks?: number;
  readonly crashBeforeCommitAt?: bigint;
  /** This node's fee floor for CheckTx (app.toml minimum-gas-prices, e.g. "0.025uplume"). */
  readonly minimumGasPrices?: string;
  /** Query paths answered outside the gRPC router (node, tx and CometBFT services). */
  readonly extraQueries?: BaseAppOptions["extraQueries"];
}

export interface PlumeApp {
  readonly baseApp: BaseApp;
  readonly keepers: Keepers;
  readonly modules: ModuleManager;
  readonly msgs: MsgRouter;
  readonly queries: QueryRouter;
}


export function createPlumeApp(opts: PlumeAppOptions): PlumeApp {
  const keepers = createKeepers(opts.settings);
  const msgs = new MsgRouter();
  const queries = new QueryRouter();
  // The executor resolves messages through `msgs`, which the modules fill in just below.
  const txExecutor = createTxExecutor({
    msgs,
    addresses: keepers.auth.addresses,
    accountKeeper: keepers.auth,
    bankKeeper: keepers.bank,
    minGasPrices: parseDecCoins(opts.minimumGasPrices ?? ""),
  });
  // Gentxs go through the same pipeline as every tx (baseapp's ExecuteGenesisTx).
  const genesisTxs: GenesisTxHandler = { executeGenesisTx: (ctx, txBytes) => txExecutor.runTx(ctx, txBytes) };
  const modules = new ModuleManager(createModules(keepers, opts.settings, genesisTxs), MODULE_ORDER);
  modules.registerServices({ registerMsg: (d) => msgs.register(d), registerQuery: (d) => queries.register(d) });
  const baseApp = new BaseApp({
    name: APP_NAME,
    version: APP_VERSION,
    appVersion: APP_PROTOCOL_VERSION,
    chainId: opts.chainId,
    store: opts.store,
    modules,
    queries,
    consensusParams: keepers.consensus,
    txExecutor,
    logger: opts.logger,
    ...(opts.minRetainBlocks !== undefined ? { minRetainBlocks: opts.minRetainBlocks } : {}),
    ...(opts.crashBeforeCommitAt !== undefined ? { crashBeforeCommitAt: opts.crashBeforeCommitAt } : {}),
    ...(opts.extraQueries !== undefined ? { extraQueries: opts.extraQueries } : {}),
  });
  return { baseApp, keepers, modules, msgs, queries };
}
