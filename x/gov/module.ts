/** x/gov's contract with the app (cosmos.gov.v1 and cosmos.gov.v1beta1). */
import type { AppModule, JsonValue, ModuleAccountDecl } from "../../app/module";
import { govEndBlock } from "./abci";
import { GOV_CODESPACE } from "./errors";
import { defaultGovGenesis, exportGovGenesis, govGenesisToJson, initGovGenesis, parseGovGenesis, validateGovGenesis } from "./genesis";
import { GOV_MODULE_NAME, TEXT_PROPOSAL_TYPE_URL, type GovKeeper } from "./keeper";
import { registerGovMsgServer } from "./msg-server";
import { registerGovQueryServer } from "./query-server";
import { GOV_V1BETA1_REST_ROUTES, GOV_V1_REST_ROUTES } from "./rest-routes";
import { GOV_STORE } from "./state-keys";

export const GOV_MODULE = GOV_MODULE_NAME;

/** The gov module account holds the deposits and may burn them (simapp's maccPerms). */
export const GOV_MODULE_ACCOUNTS: readonly ModuleAccountDecl[] = [{ name: GOV_MODULE_NAME, permissions: ["burner"] }];

export interface GovModuleOptions {
  readonly keeper: GovKeeper;
  /** The bond denom of the default genesis' min deposits. */
  readonly defaultBondDenom: string;
}

export function govModule(options: GovModuleOptions): AppModule {
  const k = options.keeper;
  return {
    name: GOV_MODULE,
    storeNames: [GOV_STORE],
    // The SDK's x/gov ConsensusVersion (v0.50).
    consensusVersion: 5,
    restRoutes: [...GOV_V1_REST_ROUTES, ...GOV_V1BETA1_REST_ROUTES],
    codespaces: [GOV_CODESPACE],
    registerServices(registrar) {
      registerGovMsgServer(registrar, k);
      // v1beta1 proposals carry their content in an Any: the tx decoder must resolve it.
      registrar.registerImplementation?.(TEXT_PROPOSAL_TYPE_URL);
      registerGovQueryServer(registrar, k);
    },
    defaultGenesis: () => govGenesisToJson(defaultGovGenesis(options.defaultBondDenom)),
    validateGenesis: (g: JsonValue) => validateGovGenesis(parseGovGenesis(g), k.addresses),
    initGenesis: (ctx, g) => initGovGenesis(ctx, k, parseGovGenesis(g)),
    exportGenesis: (ctx) => govGenesisToJson(exportGovGenesis(ctx, k)),
    endBlock: (ctx) => govEndBlock(ctx, k),
  };
}
