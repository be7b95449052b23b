import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * A lint for state-transition code (app/ and x/): no wall clock, no randomness, no floats parsed
 * from input, no locale-dependent ordering, no `for...in`. Files whose job is outside state
 * transitions (servers, logging, benchmarks helpers) are listed with the reason.
 */
const ROOT = join(__dirname, "..");
const SCANNED = ["app", "x"];
const EXEMPT: Record<string, string> = {
  "app/logger.ts": "log lines carry wall-clock time; logs are not state",
  "app/abci/client.ts": "test/bench client, connect timeouts",
  "app/cometbft.ts": "process management",
};
const EXEMPT_DIRS = ["app/server/", "app/config/", "app/math/testdata/"];
const FORBIDDEN: [RegExp, string][] = [
  [/\bDate\.now\s*\(/, "Date.now()"],
  [/\bnew Date\s*\(\s*\)/, "new Date()"],
  [/\bMath\.random\s*\(/, "Math.random()"],
  [/\bperformance\.now\s*\(/, "performance.now()"],
  [/\bparseFloat\s*\(/, "parseFloat()"],
  [/\.localeCompare\s*\(/, "localeCompare()"],
  [/\bfor\s*\(\s*(const|let|var)\s+\w+\s+in\s+/, "for...in"],
];

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...sources(path));
    else if (name.endsWith(".ts") && !name.endsWith(".test.ts") && !name.endsWith(".fixture.ts")) out.push(path);
  }
  return out;
}

describe("determinism lint", () => {
  it("finds no wall clock, randomness, floats or unordered iteration in state-transition code", () => {
    const problems: string[] = [];
    for (const dir of SCANNED) {
      for (const file of sources(join(ROOT, dir))) {
        const rel = relative(ROOT, file).split("\\").join("/");
        if (EXEMPT[rel] !== undefined || EXEMPT_DIRS.some((d) => rel.startsWith(d))) continue;
        const lines = readFileSync(file, "utf8").split("\n");
        lines.forEach((line, i) => {
          if (/^\s*(\/\/|\*)/.test(line)) return;
          for (const [re, what] of FORBIDDEN) if (re.test(line)) problems.push(`${rel}:${i + 1}: ${what}`);
        });
      }
    }
    expect(problems).toEqual([]);
  });
});
