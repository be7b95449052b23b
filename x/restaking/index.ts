/** x/restaking's public surface for the app's wiring (not wired yet: docs/restaking.md). */
export { restakingModule, RESTAKING_MODULE_ACCOUNTS } from "./module";
export { RestakingKeeper, RestakingReader, RESTAKING_MODULE, HELD_BACK_BY_CAP, type CompoundResult, type RestakingKeeperOptions } from "./keeper";
export type { RestakingBankKeeper, RestakingDistributionKeeper, RestakingDistributionQuerier, RestakingHooks, RestakingStakingKeeper, RestakingStakingQuerier } from "./expected-keepers";
export { RESTAKING_STORE } from "./state-keys";
export { defaultRestakingParams, validateRestakingParams, DEFAULT_COMPOUND_INTERVAL, DEVNET_COMPOUND_INTERVAL } from "./params";
export { restakingInvariants, assertRestakingInvariants } from "./invariants";
export { msgRestakeRewardsAmino, msgSetAutoCompoundAmino, msgUpdateParamsAmino } from "./amino";
export { restakingMsgHandlers } from "./msg-server";
export { pooledRewardsQuerier, pooledStakeQuerier, type PooledRewardsQuerier, type PooledStakeQuerier } from "./pooled-stake";
