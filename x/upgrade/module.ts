/**
 * x/upgrade's contract with the app: its store holds the module version map. InitGenesis records
 * the running code's versions (the SDK's upgrade InitGenesis with the app's init version map), so
 * a later upgrade knows which migrations to run; its genesis section is empty, as in the SDK.
 */
import type { AppModule } from "../../app/module";
import type { VersionMap } from "../../app/module-manager";
import type { UpgradeKeeper } from "./keeper";
import { registerUpgradeQueryServer } from "./query-server";
import { UPGRADE_REST_ROUTES } from "./rest-routes";
import { UPGRADE_STORE } from "./state-keys";

export const UPGRADE_MODULE = "upgrade";

export interface UpgradeModuleOptions {
  readonly keeper: UpgradeKeeper;
  /** The app's module versions (ModuleManager.versionMap), asked for at InitGenesis. */
  readonly versionMap: () => VersionMap;
}

export function upgradeModule(options: UpgradeModuleOptions): AppModule {
  return {
    name: UPGRADE_MODULE,
    storeNames: [UPGRADE_STORE],
    consensusVersion: 3,
    restRoutes: UPGRADE_REST_ROUTES,
    registerServices: (registrar) => registerUpgradeQueryServer(registrar),
    defaultGenesis: () => ({}),
    validateGenesis: () => undefined,
    initGenesis: (ctx) => {
      options.keeper.setModuleVersionMap(ctx, options.versionMap());
    },
    exportGenesis: () => ({}),
  };
}
