import { getRoutes, type RestRoute } from "../../app/server/rest-route";

/** REST routes of cosmos.slashing.v1beta1.Query (proto/cosmos/slashing/v1beta1/query.proto in the SDK). */
export const SLASHING_REST_ROUTES: readonly RestRoute[] = getRoutes("cosmos.slashing.v1beta1.Query", [
  ["Params", "/cosmos/slashing/v1beta1/params"],
  ["SigningInfo", "/cosmos/slashing/v1beta1/signing_infos/{cons_address}"],
  ["SigningInfos", "/cosmos/slashing/v1beta1/signing_infos"],
]);

/** REST routes of plume.slashing.v1.Query (correlated slashing; proto/plume/slashing/v1/query.proto). */
export const CORRELATION_REST_ROUTES: readonly RestRoute[] = getRoutes("plume.slashing.v1.Query", [
  ["Params", "/plume/slashing/v1/params"],
  ["DoubleSignOffences", "/plume/slashing/v1/double_sign_offences"],
]);
