/**
 * The transaction pipeline: decoding, the x/auth ante handler, message execution, simulation.
 *
 * `createTxExecutor(deps)` builds the TxExecutor BaseApp calls for CheckTx, FinalizeBlock and
 * simulation. The pipeline knows nothing of any module beyond the narrow keepers it is given.
 */
import type { AddressCodec } from "../address";
import { SignatureCache, DEFAULT_SIGNATURE_CACHE_SIZE } from "../crypto/signature-cache";
import { SignatureVerifier } from "../crypto/verifier";
import { defaultSecp256k1Backend, type Secp256k1Backend } from "../crypto/secp256k1";
import { DecCoins } from "../math/dec-coins";
import { newAnteHandler, type AccountKeeper, type AnteHandler, type BankKeeper, type FeegrantKeeper } from "../../x/auth/ante";
import { SignModeHandlerMap } from "../../x/auth/signing/handler-map";
import { TxDecoder, type MsgRegistry } from "./decode";
import type { TxExecutor } from "./executor";
import { TxRunner } from "./run-tx";

export interface TxExecutorDeps {
  /** The registered messages (the app's MsgRouter): decoding resolves type URLs here. */
  readonly msgs: MsgRegistry;
  readonly addresses: AddressCodec;
  /** x/auth's keeper (AuthKeeper satisfies it). */
  readonly accountKeeper: AccountKeeper;
  /** x/bank's keeper: only `sendCoinsFromAccountToModule` is used (fees to fee_collector). */
  readonly bankKeeper: BankKeeper;
  readonly feegrantKeeper?: FeegrantKeeper;
  /** This node's app.toml minimum-gas-prices (parseDecCoins); CheckTx only. Default: none. */
  readonly minGasPrices?: DecCoins;
  /** Signatures remembered from CheckTx (0 disables the cache). Default 50 000. */
  readonly signatureCacheSize?: number;
  /** secp256k1 arithmetic; default: the native libsecp256k1 binding, else @noble/curves. */
  readonly secp256k1?: Secp256k1Backend;
  readonly signModeHandlers?: SignModeHandlerMap;
  /** Replaces the default ante chain (tests, benchmarks). */
  readonly anteHandler?: AnteHandler;
}

export interface PlumeTxExecutor extends TxExecutor {
  readonly decoder: TxDecoder;
  readonly verifier: SignatureVerifier;
  readonly signatureCache: SignatureCache;
  readonly anteHandler: AnteHandler;
}

export function createTxExecutor(deps: TxExecutorDeps): PlumeTxExecutor {
  const decoder = new TxDecoder(deps.msgs);
  const signatureCache = new SignatureCache(deps.signatureCacheSize ?? DEFAULT_SIGNATURE_CACHE_SIZE);
  const verifier = new SignatureVerifier(deps.secp256k1 ?? defaultSecp256k1Backend(), signatureCache);
  const anteHandler =
    deps.anteHandler ??
    newAnteHandler({
      accountKeeper: deps.accountKeeper,
      bankKeeper: deps.bankKeeper,
      ...(deps.feegrantKeeper ? { feegrantKeeper: deps.feegrantKeeper } : {}),
      signModeHandlers: deps.signModeHandlers ?? new SignModeHandlerMap(),
      verifier,
      minGasPrices: deps.minGasPrices ?? DecCoins.empty(),
    });
  const runner = new TxRunner({ decoder, addresses: deps.addresses, anteHandler });
  return {
    decoder,
    verifier,
    signatureCache,
    anteHandler,
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
