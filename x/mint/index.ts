/** x/mint's public surface for the app's wiring. */
export { MINT_MODULE, MINT_MODULE_ACCOUNTS, mintModule, type MintModuleOptions } from "./module";
export { MintKeeper, MintReader, MINT_MODULE_NAME, type MintKeeperOptions } from "./keeper";
export { MINT_STORE } from "./state-keys";
export { defaultMintParams, defaultInitialMinter, validateMintParams, nextInflationRate, nextAnnualProvisions, blockProvision, decOf } from "./params";
export { msgUpdateParamsAmino as mintMsgUpdateParamsAmino } from "./amino";
