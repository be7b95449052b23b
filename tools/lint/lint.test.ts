import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * The lint catches what it is meant to catch: each fixture marks the lines that must be reported
 * with `// expect: <rule>[, <rule>]`, and the linter, run as `npm test` runs it, must report exactly
 * those (rule and line), no more and no fewer. Then the config must apply the determinism rules to
 * state-transition code and not to the tools.
 */
const ROOT = join(__dirname, "../..");
const ESLINT = join(__dirname, "node_modules/.bin/eslint");
const FIXTURES = ["fixtures/determinism.ts", "fixtures/general.ts"];

interface LintMessage {
  readonly ruleId: string | null;
  readonly line: number;
  readonly message: string;
}
interface LintResult {
  readonly filePath: string;
  readonly messages: readonly LintMessage[];
}

function eslint(args: readonly string[]): string {
  try {
    return execFileSync(ESLINT, args, { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
  } catch (err) {
    // ESLint exits 1 when it reports problems; its JSON is still on stdout.
    const out = (err as { stdout?: unknown }).stdout;
    if (typeof out === "string" && out.startsWith("[")) return out;
    throw err;
  }
}

function expected(file: string): string[] {
  const marks: string[] = [];
  readFileSync(join(__dirname, file), "utf8").split("\n").forEach((text, i) => {
    const m = /\/\/ expect: ([@\w/-]+(?:, [@\w/-]+)*)$/.exec(text);
    if (m?.[1] !== undefined) for (const rule of m[1].split(",")) marks.push(`${i + 1} ${rule.trim()}`);
  });
  return marks.sort();
}

describe("the lint", () => {
  let results: Map<string, readonly LintMessage[]>;

  beforeAll(() => {
    // --no-ignore: the fixtures are ignored by the normal run.
    const out = eslint(["--no-ignore", "--format", "json", ...FIXTURES.map((f) => relative(ROOT, join(__dirname, f)))]);
    const parsed = JSON.parse(out) as LintResult[];
    results = new Map(parsed.map((r) => [relative(__dirname, r.filePath), r.messages]));
  });

  it.each(FIXTURES)("reports exactly the marked lines of %s", (file) => {
    const messages = results.get(file);
    expect(messages).toBeDefined();
    const reported = (messages ?? []).map((m) => `${m.line} ${m.ruleId ?? `fatal: ${m.message}`}`).sort();
    expect(reported).toEqual(expected(file));
  });

  it("marks at least one violation of every determinism rule", () => {
    const rules = new Set(expected("fixtures/determinism.ts").map((m) => m.split(" ")[1]));
    const names = readdirSync(join(__dirname, "rules")).filter((f) => f.startsWith("no-")).map((f) => f.replace(/\.ts$/, ""));
    expect(names.length).toBeGreaterThanOrEqual(7);
    for (const name of names) expect(rules).toContain(`plumed/${name}`);
  });

  it("applies the determinism rules to state-transition code and not to tools or tests", () => {
    const consensus = ["app/base-app.ts", "chain/app.ts", "x/bank/keeper.ts"];
    const tools = ["cmd/plumed/main.ts", "bench/tx-throughput.ts", "x/bank/keeper.test.ts", "test/helpers/testnet.ts"];
    // One process asks ESLint for the config of every file (one `--print-config` each would start ESLint seven times).
    const script = `
      const { ESLint } = require(${JSON.stringify(join(__dirname, "node_modules/eslint"))});
      const eslint = new ESLint({ cwd: ${JSON.stringify(ROOT)} });
      Promise.all(process.argv.slice(1).map((f) => eslint.calculateConfigForFile(f)))
        .then((configs) => process.stdout.write(JSON.stringify(configs.map((c) => c.rules["plumed/no-wall-clock"] ?? null))));`;
    const out = execFileSync(process.execPath, ["-e", script, ...consensus, ...tools], { cwd: ROOT, encoding: "utf8" });
    const severities = JSON.parse(out) as unknown[];
    expect(severities).toEqual([...consensus.map(() => [2]), ...tools.map(() => null)]);
  });
});
