import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The simulator core knows no module: every file of sim/ but the entry file (main.ts) imports
 * nothing from x/ or chain/; modules come in through the composition root's wiring.
 */
describe("the simulator core", () => {
  it("imports nothing from x/ or chain/ (only sim/main.ts wires the app in)", () => {
    const dir = __dirname;
    const offenders: string[] = [];
    for (const name of readdirSync(dir)) {
      if (!name.endsWith(".ts") || name.endsWith(".test.ts") || name === "main.ts") continue;
      const text = readFileSync(join(dir, name), "utf8");
      for (const m of text.matchAll(/from\s+"([^"]+)"/g)) {
        const spec = m[1] ?? "";
        if (/^\.\.\/(x|chain)\//.test(spec)) offenders.push(`${name}: ${spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
