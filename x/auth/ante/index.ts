/**
 * x/auth's default ante handler, in the SDK v0.50 order (x/auth/ante/ante.go NewAnteHandler):
 *
 *  1. SetUpContext         - the tx gas meter; must be outermost so that out-of-gas anywhere is caught
 *  1b. CircuitBreakerGas   - simapp's circuit breaker lookup per message (gas only: plumed has no circuit breaker)
 *  2. ExtensionOptions     - refuse unknown (critical) extension options
 *  3. ValidateBasic        - stateless tx checks (skipped on ReCheck)
 *  4. TxTimeoutHeight      - refuse expired txs
 *  5. ValidateMemo         - memo length
 *  6. ConsumeGasForTxSize  - charge for the tx bytes (before any state is read for the fee)
 *  7. DeductFee            - min gas prices (CheckTx), fee to fee_collector
 *  8. SetPubKey            - before every signature decorator: they need the keys on the accounts
 *  9. ValidateSigCount     - tx_sig_limit
 * 10. SigGasConsume        - charge per signature before verifying it
 * 11. SigVerification      - sequences and signatures
 * 12. IncrementSequence    - last: only a tx that passed everything consumes its sequence
 */
import type { DecCoins } from "../../../app/math/dec-coins";
import type { SignatureVerifier } from "../../../app/crypto/verifier";
import type { SignModeHandlerMap } from "../signing/handler-map";
import { chainAnteDecorators, type AnteDecorator, type AnteHandler } from "./ante";
import { newCircuitBreakerGasDecorator } from "./circuit-breaker-gas";
import { newConsumeGasForTxSizeDecorator } from "./consume-tx-size-gas";
import { newDeductFeeDecorator, validatorMinGasPricesChecker, type TxFeeChecker } from "./deduct-fee";
import type { AccountKeeper, BankKeeper, FeegrantKeeper } from "./expected-keepers";
import { newExtensionOptionsDecorator, type ExtensionOptionChecker } from "./extension-options";
import { newIncrementSequenceDecorator } from "./increment-sequence";
import { newSetPubKeyDecorator } from "./set-pubkey";
import { newSetUpContextDecorator } from "./setup-context";
import { defaultSigVerificationGasConsumer, newSigGasConsumeDecorator, type SigVerificationGasConsumer } from "./sig-gas-consume";
import { newSigVerificationDecorator } from "./sig-verification";
import { newTxTimeoutHeightDecorator } from "./tx-timeout-height";
import { newValidateBasicDecorator } from "./validate-basic";
import { newValidateMemoDecorator } from "./validate-memo";
import { newValidateSigCountDecorator } from "./validate-sig-count";

export interface AnteHandlerOptions {
  readonly accountKeeper: AccountKeeper;
  readonly bankKeeper: BankKeeper;
  readonly feegrantKeeper?: FeegrantKeeper;
  readonly signModeHandlers: SignModeHandlerMap;
  readonly verifier: SignatureVerifier;
  /** This node's minimum-gas-prices (app.toml), enforced in CheckTx by the default fee checker. */
  readonly minGasPrices: DecCoins;
  readonly txFeeChecker?: TxFeeChecker;
  readonly extensionOptionChecker?: ExtensionOptionChecker;
  readonly sigGasConsumer?: SigVerificationGasConsumer;
}

export function defaultAnteDecorators(o: AnteHandlerOptions): AnteDecorator[] {
  const ak = o.accountKeeper;
  return [
    newSetUpContextDecorator(),
    newCircuitBreakerGasDecorator(),
    newExtensionOptionsDecorator(o.extensionOptionChecker),
    newValidateBasicDecorator(),
    newTxTimeoutHeightDecorator(),
    newValidateMemoDecorator(ak),
    newConsumeGasForTxSizeDecorator(ak),
    newDeductFeeDecorator({
      accountKeeper: ak,
      bankKeeper: o.bankKeeper,
      ...(o.feegrantKeeper ? { feegrantKeeper: o.feegrantKeeper } : {}),
      txFeeChecker: o.txFeeChecker ?? validatorMinGasPricesChecker(o.minGasPrices),
    }),
    newSetPubKeyDecorator(ak),
    newValidateSigCountDecorator(ak),
    newSigGasConsumeDecorator(ak, o.sigGasConsumer ?? defaultSigVerificationGasConsumer),
    newSigVerificationDecorator({ accountKeeper: ak, signModeHandlers: o.signModeHandlers, verifier: o.verifier }),
    newIncrementSequenceDecorator(ak),
  ];
}

export function newAnteHandler(o: AnteHandlerOptions): AnteHandler {
  return chainAnteDecorators(defaultAnteDecorators(o));
}

export { AnteFailure, chainAnteDecorators, isGenesisHeight, type AnteDecorator, type AnteEnv, type AnteHandler } from "./ante";
export { FEE_COLLECTOR_NAME, validatorMinGasPricesChecker, txPriority, type TxFeeChecker } from "./deduct-fee";
export type { AccountKeeper, BankKeeper, FeegrantKeeper } from "./expected-keepers";
