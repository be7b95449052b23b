/**
 * x/upgrade in the seeded simulation (sim/types.ts): no operations until upgrade plans exist; one
 * invariant, the module versions recorded in state are the running code's.
 */
import type { VersionMap } from "../../app/module-manager";
import type { ModuleSimulation } from "../../sim/types";
import type { UpgradeKeeper } from "./keeper";
import { UPGRADE_MODULE } from "./module";

export function upgradeSimulation(keeper: UpgradeKeeper, versionMap: () => VersionMap): ModuleSimulation {
  return {
    module: UPGRADE_MODULE,
    invariants: [
      {
        name: "module-versions",
        check: (i) => {
          const stored = keeper.moduleVersionMap(i.ctx);
          const running = versionMap();
          // deterministic: sorted right here.
          const names = [...new Set([...Object.keys(stored), ...Object.keys(running)])].sort();
          const problems = names.filter((n) => stored[n] !== running[n]).map((n) => `\t${n}: recorded ${stored[n] ?? "none"}, running ${running[n] ?? "none"}`);
          return { broken: problems.length > 0, message: `upgrade: module-versions invariant\n${problems.join("\n")}\n` };
        },
      },
    ],
  };
}
