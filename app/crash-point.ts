/**
 * Crash points: a test hook that kills the application with SIGKILL at a chosen phase of a block,
 * so that end-to-end tests can show that a crash anywhere in a block loses nothing committed and
 * that CometBFT's handshake brings the node back to the same app hashes (docs/testing.md).
 *
 * Switched on only by the environment variable PLUMED_TEST_CRASH=<phase>:<height>, never by
 * configuration an operator writes. Unset, no CrashPoint exists and each hook site costs one
 * `undefined` check per block (per tx in FinalizeBlock's loop).
 *
 * The block: the first block at or above <height> that carries at least one tx (two for
 * `finalize-mid`, so that some of its txs ran and some did not), so that the crash interrupts real
 * work even when the chosen height happens to be an empty block.
 *
 * The phases, in the order they happen within that block:
 * - `proposal`: when CometBFT asks for PrepareProposal or ProcessProposal of the block. The
 *   previous block is committed by the app and saved by CometBFT.
 * - `finalize-mid`: inside FinalizeBlock, after BeginBlock and ⌊n/2⌋ of the block's n ≥ 2 txs ran,
 *   before the others and EndBlock. Nothing of the block is persisted.
 * - `before-commit`: when Commit arrives, after FinalizeBlock returned (the block's writes are
 *   staged in memory and its app hash sent to CometBFT). Nothing of the block is persisted.
 * - `commit-mid`: inside the store's lmdb write transaction, once the module data of the block
 *   (tree nodes, orphan lists, flat index) are written and before its commit info and the latest
 *   version are: the transaction is open and half done.
 * - `after-commit`: once the store's commit is durable, before the Commit response is written.
 *   The app has committed the block; CometBFT never learns it, as if it had died before saving
 *   its state.
 */
import type { Logger } from "./logger";

export const CRASH_ENV = "PLUMED_TEST_CRASH";

export const CRASH_PHASES = ["proposal", "finalize-mid", "before-commit", "commit-mid", "after-commit"] as const;
export type CrashPhase = (typeof CRASH_PHASES)[number];

export interface CrashPointSpec {
  readonly phase: CrashPhase;
  /** The lowest height the crash may happen at (the first block from there with txs). */
  readonly height: bigint;
}

function isCrashPhase(value: string): value is CrashPhase {
  return (CRASH_PHASES as readonly string[]).includes(value);
}

/** Parses `<phase>:<height>`; an empty value means no crash point. Throws a one-line error. */
export function parseCrashPoint(value: string): CrashPointSpec | undefined {
  if (value === "") return undefined;
  const fail = (why: string): never => {
    throw new Error(`${CRASH_ENV}="${value}": ${why}; expected <phase>:<height> with phase one of ${CRASH_PHASES.join(", ")}`);
  };
  const parts = value.split(":");
  if (parts.length !== 2) return fail("not of the form <phase>:<height>");
  const [phase, height] = parts as [string, string];
  if (!isCrashPhase(phase)) return fail(`unknown phase "${phase}"`);
  if (!/^[1-9][0-9]*$/.test(height)) return fail(`height "${height}" is not a positive integer`);
  return { phase, height: BigInt(height) };
}

/** Kills this process at once; never returns. */
function killSelf(): never {
  process.kill(process.pid, "SIGKILL");
  // SIGKILL is delivered asynchronously: block so that nothing after the hook runs meanwhile.
  for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
}

/**
 * One armed crash point. The hook sites call it in block order; it chooses the block at the first
 * site that sees one at or above the height with txs, and kills the process at the site of its
 * phase in that block.
 */
export class CrashPoint {
  private target: bigint | undefined;

  constructor(
    readonly spec: CrashPointSpec,
    private readonly logger: Logger,
    /** How to die; tests of this class replace it (it must not return). */
    private readonly kill: () => never = killSelf,
  ) {}

  /** PrepareProposal / ProcessProposal of block `height` with `txCount` txs. */
  atProposal(height: bigint, txCount: number): void {
    if (this.spec.phase === "proposal" && this.choose(height, txCount)) this.crash(height);
  }

  /**
   * Start of FinalizeBlock of block `height` with `txCount` txs: for `finalize-mid`, the index of
   * the tx before which to call reached("finalize-mid"); otherwise undefined.
   */
  atFinalizeBlock(height: bigint, txCount: number): number | undefined {
    // The proposal phase chooses its block from proposals only; a decided block may differ.
    if (this.spec.phase === "proposal" || !this.choose(height, txCount)) return undefined;
    return this.spec.phase === "finalize-mid" ? Math.floor(txCount / 2) : undefined;
  }

  /** Kills the process if this is the phase and the block of the crash point. */
  reached(phase: CrashPhase, height: bigint): void {
    if (phase === this.spec.phase && height === this.target) this.crash(height);
  }

  private choose(height: bigint, txCount: number): boolean {
    const minTxs = this.spec.phase === "finalize-mid" ? 2 : 1;
    if (this.target === undefined && height >= this.spec.height && txCount >= minTxs) this.target = height;
    return height === this.target;
  }

  private crash(height: bigint): never {
    // Logged synchronously (stderr is a pipe or file): tests read this line after the kill.
    this.logger.warn("test hook: crash point reached, killing the app with SIGKILL", { phase: this.spec.phase, height });
    return this.kill();
  }
}

/** The crash point the environment asks for, if any (see the file comment). */
export function crashPointFromEnv(env: NodeJS.ProcessEnv, logger: Logger): CrashPoint | undefined {
  const spec = parseCrashPoint(env[CRASH_ENV] ?? "");
  return spec === undefined ? undefined : new CrashPoint(spec, logger);
}
