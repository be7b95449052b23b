import { getRoutes, type RestRoute } from "../../app/server/rest-route";

/** REST routes of plume.restaking.v1.Query (proto/plume/restaking/v1/query.proto). */
export const RESTAKING_REST_ROUTES: readonly RestRoute[] = getRoutes("plume.restaking.v1.Query", [
  ["Params", "/plume/restaking/v1/params"],
  ["DelegatorSettings", "/plume/restaking/v1/delegators/{delegator_address}"],
  ["Pool", "/plume/restaking/v1/pools/{validator_address}"],
  ["Pools", "/plume/restaking/v1/pools"],
  ["CompoundingHeights", "/plume/restaking/v1/compounding_heights"],
]);
