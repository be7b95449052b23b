import { getRoutes, type RestRoute } from "../../app/server/rest-route";

/** REST routes of cosmos.gov.v1.Query (proto/cosmos/gov/v1/query.proto in the SDK). */
export const GOV_V1_REST_ROUTES: readonly RestRoute[] = getRoutes("cosmos.gov.v1.Query", [
  ["Constitution", "/cosmos/gov/v1/constitution"],
  ["Proposal", "/cosmos/gov/v1/proposals/{proposal_id}"],
  ["Proposals", "/cosmos/gov/v1/proposals"],
  ["Vote", "/cosmos/gov/v1/proposals/{proposal_id}/votes/{voter}"],
  ["Votes", "/cosmos/gov/v1/proposals/{proposal_id}/votes"],
  ["Params", "/cosmos/gov/v1/params/{params_type}"],
  ["Deposit", "/cosmos/gov/v1/proposals/{proposal_id}/deposits/{depositor}"],
  ["Deposits", "/cosmos/gov/v1/proposals/{proposal_id}/deposits"],
  ["TallyResult", "/cosmos/gov/v1/proposals/{proposal_id}/tally"],
]);

/** REST routes of cosmos.gov.v1beta1.Query (proto/cosmos/gov/v1beta1/query.proto in the SDK). */
export const GOV_V1BETA1_REST_ROUTES: readonly RestRoute[] = getRoutes("cosmos.gov.v1beta1.Query", [
  ["Proposal", "/cosmos/gov/v1beta1/proposals/{proposal_id}"],
  ["Proposals", "/cosmos/gov/v1beta1/proposals"],
  ["Vote", "/cosmos/gov/v1beta1/proposals/{proposal_id}/votes/{voter}"],
  ["Votes", "/cosmos/gov/v1beta1/proposals/{proposal_id}/votes"],
  ["Params", "/cosmos/gov/v1beta1/params/{params_type}"],
  ["Deposit", "/cosmos/gov/v1beta1/proposals/{proposal_id}/deposits/{depositor}"],
  ["Deposits", "/cosmos/gov/v1beta1/proposals/{proposal_id}/deposits"],
  ["TallyResult", "/cosmos/gov/v1beta1/proposals/{proposal_id}/tally"],
]);
