/** x/distribution's contract with the app. */
import type { AppModule, JsonValue, ModuleAccountDecl } from "../../app/module";
import { distributionBeginBlock } from "./abci";
import { DISTRIBUTION_CODESPACE } from "./errors";
import type { DistributionPooledRewardsQuerier, DistributionStakingReader } from "./expected-keepers";
import {
  defaultDistributionGenesis,
  distributionGenesisToJson,
  exportDistributionGenesis,
  initDistributionGenesis,
  parseDistributionGenesis,
  validateDistributionGenesis,
} from "./genesis";
import { DISTRIBUTION_MODULE_NAME, type DistributionKeeper } from "./keeper";
import { registerDistributionMsgServer } from "./msg-server";
import { registerDistributionQueryServer } from "./query-server";
import { DISTRIBUTION_REST_ROUTES } from "./rest-routes";
import { DISTRIBUTION_STORE } from "./state-keys";

export const DISTRIBUTION_MODULE = DISTRIBUTION_MODULE_NAME;

/** simapp's maccPerms: distribution holds coins and has no permission. */
export const DISTRIBUTION_MODULE_ACCOUNTS: readonly ModuleAccountDecl[] = [{ name: DISTRIBUTION_MODULE_NAME, permissions: [] }];

export interface DistributionModuleOptions {
  readonly keeper: DistributionKeeper;
  /** Staking read at a height, for the queries (the store name is staking's). */
  readonly staking: DistributionStakingReader;
  readonly stakingStore: string;
  /** x/restaking's pools, for the rewards queries of their members (optional). */
  readonly pooledRewards?: DistributionPooledRewardsQuerier;
}

export function distributionModule(o: DistributionModuleOptions): AppModule {
  const k = o.keeper;
  return {
    name: DISTRIBUTION_MODULE,
    storeNames: [DISTRIBUTION_STORE],
    // The SDK's x/distribution ConsensusVersion (v0.50).
    consensusVersion: 3,
    restRoutes: DISTRIBUTION_REST_ROUTES,
    codespaces: [DISTRIBUTION_CODESPACE],
    registerServices(registrar) {
      registerDistributionMsgServer(registrar, k);
      registerDistributionQueryServer(registrar, {
        reader: k,
        staking: o.staking,
        stakingStore: o.stakingStore,
        ...(o.pooledRewards !== undefined ? { pooled: o.pooledRewards } : {}),
      });
    },
    defaultGenesis: () => distributionGenesisToJson(defaultDistributionGenesis()),
    validateGenesis: (g: JsonValue) => validateDistributionGenesis(parseDistributionGenesis(g)),
    initGenesis: (ctx, g) => initDistributionGenesis(ctx, k, parseDistributionGenesis(g)),
    exportGenesis: (ctx) => distributionGenesisToJson(exportDistributionGenesis(ctx, k)),
    beginBlock: (ctx) => distributionBeginBlock(ctx, k),
  };
}
