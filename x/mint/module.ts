/** x/mint's contract with the app. */
import type { AppModule, JsonValue, ModuleAccountDecl } from "../../app/module";
import { mintBeginBlock } from "./abci";
import { defaultMintGenesis, exportMintGenesis, initMintGenesis, mintGenesisToJson, parseMintGenesis, validateMintGenesis } from "./genesis";
import { MINT_MODULE_NAME, type MintKeeper } from "./keeper";
import { registerMintMsgServer } from "./msg-server";
import { registerMintQueryServer } from "./query-server";
import { MINT_REST_ROUTES } from "./rest-routes";
import { MINT_STORE } from "./state-keys";

export const MINT_MODULE = MINT_MODULE_NAME;

/** simapp's maccPerms: mint may mint. */
export const MINT_MODULE_ACCOUNTS: readonly ModuleAccountDecl[] = [{ name: MINT_MODULE_NAME, permissions: ["minter"] }];

export interface MintModuleOptions {
  readonly keeper: MintKeeper;
  /** The chain's bond denom: the default mint denom. */
  readonly defaultMintDenom: string;
}

export function mintModule(o: MintModuleOptions): AppModule {
  const k = o.keeper;
  return {
    name: MINT_MODULE,
    storeNames: [MINT_STORE],
    // The SDK's x/mint ConsensusVersion (v0.50): params and minter in collections.
    consensusVersion: 2,
    restRoutes: MINT_REST_ROUTES,
    codespaces: [],
    registerServices(registrar) {
      registerMintMsgServer(registrar, k);
      registerMintQueryServer(registrar, k);
    },
    defaultGenesis: () => mintGenesisToJson(defaultMintGenesis(o.defaultMintDenom)),
    validateGenesis: (g: JsonValue) => validateMintGenesis(parseMintGenesis(g)),
    initGenesis: (ctx, g) => initMintGenesis(ctx, k, parseMintGenesis(g)),
    exportGenesis: (ctx) => mintGenesisToJson(exportMintGenesis(ctx, k)),
    beginBlock: (ctx) => mintBeginBlock(ctx, k),
  };
}
