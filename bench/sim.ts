/**
 * The seeded simulation at the sizes (CI runs them short; see docs/testing.md):
 *
 *   npx tsx bench/sim.ts full            # seed 42, 500 blocks x 200 ops, invariants every block
 *   npx tsx bench/sim.ts determinism     # seeds 11, 22, 33 x 3 runs each, 100 blocks x 200 ops: same app hash at every height
 *   npx tsx bench/sim.ts import-export   # seed 42, 100 blocks x 200 ops, export at 50, then 50 blocks on the imported app
 *
 * `--blocks`, `--ops-per-block`, `--seed` change the sizes. Prints figures; exits 1 on a failure.
 */
import { plumeSimWiring } from "../chain/simulation";
import { formatFigures, formatImportComparison } from "../sim/cli";
import { runSimulation, SimFailure, type SimConfig } from "../sim/simulation";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? Number(process.argv[i + 1]) : fallback;
}

const out = (s: string): void => void process.stdout.write(`${s}\n`);
const now = (): number => Number(process.hrtime.bigint() / 1_000_000n) / 1000;

async function full(): Promise<void> {
  const config: SimConfig = { seed: BigInt(arg("seed", 42)), blocks: arg("blocks", 500), opsPerBlock: arg("ops-per-block", 200), invariantsEvery: 1 };
  out(`full run: seed ${config.seed}, ${config.blocks} blocks x ${config.opsPerBlock} ops, invariants every block`);
  const r = await runSimulation(plumeSimWiring(), config);
  out(`final app hash at height ${r.height}: ${r.appHashes[r.appHashes.length - 1]?.hash}`);
  out(formatFigures(r.figures));
}

async function determinism(): Promise<void> {
  const seeds = [11n, 22n, 33n];
  const blocks = arg("blocks", 100);
  const ops = arg("ops-per-block", 200);
  out(`determinism: seeds ${seeds.join(", ")} x 3 runs, ${blocks} blocks x ${ops} ops`);
  const t0 = now();
  for (const seed of seeds) {
    let first: string[] | undefined;
    for (let run = 1; run <= 3; run++) {
      const t = now();
      const r = await runSimulation(plumeSimWiring(), { seed, blocks, opsPerBlock: ops, invariantsEvery: 1 });
      const hashes = r.appHashes.map((h) => h.hash);
      first ??= hashes;
      const same = hashes.length === first.length && hashes.every((h, i) => h === first?.[i]);
      out(`  seed ${seed} run ${run}: ${r.figures.txs} txs, ${(now() - t).toFixed(1)} s, final ${hashes[hashes.length - 1]}, ${same ? "same app hash at every height" : "DIFFERENT APP HASHES"}`);
      if (!same) process.exitCode = 1;
    }
  }
  out(`9 runs in ${(now() - t0).toFixed(1)} s`);
}

async function importExport(): Promise<void> {
  const blocks = arg("blocks", 100);
  const config: SimConfig = { seed: BigInt(arg("seed", 42)), blocks, opsPerBlock: arg("ops-per-block", 200), invariantsEvery: 1, exportAt: Math.floor(blocks / 2), afterImportBlocks: Math.floor(blocks / 2) };
  out(`import/export: seed ${config.seed}, ${blocks} blocks x ${config.opsPerBlock} ops, export at ${config.exportAt}, ${config.afterImportBlocks} blocks after the import`);
  const r = await runSimulation(plumeSimWiring(), config);
  if (r.importComparison) out(formatImportComparison(r.importComparison));
  out(formatFigures(r.figures));
}

const modes: Record<string, () => Promise<void>> = { full, determinism, "import-export": importExport };
const mode = modes[process.argv[2] ?? "full"];
if (mode === undefined) {
  out(`usage: npx tsx bench/sim.ts ${Object.keys(modes).join("|")} [--seed n] [--blocks n] [--ops-per-block n]`);
  process.exit(2);
}
mode().then(
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof SimFailure ? err.message : err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
