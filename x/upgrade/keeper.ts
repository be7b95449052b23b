/**
 * x/upgrade's keeper, as far as plumed has it: the module version map recorded in state (what an
 * upgrade reads to know which store migrations to run). Upgrade plans come with governance of
 * software upgrades; until then the map is written at genesis from the running code's versions.
 */
import type { Context } from "../../app/context";
import type { VersionMap } from "../../app/module-manager";
import type { KVStoreReader } from "../../app/store/types";
import { ModuleVersions, UPGRADE_STORE } from "./state-keys";

export class UpgradeKeeper {
  /** SetModuleVersionMap: every module's version, written in name order (deterministic writes). */
  setModuleVersionMap(ctx: Context, versions: VersionMap): void {
    const store = ctx.kvStore(UPGRADE_STORE);
    for (const name of Object.keys(versions).sort()) ModuleVersions.set(store, name, BigInt(versions[name] as number));
  }

  /** GetModuleVersionMap: the versions recorded in state (empty before genesis). */
  moduleVersionMap(ctx: Context): VersionMap {
    return readModuleVersions(ctx.kvStore(UPGRADE_STORE));
  }
}

export function readModuleVersions(store: KVStoreReader): VersionMap {
  const out: Record<string, number> = {};
  for (const [name, version] of ModuleVersions.entries(store)) out[name] = Number(version);
  return out;
}
