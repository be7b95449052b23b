import type { RestRoute } from "./rest-route";
import { CMT_REST_ROUTES, NODE_REST_ROUTES, TX_REST_ROUTES } from "./services/rest-routes";

/** The LCD routes of the node's own services (tx, CometBFT, node), which no module owns. */
export const SERVICE_REST_ROUTES: readonly RestRoute[] = [...TX_REST_ROUTES, ...CMT_REST_ROUTES, ...NODE_REST_ROUTES];

/**
 * Every LCD route a node serves, in the SDK's registration order: the modules' routes (each module
 * declares its own, in the app's module order), then the tx, CometBFT and node services. A route
 * is served once its gRPC method is registered.
 */
export function allRestRoutes(moduleRoutes: readonly RestRoute[]): RestRoute[] {
  return [...moduleRoutes, ...SERVICE_REST_ROUTES];
}
