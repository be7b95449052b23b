/**
 * Summarises a V8 .cpuprofile (from `node --cpu-prof`): the functions with the most self time, and
 * the inclusive time of the functions whose names are given (e.g. the ABCI entry points).
 *
 *   npx tsx bench/cpuprofile-summary.ts <file.cpuprofile> [--top 40] [--inclusive checkTx,finalizeBlockSteps,commit]
 *     [--files 30]   (also: inclusive time per source file of the repository, the top 30)
 *     [--callees x/auth/ante/deduct-fee.ts]   (also: where that file's time goes, by the function it calls)
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: readonly number[];
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

const file = process.argv[2];
if (file === undefined) throw new Error("usage: cpuprofile-summary.ts <file.cpuprofile>");
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const top = Number(arg("top", "40"));
const inclusiveNames = arg("inclusive", "checkTx,finalizeBlock,commit,query").split(",");

const byId = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

const label = (n: ProfileNode): string => {
  const url = n.callFrame.url.replace(/^file:\/\//, "");
  const where = url === "" ? "" : ` ${url.includes("node_modules") ? url.slice(url.lastIndexOf("node_modules") + 13) : relative(process.cwd(), url)}:${n.callFrame.lineNumber + 1}`;
  return `${n.callFrame.functionName || "(anonymous)"}${where}`;
};

let total = 0;
let idle = 0;
const selfByLabel = new Map<string, number>();
const inclusive = new Map<string, number>();
const topFiles = Number(arg("files", "0"));
const calleesOf = arg("callees", "");
const calleeTime = new Map<string, number>();
const inclusiveByFile = new Map<string, number>();
const repoFile = (n: ProfileNode): string | undefined => {
  const url = n.callFrame.url.replace(/^file:\/\//, "");
  return url === "" || url.includes("node_modules") || url.startsWith("node:") ? undefined : relative(process.cwd(), url);
};
for (const [id, us] of selfUs) {
  const n = byId.get(id) as ProfileNode;
  total += us;
  if (n.callFrame.functionName === "(idle)") idle += us;
  const l = label(n);
  selfByLabel.set(l, (selfByLabel.get(l) ?? 0) + us);
  // Inclusive: once per named ancestor.
  const seen = new Set<string>();
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const name = (byId.get(cur) as ProfileNode).callFrame.functionName;
    if (inclusiveNames.includes(name) && !seen.has(name)) {
      seen.add(name);
      inclusive.set(name, (inclusive.get(name) ?? 0) + us);
    }
  }
  if (calleesOf !== "") {
    // The innermost frame of that file on the stack, and the frame it called (toward the leaf).
    let below: number | undefined;
    for (let cur: number | undefined = id; cur !== undefined; below = cur, cur = parent.get(cur)) {
      if (repoFile(byId.get(cur) as ProfileNode) === calleesOf) {
        const l = below === undefined ? "(self)" : label(byId.get(below) as ProfileNode);
        calleeTime.set(l, (calleeTime.get(l) ?? 0) + us);
        break;
      }
    }
  }
  if (topFiles > 0) {
    const files = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const f = repoFile(byId.get(cur) as ProfileNode);
      if (f !== undefined) files.add(f);
    }
    // deterministic: a sum per file, whatever the order
    for (const f of files) inclusiveByFile.set(f, (inclusiveByFile.get(f) ?? 0) + us);
  }
}
const busy = total - idle;
const ms = (us: number): string => (us / 1000).toFixed(0).padStart(7);
const pct = (us: number): string => `${((100 * us) / busy).toFixed(1).padStart(5)}%`;
console.log(`profile: ${ms(total)} ms sampled, ${ms(busy)} ms busy (not idle)`);
console.log("inclusive (of busy):");
for (const name of inclusiveNames) console.log(`  ${ms(inclusive.get(name) ?? 0)} ms ${pct(inclusive.get(name) ?? 0)}  ${name}`);
console.log(`self time, top ${top} (of busy):`);
const rows = [...selfByLabel.entries()].filter(([l]) => !l.startsWith("(idle)")).sort((a, b) => b[1] - a[1]).slice(0, top);
for (const [l, us] of rows) console.log(`  ${ms(us)} ms ${pct(us)}  ${l}`);
if (topFiles > 0) {
  console.log(`inclusive per source file, top ${topFiles} (of busy):`);
  const fileRows = [...inclusiveByFile.entries()].sort((a, b) => b[1] - a[1]).slice(0, topFiles);
  for (const [f, us] of fileRows) console.log(`  ${ms(us)} ms ${pct(us)}  ${f}`);
}
if (calleesOf !== "") {
  console.log(`${calleesOf}: its time by the function it calls (of busy):`);
  const calleeRows = [...calleeTime.entries()].sort((a, b) => b[1] - a[1]).slice(0, top);
  for (const [l, us] of calleeRows) console.log(`  ${ms(us)} ms ${pct(us)}  ${l}`);
}
