/**
 * The transaction pipeline: decoding, the ante handler, message execution, simulation.
 *
 * `createTxExecutor(deps)` builds the TxExecutor BaseApp calls for CheckTx, FinalizeBlock and
 * simulation. The pipeline knows no module: the composition root hands it the message registry
 * and the ante handler (x/auth's decorators, with their keepers and sign-mode handlers).
 */
import type { AddressCodec } from "../address";
import type { AnteHandler } from "./ante";
import { TxDecoder, type MsgRegistry } from "./decode";
import type { TxExecutor } from "./executor";
import { TxRunner } from "./run-tx";

export interface TxExecutorDeps {
  /** The registered messages (the app's MsgRouter): decoding resolves type URLs here. */
  readonly msgs: MsgRegistry;
  readonly addresses: AddressCodec;
  /** What every tx passes before its messages run; the composition root builds x/auth's. */
  readonly anteHandler: AnteHandler;
}

export interface PlumeTxExecutor extends TxExecutor {
  readonly decoder: TxDecoder;
  readonly anteHandler: AnteHandler;
}

export function createTxExecutor(deps: TxExecutorDeps): PlumeTxExecutor {
  const decoder = new TxDecoder(deps.msgs);
  const runner = new TxRunner({ decoder, addresses: deps.addresses, anteHandler: deps.anteHandler });
  return {
    decoder,
    anteHandler: deps.anteHandler,
    runTx: (ctx, txBytes) => runner.runTx(ctx, txBytes),
  };
}

export { TxDecoder, rejectNonADR027TxRaw, type DecodedTx, type DecodedMsg, type MsgRegistry } from "./decode";
export { SdkTx } from "./tx";
export { TxRunner, createEvents, moduleNameFromTypeUrl } from "./run-tx";
export { txErrorInfo } from "./errors";
export {
  SIMULATE_APP_QUERY_PATH,
  SIMULATE_GRPC_QUERY_PATH,
  SimulationError,
  routeSimulateQuery,
  simulateResponseFromOutcome,
  simulateTx,
} from "./simulate";
export type { TxExecutor, TxOutcome } from "./executor";
export { AnteFailure, chainAnteDecorators, type AnteDecorator, type AnteEnv, type AnteHandler } from "./ante";
export { txGasLimit } from "./gas-limit";
