import { Collection, StringKey, Uint64Value } from "../../app/collections";

/** All of x/upgrade's storage layout that plumed uses (prefixes as in SDK v0.50's x/upgrade/types/keys.go). */
export const UPGRADE_STORE = "upgrade";

/** module name -> its consensus version as recorded in state (VersionMapByte 0x2, big-endian uint64). */
export const ModuleVersions = new Collection(Uint8Array.of(0x02), StringKey, Uint64Value);
