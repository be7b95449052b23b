import { getRoutes, type RestRoute } from "../../app/server/rest-route";

/** REST routes of cosmos.distribution.v1beta1.Query (proto/cosmos/distribution/v1beta1/query.proto in the SDK v0.50). */
export const DISTRIBUTION_REST_ROUTES: readonly RestRoute[] = getRoutes("cosmos.distribution.v1beta1.Query", [
  ["Params", "/cosmos/distribution/v1beta1/params"],
  ["ValidatorDistributionInfo", "/cosmos/distribution/v1beta1/validators/{validator_address}"],
  ["ValidatorOutstandingRewards", "/cosmos/distribution/v1beta1/validators/{validator_address}/outstanding_rewards"],
  ["ValidatorCommission", "/cosmos/distribution/v1beta1/validators/{validator_address}/commission"],
  ["ValidatorSlashes", "/cosmos/distribution/v1beta1/validators/{validator_address}/slashes"],
  ["DelegationRewards", "/cosmos/distribution/v1beta1/delegators/{delegator_address}/rewards/{validator_address}"],
  ["DelegationTotalRewards", "/cosmos/distribution/v1beta1/delegators/{delegator_address}/rewards"],
  ["DelegatorValidators", "/cosmos/distribution/v1beta1/delegators/{delegator_address}/validators"],
  ["DelegatorWithdrawAddress", "/cosmos/distribution/v1beta1/delegators/{delegator_address}/withdraw_address"],
  ["CommunityPool", "/cosmos/distribution/v1beta1/community_pool"],
]);
