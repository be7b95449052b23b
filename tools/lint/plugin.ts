import type { CompatiblePlugin } from "typescript-eslint";
import { noFloatMath } from "./rules/no-float-math";
import { noForIn } from "./rules/no-for-in";
import { noLocale } from "./rules/no-locale";
import { noNumberMoney } from "./rules/no-number-money";
import { noRandomness } from "./rules/no-randomness";
import { noUnorderedIteration } from "./rules/no-unordered-iteration";
import { noWallClock } from "./rules/no-wall-clock";

const plugin = {
  meta: { name: "plumed" },
  rules: {
    "no-float-math": noFloatMath,
    "no-for-in": noForIn,
    "no-locale": noLocale,
    "no-number-money": noNumberMoney,
    "no-randomness": noRandomness,
    "no-unordered-iteration": noUnorderedIteration,
    "no-wall-clock": noWallClock,
  },
};

/**
 * plumed's determinism rules, as an ESLint plugin (see docs/testing.md, "Lint"). Typed the way
 * typescript-eslint types its own plugin: ESLint's Plugin type and typescript-eslint's rule types
 * describe the same objects differently, and the config needs only the plugin's name.
 */
export const plumed: CompatiblePlugin = plugin;
