/**
 * The simulation finds something on purpose: a test-only operation (chain/simulation.fixture.ts,
 * never in the production app) credits coins without raising the supply. Bank's total-supply
 * invariant must catch it, and the report must name the seed, the block, the operation and the
 * command that replays the run; the CLI exits with status 1.
 */
import { plumeSimWiring } from "../chain/simulation";
import { invariantBreaker, MINT_WITHOUT_SUPPLY_TYPE_URL } from "../chain/simulation.fixture";
import { simMain } from "../sim/cli";
import { runSimulation, SimFailure } from "../sim/simulation";

const BREAK_FROM = 4n;
const wiring = plumeSimWiring({ simulations: (sims, app) => [...sims, invariantBreaker(app, BREAK_FROM)] });

describe("a simulation with an operation that breaks an invariant", () => {
  it("stops at the block of the operation with the broken invariant, the operation and the replay command", async () => {
    const failure = await runSimulation(wiring, { seed: 7n, blocks: 12, opsPerBlock: 20, invariantsEvery: 1 }).then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(failure).toBeInstanceOf(SimFailure);
    const d = (failure as SimFailure).details;
    expect(d.kind).toBe("invariant");
    expect(d.seed).toBe(7n);
    expect(d.height).toBeGreaterThanOrEqual(BREAK_FROM);
    expect(d.message).toContain("broken invariant bank/total-supply");
    expect(d.op?.name).toBe("simtest/mint-without-supply");
    expect(d.op?.height).toBe(d.height);
    expect(JSON.stringify(d.op?.msgs)).toContain(MINT_WITHOUT_SUPPLY_TYPE_URL);
    const text = (failure as SimFailure).message;
    expect(text).toContain(`at height ${d.height}, seed 7`);
    expect(text).toContain(`replay: npm run sim -- --seed 7 --blocks ${d.height} --ops-per-block 20 --invariants-every 1`);
  });

  it("makes the CLI print the failure and exit with status 1", async () => {
    const errors: string[] = [];
    const out = jest.spyOn(process.stdout, "write").mockImplementation(() => true);
    const err = jest.spyOn(process.stderr, "write").mockImplementation((s: string | Uint8Array) => {
      errors.push(String(s));
      return true;
    });
    try {
      const code = await simMain(wiring, ["--seed", "7", "--blocks", "12", "--ops-per-block", "20"]);
      expect(code).toBe(1);
    } finally {
      out.mockRestore();
      err.mockRestore();
    }
    expect(errors.join("")).toMatch(/SIMULATION FAILED \(invariant\) at height \d+, seed 7/);
  });
});
