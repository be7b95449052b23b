import { getRoutes, type RestRoute } from "../../app/server/rest-route";

/** REST routes of cosmos.slashing.v1beta1.Query (proto/cosmos/slashing/v1beta1/query.proto in the SDK). */
export const SLASHING_REST_ROUTES: readonly RestRoute[] = getRoutes("cosmos.slashing.v1beta1.Query", [
  ["Params", "/cosmos/slashing/v1beta1/params"],
  ["SigningInfo", "/cosmos/slashing/v1beta1/signing_infos/{cons_address}"],
  ["SigningInfos", "/cosmos/slashing/v1beta1/signing_infos"],
]);
