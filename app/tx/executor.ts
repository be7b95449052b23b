import type { Context } from "../context";
import type { AppEvent } from "../events";

/** The outcome of one tx, as it becomes a CheckTx response or an ExecTxResult. */
export interface TxOutcome {
  readonly code: number;
  readonly codespace: string;
  readonly log: string;
  readonly data: Uint8Array;
  readonly gasWanted: bigint;
  readonly gasUsed: bigint;
  readonly events: readonly AppEvent[];
  /** The tx's priority for the mempool (CheckTx only). */
  readonly priority?: bigint;
}

/**
 * Runs one tx on a context whose store is the block (or check) state. It MUST NOT throw for a bad
 * tx: every failure becomes an outcome with the SDK's codespace/code. It decides itself which
 * writes persist (the ante handler's writes survive a failing message, as in the SDK).
 */
export interface TxExecutor {
  runTx(ctx: Context, txBytes: Uint8Array): TxOutcome;
}
