/**
 * x/staking's contract with the app, and the decentralization cap's (a second, store-less face of
 * the same keeper: its params live in the staking store, which only the staking keeper touches).
 */
import type { AppModule, JsonValue, ModuleAccountDecl } from "../../app/module";
import { stakingBeginBlock, stakingEndBlock } from "./abci";
import {
  capGenesisToJson,
  defaultCapGenesisJson,
  defaultStakingGenesisJson,
  exportStakingGenesis,
  initStakingGenesis,
  parseCapGenesis,
  parseStakingGenesis,
  stakingGenesisToJson,
  validateStakingGenesis,
} from "./genesis";
import type { StakingBankQuerier, StakingPooledStakeQuerier } from "./expected-keepers";

import { registerCapMsgServer, registerStakingMsgServer } from "./msg-server";
import { registerCapQueryServer, registerStakingQueryServer } from "./query-server";
import { STAKING_STORE } from "./state-keys";
import { BONDED_POOL_NAME, NOT_BONDED_POOL_NAME, type StakingKeeper } from "./keeper";
import { PLUME_STAKING_CODESPACE, STAKING_CODESPACE } from "./errors";
import { CAP_REST_ROUTES, STAKING_REST_ROUTES } from "./rest-routes";

export const STAKING_MODULE = "staking";
export const CAP_MODULE = "plume_staking";

/** x/staking's module accounts: the pools holding bonded and not-bonded stake. */
export const STAKING_MODULE_ACCOUNTS: readonly ModuleAccountDecl[] = [
  { name: BONDED_POOL_NAME, permissions: ["burner", "staking"] },
  { name: NOT_BONDED_POOL_NAME, permissions: ["burner", "staking"] },
];

export interface StakingModuleOptions {
  readonly keeper: StakingKeeper;
  /** Pool balances at a queried height, for the Pool query. */
  readonly bankQuerier: StakingBankQuerier;
  /** The bond denom of a new chain's default genesis (the chain's denom). */
  readonly defaultBondDenom: string;
  /** x/restaking's pooled stake, shown by the delegation queries as the delegators' own. */
  readonly pooledStake?: StakingPooledStakeQuerier;
}

export function stakingModule(options: StakingModuleOptions): AppModule {
  const k = options.keeper;
  return {
    name: STAKING_MODULE,
    storeNames: [STAKING_STORE],
    consensusVersion: 5,
    restRoutes: STAKING_REST_ROUTES,
    codespaces: [STAKING_CODESPACE],
    registerServices(registrar) {
      registerStakingMsgServer(registrar, k);
      registerStakingQueryServer(registrar, {
        reader: k,
        bank: options.bankQuerier,
        bondedPoolAddress: k.bondedPoolAddress,
        notBondedPoolAddress: k.notBondedPoolAddress,
        ...(options.pooledStake !== undefined ? { pooled: options.pooledStake } : {}),
      });
    },
    defaultGenesis: () => defaultStakingGenesisJson(options.defaultBondDenom),
    validateGenesis: (g: JsonValue) => validateStakingGenesis(parseStakingGenesis(g)),
    initGenesis: (ctx, g) => {
      const genesis = parseStakingGenesis(g);
      validateStakingGenesis(genesis);
      return initStakingGenesis(ctx, k, genesis);
    },
    exportGenesis: (ctx) => stakingGenesisToJson(exportStakingGenesis(ctx, k)),
    beginBlock: (ctx) => stakingBeginBlock(ctx, k),
    endBlock: (ctx) => stakingEndBlock(ctx, k),
  };
}

/**
 * plume.staking.v1: the cap's Msg and Query services and its genesis section
 * (app_state.plume_staking). No store of its own; InitGenesis must run after staking's.
 */
export function capModule(keeper: StakingKeeper): AppModule {
  return {
    name: CAP_MODULE,
    storeNames: [],
    restRoutes: CAP_REST_ROUTES,
    codespaces: [PLUME_STAKING_CODESPACE],
    registerServices(registrar) {
      registerCapMsgServer(registrar, keeper);
      registerCapQueryServer(registrar, keeper);
    },
    defaultGenesis: defaultCapGenesisJson,
    validateGenesis: (g: JsonValue) => void parseCapGenesis(g),
    initGenesis: (ctx, g) => {
      keeper.setCapParams(ctx, parseCapGenesis(g));
    },
    exportGenesis: (ctx) => capGenesisToJson(keeper.getCapParams(ctx)),
  };
}
