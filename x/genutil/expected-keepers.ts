/**
 * What x/genutil needs from the rest of the app (x/genutil/types/expected_keepers.go and the
 * TxHandler of SDK v0.50's genutil module), narrowed to what it calls. genutil imports no other
 * module: the app wires x/staking's keeper and its own tx pipeline in (app/app.ts).
 */
import type { ValidatorUpdate } from "cosmjs-types/tendermint/abci/types";
import type { Context } from "../../app/context";

export interface GenutilStakingKeeper {
  /** The bonded set after the gentxs ran: the validators InitChain returns. */
  applyAndReturnValidatorSetUpdates(ctx: Context): ValidatorUpdate[];
}

/** A gentx's outcome, as much of it as genutil reads. */
export interface GenesisTxResult {
  readonly code: number;
  readonly codespace: string;
  readonly log: string;
}

/**
 * Runs one signed tx (TxRaw bytes) through the app's real tx pipeline on the genesis context:
 * decoding, the ante handler (signatures, fees, sequence) and the message, as baseapp's
 * ExecuteGenesisTx does. It MUST NOT throw for a bad tx: failure is a non-zero code.
 */
export interface GenesisTxHandler {
  executeGenesisTx(ctx: Context, txBytes: Uint8Array): GenesisTxResult;
}
