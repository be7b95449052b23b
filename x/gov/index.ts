/** x/gov's public surface for the app's wiring. */
export { GOV_MODULE, GOV_MODULE_ACCOUNTS, govModule, type GovModuleOptions } from "./module";
export { GovKeeper, GovReader, GOV_MODULE_NAME, type GovKeeperOptions } from "./keeper";
export { govRestakingHooks, govStakingHooks } from "./hooks";
export { GOV_STORE } from "./state-keys";
export { defaultGovParams, validateGovParams } from "./params";
export { govMsgHandlers } from "./msg-server";
export { govInvariants, moduleAccountInvariant, runningTallyInvariant } from "./invariants";
