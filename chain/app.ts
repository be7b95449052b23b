/**
 * plumed's composition root: the one place that knows every module. It builds the keepers in
 * dependency order, lists the modules and the order the app calls them in, hands the tx pipeline
 * its ante handler, and gives BaseApp (the framework in app/, which imports nothing from x/) the
 * module manager, the routers and the consensus params keeper. Adding a module is a folder under
 * x/ plus a few lines here.
 */
import { AddressCodec, moduleAddress } from "../app/address";
import { AuthorityMsgExecutor } from "../app/authority-msgs";
import { BaseApp, type BaseAppOptions } from "../app/base-app";
import { APP_NAME, APP_PROTOCOL_VERSION, APP_VERSION, type ChainSettings } from "../app/chain-config";
import type { CrashPoint } from "../app/crash-point";
import type { Logger } from "../app/logger";
import type { AppModule, JsonValue, ModuleAccountDecl } from "../app/module";
import { ModuleManager, type ModuleOrder } from "../app/module-manager";
import { MsgRouter } from "../app/msg-router";
import { QueryRouter } from "../app/query-router";
import type { RestRoute } from "../app/server/rest-route";
import type { CommitMultiStore } from "../app/store/types";
import { parseDecCoins } from "../app/math";
import { AUTH_MODULE_ACCOUNTS, authModule } from "../x/auth/module";
import { AuthKeeper, type ModuleAccountPermissions } from "../x/auth/keeper";
import { bankModule } from "../x/bank/module";
import { BankKeeper } from "../x/bank/keeper";
import { BANK_STORE } from "../x/bank/state-keys";
import { consensusModule } from "../x/consensus/module";
import { ConsensusParamsKeeper } from "../x/consensus/keeper";
import { genutilModule, type GenesisTxHandler } from "../x/genutil";
import { EvidenceKeeper, evidenceModule } from "../x/evidence";
import { MINT_MODULE_ACCOUNTS, MintKeeper, mintModule } from "../x/mint";
import { DISTRIBUTION_MODULE_ACCOUNTS, DISTRIBUTION_MODULE_NAME, DistributionKeeper, distributionModule, distributionStakingHooks } from "../x/distribution";
import { FEE_COLLECTOR_NAME } from "../x/auth/ante";
import { GOV_MODULE_ACCOUNTS, GovKeeper, govModule, govRestakingHooks, govStakingHooks } from "../x/gov";
import { pooledRewardsQuerier, pooledStakeQuerier, RESTAKING_MODULE, RESTAKING_MODULE_ACCOUNTS, RestakingKeeper, restakingModule, type RestakingStakingQuerier } from "../x/restaking";
import { correlationModule, SlashingKeeper, slashingModule, slashingStakingHooks } from "../x/slashing";
import { capModule, STAKING_MODULE_ACCOUNTS, STAKING_STORE, stakingModule, StakingHooksRegistry, StakingKeeper } from "../x/staking";
import { UpgradeKeeper } from "../x/upgrade/keeper";
import { upgradeModule } from "../x/upgrade/module";
import { blockInfoProbeModule, BLOCK_INFO_PROBE_MODULE, type TestHooks } from "./test-hooks";
import { createTxPipeline, type TxPipeline } from "./tx-pipeline";

/** The gov module account: the authority of every governance-gated message. */
export const GOV_MODULE_NAME = "gov";

/** Every module account, declared by the module that owns it (simapp's maccPerms). */
export const MODULE_ACCOUNTS: readonly ModuleAccountDecl[] = [
  ...AUTH_MODULE_ACCOUNTS,
  ...STAKING_MODULE_ACCOUNTS,
  ...MINT_MODULE_ACCOUNTS,
  ...DISTRIBUTION_MODULE_ACCOUNTS,
  ...GOV_MODULE_ACCOUNTS,
  ...RESTAKING_MODULE_ACCOUNTS,
];

function modulePermissions(accounts: readonly ModuleAccountDecl[]): ModuleAccountPermissions {
  const out: Record<string, readonly string[]> = {};
  for (const a of accounts) {
    if (Object.prototype.hasOwnProperty.call(out, a.name)) throw new Error(`module account ${a.name} declared twice`);
    out[a.name] = a.permissions;
  }
  return out;
}

/**
 * The order the app calls its modules in, declared once.
 * - Genesis: auth before bank, so accounts exist before balances are credited to them;
 *   distribution after bank and before staking, as in simapp: its records of an exported genesis
 *   are in place before staking's validators are loaded, and it checks its module account's
 *   balance against them; staking after bank, because it checks its pools' balances against bank; plume_staking (the
 *   decentralization cap) after staking, whose store holds its params; slashing after staking,
 *   because it records the consensus key of every validator staking's genesis holds (an exported
 *   genesis), and before genutil, so that its params and signing infos are in place when the
 *   gentxs' validators are created and bonded (its hooks write then); plume_slashing after
 *   slashing, in whose store its records live; gov after them (as in simapp: after bank, whose
 *   balances of the gov account it checks against the deposits, and after staking, whose
 *   delegations its running tally is rebuilt from); mint after gov, as in simapp (it only stores
 *   its minter and params and creates its module account); genutil after them, because its gentxs are
 *   ordinary txs that need every module's genesis state (accounts and balances to sign and pay
 *   with, staking params and the cap), and the validator set it returns is staking's after they
 *   ran; evidence after genutil, as in simapp (its stored evidence depends on nothing); upgrade
 *   last, recording every module's version once all exist; restaking after staking and
 *   distribution, since its pools are the restaking module account's delegations in staking's
 *   genesis. Export follows the same order (genutil exports no gentxs, upgrade nothing).
 * - BeginBlock: mint first, as in simapp, so that the block's provision is in the fee collector
 *   when distribution shares it out with the previous block's fees; distribution next, as in
 *   simapp: the fees of the previous block are shared out by the stake that earned them, before
 *   downtime slashes it; restaking right after distribution, so that the rewards it has just
 *   allocated compound in this block and staking's EndBlock sends the new power; slashing next,
 *   counting the previous block's votes and slashing and jailing for downtime;
 *   evidence after slashing, so that a validator jailed for downtime in this block is still
 *   slashed and tombstoned for a double sign (the two checks read signing info slashing has
 *   just written); staking last, recording historical info with the block's final state, as in
 *   simapp.
 * - EndBlock: gov first (as in simapp), so that passed proposals changing staking params take
 *   effect in the block; then staking computes the validator set updates CometBFT applies at H+2,
 *   so a validator jailed in this block's BeginBlock leaves CometBFT's set at H+2.
 */
export const MODULE_ORDER: ModuleOrder = {
  initGenesis: ["auth", "bank", "distribution", "staking", "plume_staking", "restaking", "slashing", "plume_slashing", "gov", "mint", "genutil", "evidence", "upgrade"],
  exportGenesis: ["auth", "bank", "distribution", "staking", "plume_staking", "restaking", "slashing", "plume_slashing", "gov", "mint", "genutil", "evidence", "upgrade"],
  beginBlock: ["mint", "distribution", "restaking", "slashing", "evidence", "staking"],
  endBlock: ["gov", "staking"],
} as const;

export interface Keepers {
  readonly auth: AuthKeeper;
  readonly bank: BankKeeper;
  readonly staking: StakingKeeper;
  readonly slashing: SlashingKeeper;
  readonly evidence: EvidenceKeeper;
  readonly gov: GovKeeper;
  readonly consensus: ConsensusParamsKeeper;
  readonly upgrade: UpgradeKeeper;
  readonly mint: MintKeeper;
  readonly distribution: DistributionKeeper;
  readonly restaking: RestakingKeeper;
}

export interface KeeperOptions {
  /** Who may run governance-gated messages; the gov module account unless a test says otherwise. */
  readonly authority?: string;
  /** The app's message router, whose messages passed proposals run (an empty one if omitted). */
  readonly msgRouter?: MsgRouter;
}

/** Keepers built in dependency order; modules only see the narrow interfaces they declare. */
export function createKeepers(settings: ChainSettings, options: KeeperOptions = {}): Keepers {
  const addresses = new AddressCodec(settings.bech32Prefix);
  const permissions = modulePermissions(MODULE_ACCOUNTS);
  const auth = new AuthKeeper(addresses, permissions);
  const authority = options.authority ?? addresses.encodeAccount(moduleAddress(GOV_MODULE_NAME));
  const bank = new BankKeeper(addresses, auth, {
    // simapp's rule: module accounts cannot receive through MsgSend, except gov's (deposits) and
    // restaking's (distribution pays the pools' rewards to it, and refuses blocked recipients).
    blockedAddresses: MODULE_ACCOUNTS.map((a) => a.name)
      .filter((name) => name !== GOV_MODULE_NAME && name !== RESTAKING_MODULE)
      .sort()
      .map(moduleAddress),
    authority,
  });
  const staking = new StakingKeeper({ addresses, accountKeeper: auth, bankKeeper: bank, authority, hooks: new StakingHooksRegistry() });
  const distribution = new DistributionKeeper({ staking, bank, accounts: auth, feeCollectorName: FEE_COLLECTOR_NAME, authority });
  const slashing = new SlashingKeeper({ staking, authority });
  // Staking's hooks, once each; they run in STAKING_HOOK_ORDER (distribution, then slashing).
  staking.hooks.register("distribution", distributionStakingHooks(distribution));
  staking.hooks.register("slashing", slashingStakingHooks(slashing));
  const router = options.msgRouter ?? new MsgRouter();
  const gov = new GovKeeper({
    addresses,
    accounts: auth,
    bank,
    staking,
    router,
    executor: new AuthorityMsgExecutor(router),
    authority,
    distribution: { keeper: distribution, address: moduleAddress(DISTRIBUTION_MODULE_NAME) },
  });
  staking.hooks.register("gov", govStakingHooks(gov));
  const evidence = new EvidenceKeeper({ staking, slashing });
  const consensus = new ConsensusParamsKeeper(authority);
  const upgrade = new UpgradeKeeper();
  const mint = new MintKeeper({ staking, bank, accounts: auth, feeCollectorName: FEE_COLLECTOR_NAME, authority });
  const restaking = new RestakingKeeper({ staking, distribution, bank, authority });
  // Standard MsgUndelegate/MsgBeginRedelegate reach the stake members hold through pools.
  staking.setPooledStake(restaking);
  // A voting member's pooled stake votes with it (docs/gov.md, "Pooled stake").
  gov.setPools(restaking);
  restaking.setHooks(govRestakingHooks(gov));
  return { auth, bank, staking, slashing, evidence, gov, consensus, upgrade, mint, distribution, restaking };
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

/**
 * The app's modules; `genesisTxs` is the tx pipeline genutil delivers gentxs through, and
 * `versionMap` the module manager's versions, which x/upgrade records at genesis.
 */
export function createModules(
  keepers: Keepers,
  settings: ChainSettings,
  genesisTxs: GenesisTxHandler = NO_GENESIS_TX_PIPELINE,
  versionMap: () => Record<string, number> = () => ({}),
): AppModule[] {
  const bank = keepers.bank;
  const stakingAt: RestakingStakingQuerier = {
    validatorAt: (ctx, operator) => keepers.staking.validator(ctx.store(STAKING_STORE), operator),
    delegationAt: (ctx, delegator, validator) => keepers.staking.delegation(ctx.store(STAKING_STORE), delegator, validator),
  };
  return [
    authModule(keepers.auth),
    bankModule(bank),
    stakingModule({
      keeper: keepers.staking,
      bankQuerier: { balanceAt: (ctx, address, denom) => bank.balance(ctx.store(BANK_STORE), address, denom).amount.toBigInt() },
      defaultBondDenom: settings.denom,
      // Delegation queries show the stake members hold through restaking's pools as their own.
      pooledStake: pooledStakeQuerier(keepers.restaking, stakingAt),
    }),
    capModule(keepers.staking),
    slashingModule(keepers.slashing),
    correlationModule(keepers.slashing),
    evidenceModule(keepers.evidence),
    mintModule({ keeper: keepers.mint, defaultMintDenom: settings.denom }),
    distributionModule({
      keeper: keepers.distribution,
      staking: keepers.staking,
      stakingStore: STAKING_STORE,
      // DelegationRewards of a member shows its part of its pool's pending rewards.
      pooledRewards: pooledRewardsQuerier(keepers.restaking),
    }),
    govModule({ keeper: keepers.gov, defaultBondDenom: settings.denom }),
    restakingModule(keepers.restaking, stakingAt),
    genutilModule({ staking: keepers.staking, txHandler: genesisTxs }),
    consensusModule(keepers.consensus),
    upgradeModule({ keeper: keepers.upgrade, versionMap }),
  ];
}

function createModuleManager(keepers: Keepers, settings: ChainSettings, genesisTxs?: GenesisTxHandler, blockInfoLog?: string): ModuleManager {
  let versions: Record<string, number> | undefined;
  const versionMap = (): Record<string, number> => {
    if (versions === undefined) throw new Error("module versions asked for before the module manager exists");
    return versions;
  };
  const modules = createModules(keepers, settings, genesisTxs, versionMap);
  const manager = new ModuleManager(modules, MODULE_ORDER);
  // The chain's modules only: a test hook module must leave no trace in state.
  versions = { ...manager.versionMap() };
  if (blockInfoLog === undefined) return manager;
  // Test hook: the probe runs first, seeing the block as every module will.
  const order = { ...MODULE_ORDER, beginBlock: [BLOCK_INFO_PROBE_MODULE, ...MODULE_ORDER.beginBlock] };
  return new ModuleManager([...modules, blockInfoProbeModule(blockInfoLog)], order);
}

/** Every store the app's modules own; the multistore is opened with exactly these. */
export function appStoreNames(settings: ChainSettings): string[] {
  return createModuleManager(createKeepers(settings), settings).storeNames();
}

/** The `app_state` of a new chain. */
export function defaultAppState(settings: ChainSettings): Record<string, JsonValue> {
  return createModuleManager(createKeepers(settings), settings).defaultGenesis();
}

/** The LCD routes of the app's modules, in module order. */
export function moduleRestRoutes(settings: ChainSettings): RestRoute[] {
  return createModuleManager(createKeepers(settings), settings).restRoutes();
}

export interface PlumeAppOptions {
  readonly chainId: string;
  readonly settings: ChainSettings;
  readonly store: CommitMultiStore;
  readonly logger: Logger;
  readonly minRetainBlocks?: number;
  /** Test hook (app/crash-point.ts): SIGKILL the app at a chosen phase of a block. */
  readonly crashPoint?: CrashPoint;
  /** This node's fee floor for CheckTx (app.toml minimum-gas-prices, e.g. "0.025uplume"). */
  readonly minimumGasPrices?: string;
  /** Query paths answered outside the gRPC router (node, tx and CometBFT services). */
  readonly extraQueries?: BaseAppOptions["extraQueries"];
  /** Test hooks (chain/test-hooks.ts): a block-info probe, another governance authority. */
  readonly testHooks?: TestHooks;
}

export interface PlumeApp {
  readonly baseApp: BaseApp;
  readonly keepers: Keepers;
  readonly modules: ModuleManager;
  readonly msgs: MsgRouter;
  readonly queries: QueryRouter;
  readonly txPipeline: TxPipeline;
  /** Runs messages as a module account (gov's passed proposals). */
  readonly authorityMsgs: AuthorityMsgExecutor;
}

export function createPlumeApp(opts: PlumeAppOptions): PlumeApp {
  const hooks = opts.testHooks ?? {};
  const msgs = new MsgRouter();
  const keepers = createKeepers(opts.settings, { msgRouter: msgs, ...(hooks.authority !== undefined ? { authority: hooks.authority } : {}) });
  const queries = new QueryRouter();
  // The pipeline resolves messages through `msgs`, which the modules fill in just below.
  const txPipeline = createTxPipeline({
    msgs,
    addresses: keepers.auth.addresses,
    accountKeeper: keepers.auth,
    bankKeeper: keepers.bank,
    minGasPrices: parseDecCoins(opts.minimumGasPrices ?? ""),
  });
  // Gentxs go through the same pipeline as every tx (baseapp's ExecuteGenesisTx).
  const genesisTxs: GenesisTxHandler = { executeGenesisTx: (ctx, txBytes) => txPipeline.runTx(ctx, txBytes) };
  const modules = createModuleManager(keepers, opts.settings, genesisTxs, hooks.blockInfoLog);
  modules.registerServices({
    registerMsg: (d) => msgs.register(d),
    registerQuery: (d) => queries.register(d),
    registerImplementation: (typeUrl) => msgs.registerImplementation(typeUrl),
  });
  const baseApp = new BaseApp({
    name: APP_NAME,
    version: APP_VERSION,
    appVersion: APP_PROTOCOL_VERSION,
    chainId: opts.chainId,
    store: opts.store,
    modules,
    queries,
    consensusParams: keepers.consensus,
    txExecutor: txPipeline,
    logger: opts.logger,
    ...(opts.minRetainBlocks !== undefined ? { minRetainBlocks: opts.minRetainBlocks } : {}),
    ...(opts.crashPoint !== undefined ? { crashPoint: opts.crashPoint } : {}),
    ...(opts.extraQueries !== undefined ? { extraQueries: opts.extraQueries } : {}),
  });
  return { baseApp, keepers, modules, msgs, queries, txPipeline, authorityMsgs: keepers.gov.executor };
}
