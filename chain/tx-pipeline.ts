/**
 * plumed's tx pipeline as the composition root assembles it: the framework's executor (app/tx)
 * with x/auth's ante handler, a signature verifier with its cache (shared by CheckTx and
 * FinalizeBlock, so a signature checked in CheckTx is not checked again in the block), and the
 * sign-mode handlers.
 */
import type { AddressCodec } from "../app/address";
import { DEFAULT_SIGNATURE_CACHE_SIZE, SignatureCache } from "../app/crypto/signature-cache";
import { defaultSecp256k1Backend, type Secp256k1Backend } from "../app/crypto/secp256k1";
import { SignatureVerifier } from "../app/crypto/verifier";
import { DecCoins } from "../app/math/dec-coins";
import { createTxExecutor, type AnteHandler, type MsgRegistry, type PlumeTxExecutor } from "../app/tx";
import { newAnteHandler, type AccountKeeper, type BankKeeper, type FeegrantKeeper } from "../x/auth/ante";
import { SignModeHandlerMap } from "../x/auth/signing/handler-map";

export interface TxPipelineDeps {
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
  /** Replaces x/auth's ante chain (tests, benchmarks). */
  readonly anteHandler?: AnteHandler;
}

export interface TxPipeline extends PlumeTxExecutor {
  readonly verifier: SignatureVerifier;
  readonly signatureCache: SignatureCache;
}

export function createTxPipeline(deps: TxPipelineDeps): TxPipeline {
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
  return { ...createTxExecutor({ msgs: deps.msgs, addresses: deps.addresses, anteHandler }), verifier, signatureCache };
}
