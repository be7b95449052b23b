/**
 * Determinism of the whole app under the seeded simulation (sim/, chain/simulation.ts): three
 * seeds, each run three times from scratch (fresh lmdb store, fresh process state), must give the
 * same app hash at every height. CI runs a short size; `npm run sim` runs any size (docs/testing.md
 * has the figures of the 100 blocks x 200 ops).
 */
import { plumeSimWiring } from "../chain/simulation";
import { runSimulation, type SimResult } from "../sim/simulation";

const SEEDS = [11n, 22n, 33n];
const RUNS = 3;
const BLOCKS = 20;
const OPS_PER_BLOCK = 40;

describe("the seeded simulation", () => {
  const results = new Map<bigint, SimResult[]>();

  it.each(SEEDS.map((s) => [s]))(`gives the same app hash at every height in ${RUNS} runs of seed %s (${BLOCKS} blocks x ${OPS_PER_BLOCK} ops)`, async (seed) => {
    const runs: SimResult[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await runSimulation(plumeSimWiring(), { seed, blocks: BLOCKS, opsPerBlock: OPS_PER_BLOCK, invariantsEvery: 1 }));
    results.set(seed, runs);
    const [first, ...others] = runs as [SimResult, ...SimResult[]];
    expect(first.appHashes).toHaveLength(BLOCKS);
    for (const other of others) expect(other.appHashes).toEqual(first.appHashes);
    // The runs did something: txs that succeeded and txs that failed as their operation expected.
    expect(first.figures.okTxs).toBeGreaterThan(BLOCKS * 10);
    expect(first.figures.failedAsExpected).toBeGreaterThan(0);
  }, 600_000);

  it("gives other app hashes for other seeds", () => {
    const finals = SEEDS.map((s) => results.get(s)?.[0]?.appHashes[BLOCKS - 1]?.hash);
    expect(finals.every((h) => h !== undefined)).toBe(true);
    expect(new Set(finals).size).toBe(SEEDS.length);
  });
});
