import type { AppModule, JsonValue } from "../../app/module";
import { defaultBankGenesisJson, exportBankGenesis, initBankGenesis, parseBankGenesis } from "./genesis";
import type { BankKeeper } from "./keeper";
import { BANK_STORE } from "./state-keys";

export function bankModule(keeper: BankKeeper): AppModule {
  return {
    name: "bank",
    storeNames: [BANK_STORE],
    defaultGenesis: defaultBankGenesisJson,
    validateGenesis: (g: JsonValue) => void parseBankGenesis(g, keeper.addresses),
    initGenesis: (ctx, g) => initBankGenesis(ctx, keeper, parseBankGenesis(g, keeper.addresses)),
    exportGenesis: (ctx) => exportBankGenesis(ctx, keeper),
  };
}
