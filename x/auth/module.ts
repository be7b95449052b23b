import type { AppModule, JsonValue, ModuleAccountDecl } from "../../app/module";
import { FEE_COLLECTOR_NAME } from "./ante/deduct-fee";
import { defaultAuthGenesisJson, exportAuthGenesis, initAuthGenesis, parseAuthGenesis } from "./genesis";
import type { AuthKeeper } from "./keeper";
import { registerAuthQueryServer } from "./query-server";
import { AUTH_REST_ROUTES } from "./rest-routes";
import { AUTH_STORE } from "./state-keys";

/** x/auth's module account: the fee collector, where the ante handler sends every tx's fee. */
export const AUTH_MODULE_ACCOUNTS: readonly ModuleAccountDecl[] = [{ name: FEE_COLLECTOR_NAME, permissions: [] }];

export function authModule(keeper: AuthKeeper): AppModule {
  return {
    name: "auth",
    storeNames: [AUTH_STORE],
    consensusVersion: 5,
    restRoutes: AUTH_REST_ROUTES,
    registerServices: (registrar) => registerAuthQueryServer(registrar, keeper),
    defaultGenesis: defaultAuthGenesisJson,
    validateGenesis: (g: JsonValue) => void parseAuthGenesis(g, keeper.addresses),
    initGenesis: (ctx, g) => initAuthGenesis(ctx, keeper, parseAuthGenesis(g, keeper.addresses)),
    exportGenesis: (ctx) => exportAuthGenesis(ctx, keeper),
  };
}
