import { getRoutes, type RestRoute } from "../../app/server/rest-route";

/** REST routes of cosmos.evidence.v1beta1.Query (x/evidence/proto/cosmos/evidence/v1beta1/query.proto). */
export const EVIDENCE_REST_ROUTES: readonly RestRoute[] = getRoutes("cosmos.evidence.v1beta1.Query", [
  ["Evidence", "/cosmos/evidence/v1beta1/evidence/{hash}"],
  ["AllEvidence", "/cosmos/evidence/v1beta1/evidence"],
]);
