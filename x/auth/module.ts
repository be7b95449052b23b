import type { AppModule, JsonValue } from "../../app/module";
import { defaultAuthGenesisJson, exportAuthGenesis, initAuthGenesis, parseAuthGenesis } from "./genesis";
import type { AuthKeeper } from "./keeper";
import { registerAuthQueryServer } from "./query-server";
import { AUTH_STORE } from "./state-keys";

export function authModule(keeper: AuthKeeper): AppModule {
  return {
    name: "auth",
    storeNames: [AUTH_STORE],
    registerServices: (registrar) => registerAuthQueryServer(registrar, keeper),
    defaultGenesis: defaultAuthGenesisJson,
    validateGenesis: (g: JsonValue) => void parseAuthGenesis(g, keeper.addresses),
    initGenesis: (ctx, g) => initAuthGenesis(ctx, keeper, parseAuthGenesis(g, keeper.addresses)),
    exportGenesis: (ctx) => exportAuthGenesis(ctx, keeper),
  };
}
