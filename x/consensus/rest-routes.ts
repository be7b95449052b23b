import { getRoutes, type RestRoute } from "../../app/server/rest-route";

/** REST routes of cosmos.consensus.v1.Query (proto/cosmos/consensus/v1/query.proto in the SDK). */
export const CONSENSUS_REST_ROUTES: readonly RestRoute[] = getRoutes("cosmos.consensus.v1.Query", [["Params", "/cosmos/consensus/v1/params"]]);
