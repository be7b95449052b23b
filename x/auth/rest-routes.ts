import { getRoutes, type RestRoute } from "../../app/server/rest-route";

/**
 * REST routes of cosmos.auth.v1beta1.Query (proto/cosmos/auth/v1beta1/query.proto in the SDK).
 * Note: bech32/{address_bytes} and bech32/{address_string} are the same template; as in
 * grpc-gateway, the one declared later (AddressStringToBytes) answers.
 */
export const AUTH_REST_ROUTES: readonly RestRoute[] = getRoutes("cosmos.auth.v1beta1.Query", [
  ["Accounts", "/cosmos/auth/v1beta1/accounts"],
  ["Account", "/cosmos/auth/v1beta1/accounts/{address}"],
  ["AccountAddressByID", "/cosmos/auth/v1beta1/address_by_id/{id}"],
  ["Params", "/cosmos/auth/v1beta1/params"],
  ["ModuleAccounts", "/cosmos/auth/v1beta1/module_accounts"],
  ["ModuleAccountByName", "/cosmos/auth/v1beta1/module_accounts/{name}"],
  ["Bech32Prefix", "/cosmos/auth/v1beta1/bech32"],
  ["AddressBytesToString", "/cosmos/auth/v1beta1/bech32/{address_bytes}"],
  ["AddressStringToBytes", "/cosmos/auth/v1beta1/bech32/{address_string}"],
  ["AccountInfo", "/cosmos/auth/v1beta1/account_info/{address}"],
]);
