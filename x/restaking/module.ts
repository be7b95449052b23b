/**
 * x/restaking's contract with the app (docs/restaking.md). Not wired into chain/app.ts yet: it
 * needs x/distribution's WithdrawDelegationRewards at runtime. When wired: keeper after staking and
 * distribution; InitGenesis after staking's (the pools' delegations are staking's); BeginBlock
 * after distribution's; the module account below NOT in the blocked addresses (distribution pays
 * the pools' rewards to it with SendCoinsFromModuleToAccount, which refuses blocked recipients).
 */
import type { AppModule, JsonValue, ModuleAccountDecl } from "../../app/module";
import { restakingBeginBlock } from "./abci";
import { RESTAKING_CODESPACE } from "./errors";
import type { RestakingStakingQuerier } from "./expected-keepers";
import { defaultRestakingGenesis, exportRestakingGenesis, initRestakingGenesis, parseRestakingGenesis, restakingGenesisToJson, validateRestakingGenesis } from "./genesis";
import { RESTAKING_MODULE, type RestakingKeeper } from "./keeper";
import { registerRestakingMsgServer } from "./msg-server";
import { registerRestakingQueryServer } from "./query-server";
import { RESTAKING_REST_ROUTES } from "./rest-routes";
import { RESTAKING_STORE } from "./state-keys";

/** The pools' delegator: holds their delegations and their idle coins; needs no permission (it delegates as an account). */
export const RESTAKING_MODULE_ACCOUNTS: readonly ModuleAccountDecl[] = [{ name: RESTAKING_MODULE, permissions: [] }];

export function restakingModule(k: RestakingKeeper, staking: RestakingStakingQuerier): AppModule {
  return {
    name: RESTAKING_MODULE,
    storeNames: [RESTAKING_STORE],
    consensusVersion: 1,
    restRoutes: RESTAKING_REST_ROUTES,
    codespaces: [RESTAKING_CODESPACE],
    registerServices(registrar) {
      registerRestakingMsgServer(registrar, k);
      registerRestakingQueryServer(registrar, k, staking);
    },
    defaultGenesis: () => restakingGenesisToJson(defaultRestakingGenesis()),
    validateGenesis: (g: JsonValue) => validateRestakingGenesis(parseRestakingGenesis(g), k.addresses),
    initGenesis: (ctx, g) => {
      const genesis = parseRestakingGenesis(g);
      validateRestakingGenesis(genesis, k.addresses);
      initRestakingGenesis(ctx, k, genesis);
    },
    exportGenesis: (ctx) => restakingGenesisToJson(exportRestakingGenesis(ctx, k)),
    beginBlock: (ctx) => restakingBeginBlock(ctx, k),
  };
}
