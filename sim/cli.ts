/**
 * `npm run sim -- --seed S --blocks B --ops-per-block N [--invariants-every K] [--verbose]
 *  [--export-at H [--after-import M]] [--double-sign-per-mille P]`
 *
 * Runs one simulation and prints its figures; on a failure prints the seed, the height, the
 * operation and the command that replays it, and exits with status 1.
 */
import { Command, InvalidArgumentError } from "commander";
import type { SimWiring } from "./app";
import { runSimulation, SimFailure, type ImportComparison, type SimConfig, type SimFigures } from "./simulation";

function integer(min: number) {
  return (value: string): number => {
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`not a whole number: ${value}`);
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`must be at least ${min}`);
    return n;
  };
}

function seed(value: string): bigint {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`not a whole number: ${value}`);
  return BigInt(value);
}

export function parseSimArgs(argv: readonly string[]): SimConfig & { readonly verbose: boolean } {
  const program = new Command("sim")
    .description("seeded simulation of plumed: random genesis, random signed txs from every module, invariants every block")
    .requiredOption("--seed <n>", "the random seed", seed)
    .requiredOption("--blocks <n>", "blocks to run", integer(1))
    .requiredOption("--ops-per-block <n>", "operations (txs) per block", integer(0))
    .option("--invariants-every <k>", "run every module's invariants every k blocks", integer(1), 1)
    .option("--export-at <h>", "export at height h, import into a fresh app, run both and compare app hashes", integer(1))
    .option("--after-import <m>", "then m more blocks on the imported app alone", integer(0), 0)
    .option("--double-sign-per-mille <p>", "chance per block (1/1000) of double-sign misbehavior", integer(0))
    .option("--verbose", "print one line per block", false)
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  program.parse([...argv], { from: "user" });
  const opts = program.opts<{ blocks: number; exportAt?: number }>();
  if (opts.exportAt !== undefined && opts.exportAt >= opts.blocks) program.error("error: --export-at must be below --blocks");
  const o = program.opts<{
    seed: bigint;
    blocks: number;
    opsPerBlock: number;
    invariantsEvery: number;
    exportAt?: number;
    afterImport: number;
    doubleSignPerMille?: number;
    verbose: boolean;
  }>();
  return {
    seed: o.seed,
    blocks: o.blocks,
    opsPerBlock: o.opsPerBlock,
    invariantsEvery: o.invariantsEvery,
    verbose: o.verbose,
    ...(o.exportAt !== undefined ? { exportAt: o.exportAt, afterImportBlocks: o.afterImport } : {}),
    ...(o.doubleSignPerMille !== undefined ? { doubleSignPerMille: o.doubleSignPerMille } : {}),
  };
}

const fixed = (x: number, digits = 1): string => x.toFixed(digits);

/** The figures of a run, as printed at its end. */
export function formatFigures(f: SimFigures): string {
  const perSecond = (n: number): string => (f.seconds > 0 ? fixed(n / f.seconds) : "-");
  const share = (s: number): string => (f.seconds > 0 ? `${fixed((100 * s) / f.seconds)}%` : "-");
  const lines = [
    `blocks ${f.blocks} in ${fixed(f.seconds, 2)} s: ${perSecond(f.blocks)} blocks/s`,
    `txs ${f.txs} (ok ${f.okTxs}, failed as expected ${f.failedAsExpected}; ${f.skipped} operations skipped): ${perSecond(f.txs)} txs/s`,
    `time: signing ${fixed(f.signSeconds, 2)} s (${share(f.signSeconds)}, ${f.signatures} signatures, ${f.signer}), ` +
      `building ops ${fixed(f.generateSeconds, 2)} s (${share(f.generateSeconds)}), block so far ${fixed(f.blockSoFarSeconds, 2)} s (${share(f.blockSoFarSeconds)}), ` +
      `FinalizeBlock ${fixed(f.finalizeSeconds, 2)} s (${share(f.finalizeSeconds)}), Commit ${fixed(f.commitSeconds, 2)} s (${share(f.commitSeconds)}), ` +
      `invariants ${fixed(f.invariantSeconds, 2)} s (${share(f.invariantSeconds)}, ${f.invariantRuns} runs)` +
      (f.followerSeconds > 0 ? `, imported app ${fixed(f.followerSeconds, 2)} s (${share(f.followerSeconds)})` : ""),
    "operations (ok / failed as expected / skipped):",
  ];
  for (const [name, s] of f.ops) lines.push(`  ${name.padEnd(40)} ${String(s.ok).padStart(7)} ${String(s.failedAsExpected).padStart(7)} ${String(s.skipped).padStart(7)}`);
  return lines.join("\n");
}

export function formatImportComparison(c: ImportComparison): string {
  const lines = [
    `export/import: ${c.heights} heights after the import compared: same tx outcomes, validator updates and state (but for what an export cannot carry) at every one;`,
    `  same app hash at ${c.sameAppHash} of ${c.heights}; ${c.gasDifferences} txs used different gas`,
  ];
  if (c.firstDifferentAppHash !== undefined) {
    lines.push(`  app hashes first differ at height ${c.firstDifferentAppHash}, in (declared differences included):`, ...(c.rawDifferences ?? []));
  }
  return lines.join("\n");
}

export async function simMain(wiring: SimWiring, argv: readonly string[]): Promise<number> {
  let config;
  try {
    config = parseSimArgs(argv);
  } catch (err) {
    const code = (err as { exitCode?: number }).exitCode;
    return code === 0 ? 0 : 2;
  }
  const { verbose, ...rest } = config;
  const out = (s: string): void => void process.stdout.write(`${s}\n`);
  out(`simulation: seed ${rest.seed}, ${rest.blocks} blocks x ${rest.opsPerBlock} ops, invariants every ${rest.invariantsEvery} block(s)` + (rest.exportAt !== undefined ? `, export at ${rest.exportAt}` : ""));
  try {
    const result = await runSimulation(wiring, { ...rest, ...(verbose ? { log: out } : {}) });
    out(`final app hash at height ${result.height}: ${result.appHashes[result.appHashes.length - 1]?.hash ?? "-"}`);
    if (result.importComparison !== undefined) out(formatImportComparison(result.importComparison));
    out(formatFigures(result.figures));
    return 0;
  } catch (err) {
    if (err instanceof SimFailure) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
}
