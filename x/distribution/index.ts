/** x/distribution's public surface for the app's wiring and for other modules. */
export { DISTRIBUTION_MODULE, DISTRIBUTION_MODULE_ACCOUNTS, distributionModule, type DistributionModuleOptions } from "./module";
export { DistributionKeeper, DistributionReader, DISTRIBUTION_MODULE_NAME, SDK_DEFAULT_BOND_DENOM, type DistributionKeeperOptions } from "./keeper";
export { distributionStakingHooks } from "./hooks";
export { DISTRIBUTION_STORE } from "./state-keys";
export { defaultDistributionParams, validateDistributionParams } from "./params";
export { distributionInvariants, assertDistributionInvariants, type InvariantDeps as DistributionInvariantDeps } from "./invariants";
export type { DistributionStakingKeeper, DistributionStakingReader, DistributionBankKeeper } from "./expected-keepers";
export {
  msgSetWithdrawAddressAmino,
  msgWithdrawDelegatorRewardAmino,
  msgWithdrawValidatorCommissionAmino,
  msgFundCommunityPoolAmino,
  msgUpdateParamsAmino as distributionMsgUpdateParamsAmino,
  msgCommunityPoolSpendAmino,
  msgDepositValidatorRewardsPoolAmino,
} from "./amino";
