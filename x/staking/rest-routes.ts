import { getRoutes, type RestRoute } from "../../app/server/rest-route";

/** REST routes of cosmos.staking.v1beta1.Query (proto/cosmos/staking/v1beta1/query.proto in the SDK). */
export const STAKING_REST_ROUTES: readonly RestRoute[] = getRoutes("cosmos.staking.v1beta1.Query", [
  ["Validators", "/cosmos/staking/v1beta1/validators"],
  ["Validator", "/cosmos/staking/v1beta1/validators/{validator_addr}"],
  ["ValidatorDelegations", "/cosmos/staking/v1beta1/validators/{validator_addr}/delegations"],
  ["ValidatorUnbondingDelegations", "/cosmos/staking/v1beta1/validators/{validator_addr}/unbonding_delegations"],
  ["Delegation", "/cosmos/staking/v1beta1/validators/{validator_addr}/delegations/{delegator_addr}"],
  ["UnbondingDelegation", "/cosmos/staking/v1beta1/validators/{validator_addr}/delegations/{delegator_addr}/unbonding_delegation"],
  ["DelegatorDelegations", "/cosmos/staking/v1beta1/delegations/{delegator_addr}"],
  ["DelegatorUnbondingDelegations", "/cosmos/staking/v1beta1/delegators/{delegator_addr}/unbonding_delegations"],
  ["Redelegations", "/cosmos/staking/v1beta1/delegators/{delegator_addr}/redelegations"],
  ["DelegatorValidators", "/cosmos/staking/v1beta1/delegators/{delegator_addr}/validators"],
  ["DelegatorValidator", "/cosmos/staking/v1beta1/delegators/{delegator_addr}/validators/{validator_addr}"],
  ["HistoricalInfo", "/cosmos/staking/v1beta1/historical_info/{height}"],
  ["Pool", "/cosmos/staking/v1beta1/pool"],
  ["Params", "/cosmos/staking/v1beta1/params"],
]);

/** REST routes of plume.staking.v1.Query (the decentralization cap; proto/plume/staking/v1/query.proto). */
export const CAP_REST_ROUTES: readonly RestRoute[] = getRoutes("plume.staking.v1.Query", [
  ["Params", "/plume/staking/v1/params"],
  ["ValidatorPowerShares", "/plume/staking/v1/validator_power_shares"],
]);
