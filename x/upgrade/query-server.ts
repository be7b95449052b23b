/**
 * x/upgrade's Query service, the part plumed serves: ModuleVersions (x/upgrade/keeper/grpc_query.go
 * in SDK v0.50): every module's recorded version in name order, or one module's, NotFound when the
 * named module has none.
 */
import { QueryModuleVersionsRequest, QueryModuleVersionsResponse } from "cosmjs-types/cosmos/upgrade/v1beta1/query";
import { ErrNotFound } from "../../app/errors";
import type { ServiceRegistrar } from "../../app/module";
import { ModuleVersions, UPGRADE_STORE } from "./state-keys";

export function registerUpgradeQueryServer(registrar: ServiceRegistrar): void {
  registrar.registerQuery({
    path: "/cosmos.upgrade.v1beta1.Query/ModuleVersions",
    requestCodec: QueryModuleVersionsRequest,
    responseCodec: QueryModuleVersionsResponse,
    handle: (ctx, req) => {
      const store = ctx.store(UPGRADE_STORE);
      if (req.moduleName !== "") {
        const version = ModuleVersions.get(store, req.moduleName);
        if (version === undefined) throw ErrNotFound.wrap(`x/upgrade: QueryModuleVersions module ${req.moduleName} not found`);
        return { moduleVersions: [{ name: req.moduleName, version }] };
      }
      return { moduleVersions: [...ModuleVersions.entries(store)].map(([name, version]) => ({ name, version })) };
    },
  });
}
