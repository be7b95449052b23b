import { getRoutes, type RestRoute } from "../../app/server/rest-route";

/** REST routes of the cosmos.upgrade.v1beta1.Query methods plumed serves (proto/cosmos/upgrade/v1beta1/query.proto). */
export const UPGRADE_REST_ROUTES: readonly RestRoute[] = getRoutes("cosmos.upgrade.v1beta1.Query", [["ModuleVersions", "/cosmos/upgrade/v1beta1/module_versions"]]);
