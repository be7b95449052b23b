/** x/staking's public surface for the app's wiring and for other modules' expected keepers. */
export { STAKING_MODULE, CAP_MODULE, STAKING_MODULE_ACCOUNTS, stakingModule, capModule, type StakingModuleOptions } from "./module";
export {
  StakingKeeper,
  StakingReader,
  BONDED_POOL_NAME,
  NOT_BONDED_POOL_NAME,
  type StakingKeeperOptions,
  type TokenSource,
  type IncomingStake,
} from "./keeper";
export { StakingHooksRegistry, STAKING_HOOK_ORDER, HookReentrancyError, type StakingHooks, type StakingHookName } from "./hooks";
export type { StakingAccountKeeper, StakingBankKeeper, StakingBankQuerier } from "./expected-keepers";
export { STAKING_STORE } from "./state-keys";
export { POWER_REDUCTION, defaultStakingParams, validateStakingParams } from "./params";
export { DEFAULT_MAX_VALIDATOR_POWER_SHARE, defaultCapParams, validateCapParams, minValidatorsForCap } from "./cap";
export {
  stakingInvariants,
  assertStakingInvariants,
  moduleAccountsInvariant,
  nonNegativePowerInvariant,
  positiveDelegationInvariant,
  delegatorSharesInvariant,
  capAfterStakeInvariant,
  capAfterEndBlockInvariant,
  type InvariantResult,
} from "./invariants";
export { stakingAminoConverters, capMsgUpdateParamsAmino } from "./amino";
export { consensusAddress, decodeConsensusPubKey, type ConsensusPubKey } from "./pubkey";
export { tokensFromConsensusPower, tokensToConsensusPower, tokensFromShares, minSelfDelegationOf, isBonded, isUnbonded } from "./validator";
