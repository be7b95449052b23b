import { CRASH_PHASES, CrashPoint, crashPointFromEnv, parseCrashPoint, type CrashPhase, type CrashPointSpec } from "./crash-point";
import { createLogger, silentLogger } from "./logger";

/** Thrown instead of SIGKILL, so that a test can see where the process would have died. */
class Killed extends Error {}

function armed(spec: CrashPointSpec): CrashPoint {
  return new CrashPoint(spec, silentLogger, () => {
    throw new Killed();
  });
}

/** The hook sites of one block in the order BaseApp and the store call them; where it died. */
function runBlock(cp: CrashPoint, height: bigint, txCount: number): string | undefined {
  try {
    cp.atProposal(height, txCount);
    const crashBeforeTx = cp.atFinalizeBlock(height, txCount);
    for (let i = 0; i < txCount; i++) {
      if (i === crashBeforeTx) cp.reached("finalize-mid", height);
    }
    for (const phase of ["before-commit", "commit-mid", "after-commit"] as const) cp.reached(phase, height);
    return undefined;
  } catch (err) {
    if (!(err instanceof Killed)) throw err;
    return `killed at ${height}`;
  }
}

describe("parseCrashPoint", () => {
  it.each(CRASH_PHASES.map((p) => [p]))("accepts %s:<height>", (phase) => {
    expect(parseCrashPoint(`${phase}:12`)).toEqual({ phase, height: 12n });
  });

  it("reads an empty value as no crash point", () => {
    expect(parseCrashPoint("")).toBeUndefined();
  });

  it("accepts heights beyond 2^53", () => {
    expect(parseCrashPoint("after-commit:18446744073709551615")?.height).toBe(18446744073709551615n);
  });

  it.each([
    ["before-commit", "not of the form <phase>:<height>"],
    ["before-commit:12:3", "not of the form <phase>:<height>"],
    ["commit:12", 'unknown phase "commit"'],
    ["Before-Commit:12", 'unknown phase "Before-Commit"'],
    [":12", 'unknown phase ""'],
    ["before-commit:", 'height "" is not a positive integer'],
    ["before-commit:0", 'height "0" is not a positive integer'],
    ["before-commit:-3", 'height "-3" is not a positive integer'],
    ["before-commit:012", 'height "012" is not a positive integer'],
    ["before-commit: 12", 'height " 12" is not a positive integer'],
    ["before-commit:1e3", 'height "1e3" is not a positive integer'],
  ])("refuses %j in one line that names the variable, the problem and the phases", (value, why) => {
    expect(() => parseCrashPoint(value)).toThrow(
      `PLUMED_TEST_CRASH="${value}": ${why}; expected <phase>:<height> with phase one of proposal, finalize-mid, before-commit, commit-mid, after-commit`,
    );
  });
});

describe("crashPointFromEnv", () => {
  it("arms nothing when the variable is unset or empty", () => {
    expect(crashPointFromEnv({}, silentLogger)).toBeUndefined();
    expect(crashPointFromEnv({ PLUMED_TEST_CRASH: "" }, silentLogger)).toBeUndefined();
  });

  it("arms the crash point the variable names", () => {
    expect(crashPointFromEnv({ PLUMED_TEST_CRASH: "commit-mid:7" }, silentLogger)?.spec).toEqual({ phase: "commit-mid", height: 7n });
  });

  it("refuses a bad value", () => {
    expect(() => crashPointFromEnv({ PLUMED_TEST_CRASH: "soon" }, silentLogger)).toThrow(/PLUMED_TEST_CRASH="soon"/);
  });
});

describe("CrashPoint", () => {
  it.each(CRASH_PHASES.map((p) => [p]))("%s: dies in the first block at or above the height that has txs, not before", (phase: CrashPhase) => {
    const cp = armed({ phase, height: 5n });
    expect(runBlock(cp, 3n, 4)).toBeUndefined();
    expect(runBlock(cp, 4n, 4)).toBeUndefined();
    expect(runBlock(cp, 5n, 0)).toBeUndefined();
    expect(runBlock(cp, 6n, 0)).toBeUndefined();
    expect(runBlock(cp, 7n, 2)).toBe("killed at 7");
  });

  it("finalize-mid: passes over blocks with a single tx (nothing to be mid-way through)", () => {
    const cp = armed({ phase: "finalize-mid", height: 5n });
    expect(runBlock(cp, 5n, 1)).toBeUndefined();
    expect(runBlock(cp, 6n, 2)).toBe("killed at 6");
  });

  it("the other phases take a block with a single tx", () => {
    for (const phase of CRASH_PHASES.filter((p) => p !== "finalize-mid")) expect(runBlock(armed({ phase, height: 5n }), 5n, 1)).toBe("killed at 5");
  });

  it("dies at exactly the height when that block has txs", () => {
    expect(runBlock(armed({ phase: "before-commit", height: 5n }), 5n, 2)).toBe("killed at 5");
  });

  it.each([
    [2, 1],
    [3, 1],
    [4, 2],
    [9, 4],
  ])("finalize-mid: with %i txs, dies before tx index %i (after BeginBlock and that many txs)", (txCount, index) => {
    const cp = armed({ phase: "finalize-mid", height: 1n });
    const crashBeforeTx = cp.atFinalizeBlock(2n, txCount);
    expect(crashBeforeTx).toBe(index);
    expect(() => cp.reached("finalize-mid", 2n)).toThrow(Killed);
  });

  it("other phases ask FinalizeBlock for no tx index", () => {
    for (const phase of ["before-commit", "commit-mid", "after-commit"] as const) {
      expect(armed({ phase, height: 1n }).atFinalizeBlock(1n, 5)).toBeUndefined();
    }
  });

  it("a phase never fires at another phase's site", () => {
    const cp = armed({ phase: "after-commit", height: 1n });
    cp.atProposal(1n, 3);
    cp.atFinalizeBlock(1n, 3);
    cp.reached("finalize-mid", 1n);
    cp.reached("before-commit", 1n);
    cp.reached("commit-mid", 1n);
    expect(() => cp.reached("after-commit", 1n)).toThrow(Killed);
  });

  it("proposal: chooses its block from proposals, never from a decided block", () => {
    const cp = armed({ phase: "proposal", height: 1n });
    // A node that restarts replays blocks through FinalizeBlock only: those never choose the block.
    expect(cp.atFinalizeBlock(1n, 3)).toBeUndefined();
    expect(() => cp.atProposal(2n, 1)).toThrow(Killed);
  });

  it("logs the phase and height before it dies", () => {
    const lines: string[] = [];
    const cp = new CrashPoint({ phase: "commit-mid", height: 3n }, createLogger({ write: (l) => lines.push(l), timestamps: false }), () => {
      throw new Killed();
    });
    cp.atFinalizeBlock(3n, 1);
    expect(() => cp.reached("commit-mid", 3n)).toThrow(Killed);
    expect(lines).toEqual(['level=warn msg="test hook: crash point reached, killing the app with SIGKILL" phase=commit-mid height=3']);
  });
});
