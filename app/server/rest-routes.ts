import { AUTH_REST_ROUTES } from "../../x/auth/rest-routes";
import { BANK_REST_ROUTES } from "../../x/bank/rest-routes";
import { CONSENSUS_REST_ROUTES } from "../../x/consensus/rest-routes";
import { DISTRIBUTION_REST_ROUTES } from "../../x/distribution/rest-routes";
import { GOV_V1_REST_ROUTES, GOV_V1BETA1_REST_ROUTES } from "../../x/gov/rest-routes";
import { MINT_REST_ROUTES } from "../../x/mint/rest-routes";
import { SLASHING_REST_ROUTES } from "../../x/slashing/rest-routes";
import { CAP_REST_ROUTES, STAKING_REST_ROUTES } from "../../x/staking/rest-routes";
import type { RestRoute } from "./rest-route";
import { CMT_REST_ROUTES, NODE_REST_ROUTES, TX_REST_ROUTES } from "./services/rest-routes";

/**
 * Every LCD route plumed knows, in the SDK's registration order (modules, then the tx, CometBFT
 * and node services). A route is served once its gRPC method is registered; until then it
 * answers like a route of a module the app does not have (501 Not Implemented).
 */
export const ALL_REST_ROUTES: readonly RestRoute[] = [
  ...AUTH_REST_ROUTES,
  ...BANK_REST_ROUTES,
  ...DISTRIBUTION_REST_ROUTES,
  ...STAKING_REST_ROUTES,
  ...CAP_REST_ROUTES,
  ...SLASHING_REST_ROUTES,
  ...GOV_V1_REST_ROUTES,
  ...GOV_V1BETA1_REST_ROUTES,
  ...MINT_REST_ROUTES,
  ...CONSENSUS_REST_ROUTES,
  ...TX_REST_ROUTES,
  ...CMT_REST_ROUTES,
  ...NODE_REST_ROUTES,
];
