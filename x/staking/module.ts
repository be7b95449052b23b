/**
 * x/staking's contract with the app, and the decentralization cap's (a second, store-less face of
 * the same keeper: its params live in the staking store, which only the staking keeper touches).
 */
import type { AppModule, JsonValue } from "../../app/module";
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
import type { StakingBankQuerier } from "./expected-keepers";
import type { StakingKeeper } from "./keeper";
import { registerCapMsgServer, registerStakingMsgServer } from "./msg-server";
import { registerCapQueryServer, registerStakingQueryServer } from "./query-server";
import { STAKING_STORE } from "./state-keys";

export const STAKING_MODULE = "staking";
export const CAP_MODULE = "plume_staking";

export interface StakingModuleOptions {
  readonly keeper: StakingKeeper;
  /** Pool balances at a queried height, for the Pool query. */
  readonly bankQuerier: StakingBankQuerier;
  /** The bond denom of a new chain's default genesis (the chain's denom). */
  readonly defaultBondDenom: string;
}

export function stakingModule(options: StakingModuleOptions): AppModule {
  const k = options.keeper;
  return {
    name: STAKING_MODULE,
    storeNames: [STAKING_STORE],
    registerServices(registrar) {
      registerStakingMsgServer(registrar, k);
      registerStakingQueryServer(registrar, {
        reader: k,
        bank: options.bankQuerier,
        bondedPoolAddress: k.bondedPoolAddress,
        notBondedPoolAddress: k.notBondedPoolAddress,
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
