import { AppError, ErrInsufficientFee, ErrInvalidAddress, ErrInvalidRequest, ErrNoSignatures, ErrUnauthorized } from "../../../app/errors";
import { Coin, Coins } from "../../../app/math/coins";
import { MAX_GAS_WANTED, type SdkTx } from "../../../app/tx/tx";
import type { AnteDecorator } from "./ante";

/**
 * ValidateBasicDecorator: the tx's stateless checks (x/auth/tx wrapper.ValidateBasic and
 * types/tx Tx.ValidateBasic), skipped on ReCheck.
 */
export function newValidateBasicDecorator(): AnteDecorator {
  return {
    name: "ValidateBasic",
    anteHandle(ctx, env, next) {
      if (ctx.mode !== "recheck") validateTxBasic(env.tx);
      return next(ctx, env);
    },
  };
}

export function validateTxBasic(tx: SdkTx): void {
  const fee = tx.decoded.authInfo.fee;
  // Go returns plain errors for these (reported as code 1).
  if (fee === undefined) throw new Error("missing fee");
  if (fee.gasLimit > MAX_GAS_WANTED) throw ErrInvalidRequest.wrap(`invalid gas supplied; ${fee.gasLimit} > ${MAX_GAS_WANTED}`);
  if (fee.amount.some((c) => c.amount === undefined)) throw ErrInsufficientFee.wrap("invalid fee provided: null");
  const coins = Coins.unchecked(fee.amount.map((c) => Coin.unchecked(c.denom, c.amount ?? 0n)));
  if (coins.isAnyNegative()) throw ErrInsufficientFee.wrap(`invalid fee provided: ${coins.toString()}`);
  if (fee.payer !== "") {
    try {
      tx.addresses.decodeAccount(fee.payer);
    } catch (err) {
      const text = err instanceof AppError ? err.message.replace(/: invalid address$/, "") : String(err);
      throw ErrInvalidAddress.wrap(`Invalid fee payer address (${text})`);
    }
  }
  const sigs = tx.decoded.signatures;
  if (sigs.length === 0) throw ErrNoSignatures.wrap();
  const signers = tx.signers();
  if (sigs.length !== signers.length) {
    throw ErrUnauthorized.wrap(`wrong number of signers; expected ${signers.length}, got ${sigs.length}`);
  }
}
