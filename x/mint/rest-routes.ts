import { getRoutes, type RestRoute } from "../../app/server/rest-route";

/** REST routes of cosmos.mint.v1beta1.Query (proto/cosmos/mint/v1beta1/query.proto in the SDK v0.50). */
export const MINT_REST_ROUTES: readonly RestRoute[] = getRoutes("cosmos.mint.v1beta1.Query", [
  ["Params", "/cosmos/mint/v1beta1/params"],
  ["Inflation", "/cosmos/mint/v1beta1/inflation"],
  ["AnnualProvisions", "/cosmos/mint/v1beta1/annual_provisions"],
]);
