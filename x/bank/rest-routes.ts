import { getRoutes, type RestRoute } from "../../app/server/rest-route";

/** REST routes of cosmos.bank.v1beta1.Query (proto/cosmos/bank/v1beta1/query.proto in the SDK v0.50). */
export const BANK_REST_ROUTES: readonly RestRoute[] = getRoutes("cosmos.bank.v1beta1.Query", [
  ["Balance", "/cosmos/bank/v1beta1/balances/{address}/by_denom"],
  ["AllBalances", "/cosmos/bank/v1beta1/balances/{address}"],
  ["SpendableBalances", "/cosmos/bank/v1beta1/spendable_balances/{address}"],
  ["SpendableBalanceByDenom", "/cosmos/bank/v1beta1/spendable_balances/{address}/by_denom"],
  ["TotalSupply", "/cosmos/bank/v1beta1/supply"],
  ["SupplyOf", "/cosmos/bank/v1beta1/supply/by_denom"],
  ["Params", "/cosmos/bank/v1beta1/params"],
  ["DenomMetadata", "/cosmos/bank/v1beta1/denoms_metadata/{denom}"],
  ["DenomMetadataByQueryString", "/cosmos/bank/v1beta1/denoms_metadata_by_query_string"],
  ["DenomsMetadata", "/cosmos/bank/v1beta1/denoms_metadata"],
  ["DenomOwners", "/cosmos/bank/v1beta1/denom_owners/{denom}"],
  ["DenomOwnersByQuery", "/cosmos/bank/v1beta1/denom_owners_by_query"],
  ["SendEnabled", "/cosmos/bank/v1beta1/send_enabled"],
]);
