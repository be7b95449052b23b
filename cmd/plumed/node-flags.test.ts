import { readFileSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../../app/cometbft";
import { PLUMED_NODE_FLAGS, runsWithPlumedNodeFlags } from "./node-flags";

describe("plumed's V8 flags", () => {
  it("are the ones bin/plumed's first line starts node with", () => {
    const shebang = readFileSync(join(REPO_ROOT, "bin", "plumed"), "utf8").split("\n")[0] ?? "";
    expect(shebang).toBe(`#!/usr/bin/env -S node ${PLUMED_NODE_FLAGS.join(" ")}`);
  });

  it("are recognised on the command line, and missing ones are noticed", () => {
    expect(runsWithPlumedNodeFlags([...PLUMED_NODE_FLAGS, "--enable-source-maps"], "")).toBe(true);
    expect(runsWithPlumedNodeFlags([], `--no-warnings ${PLUMED_NODE_FLAGS.join(" ")}`)).toBe(true);
    expect(runsWithPlumedNodeFlags(["--max-semi-space-size=16"], "")).toBe(false);
  });
});
