import type { AppModule, JsonValue } from "../../app/module";
import { defaultBankGenesisJson, exportBankGenesis, initBankGenesis, parseBankGenesis, validateBankGenesisStrict } from "./genesis";
import type { BankKeeper } from "./keeper";
import { registerBankMsgServer } from "./msg-server";
import { registerBankQueryServer } from "./query-server";
import { BANK_CODESPACE } from "./errors";
import { BANK_REST_ROUTES } from "./rest-routes";
import { BANK_STORE } from "./state-keys";

/** x/bank's contract with the app: no begin/end block (as in the SDK). */
export function bankModule(keeper: BankKeeper): AppModule {
  return {
    name: "bank",
    storeNames: [BANK_STORE],
    consensusVersion: 4,
    restRoutes: BANK_REST_ROUTES,
    codespaces: [BANK_CODESPACE],
    registerServices: (registrar) => {
      registerBankMsgServer(registrar, keeper);
      registerBankQueryServer(registrar, keeper);
    },
    defaultGenesis: defaultBankGenesisJson,
    validateGenesis: (g: JsonValue) => void parseBankGenesis(g, keeper.addresses),
    validateGenesisStrict: (g: JsonValue) => validateBankGenesisStrict(g),
    initGenesis: (ctx, g) => initBankGenesis(ctx, keeper, parseBankGenesis(g, keeper.addresses)),
    exportGenesis: (ctx) => exportBankGenesis(ctx, keeper),
  };
}
