import type { Context } from "../../../app/context";
import { AppError, ErrInsufficientFee, ErrInsufficientFunds, ErrInvalidGasLimit, ErrInvalidRequest, ErrOutOfGas, ErrPanic, ErrUnknownAddress } from "../../../app/errors";
import { event } from "../../../app/events";
import { Coin, Coins } from "../../../app/math/coins";
import { Dec } from "../../../app/math/dec";
import type { DecCoins } from "../../../app/math/dec-coins";
import { sdkPanic } from "../../../app/math/go-compat";
import type { SdkTx } from "../../../app/tx/tx";
import { isGenesisHeight, type AnteDecorator } from "./ante";
import type { AccountKeeper, BankKeeper, FeegrantKeeper } from "./expected-keepers";

export const FEE_COLLECTOR_NAME = "fee_collector";

const MAX_INT64 = (1n << 63n) - 1n;

/** Decides the fee to charge and the tx's priority, or throws (sdk.TxFeeChecker). */
export type TxFeeChecker = (ctx: Context, tx: SdkTx) => { fee: Coins; priority: bigint };

/**
 * The default fee checker (checkTxFeeWithValidatorMinGasPrices). In CheckTx only, with this node's
 * minimum gas prices set, the fee must cover ceil(price × gas) for ANY one of the priced denoms
 * (IsAnyGTE), else sdk/13. Priority is the smallest per-denom gas price (amount / gas, truncated).
 */
export function validatorMinGasPricesChecker(minGasPrices: DecCoins): TxFeeChecker {
  return (ctx, tx) => {
    const fee = tx.feeCoins();
    const gas = tx.gas();
    if (ctx.isCheckTx() && !minGasPrices.isZero()) {
      const gasDec = Dec.fromInt(gas);
      const required = Coins.unchecked(minGasPrices.toArray().map((gp) => Coin.of(gp.denom, gp.amount.mul(gasDec).ceil().roundInt())));
      if (!fee.isAnyGTE(required)) {
        throw ErrInsufficientFee.wrap(`insufficient fees; got: ${fee.toString()} required: ${required.toString()}`);
      }
    }
    return { fee, priority: txPriority(fee, gas) };
  };
}

/** getTxPriority: min over the fee coins of amount / gas (MaxInt64 when that overflows int64). */
export function txPriority(fee: Coins, gas: bigint): bigint {
  let priority = 0n;
  for (const c of fee) {
    if (gas === 0n) throw sdkPanic("division by zero");
    const price = c.amount.quo(gas).toBigInt();
    const p = price >= -MAX_INT64 - 1n && price <= MAX_INT64 ? price : MAX_INT64;
    if (priority === 0n || p < priority) priority = p;
  }
  return priority;
}

export interface DeductFeeOptions {
  readonly accountKeeper: AccountKeeper;
  readonly bankKeeper: BankKeeper;
  readonly feegrantKeeper?: FeegrantKeeper;
  readonly txFeeChecker: TxFeeChecker;
}

/**
 * DeductFeeDecorator: a positive gas limit is required outside simulation and genesis (sdk/41); the
 * fee checker runs (not in simulation); the fee goes from the payer (or the fee granter) to the
 * fee_collector module account; `tx{fee, fee_payer}` is emitted. An unknown payer is sdk/9; a payer
 * who cannot pay is sdk/5 wrapping the bank's error.
 */
export function newDeductFeeDecorator(opts: DeductFeeOptions): AnteDecorator {
  const ak = opts.accountKeeper;
  return {
    name: "DeductFee",
    anteHandle(ctx, env, next) {
      const tx = env.tx;
      if (!env.simulate && !isGenesisHeight(ctx) && tx.gas() === 0n) throw ErrInvalidGasLimit.wrap("must provide positive gas");
      let fee = tx.feeCoins();
      let priority = 0n;
      if (!env.simulate) ({ fee, priority } = opts.txFeeChecker(ctx, tx));
      checkDeductFee(ctx, tx, fee, opts);
      env.priority = priority;
      return next(ctx, env);
    },
  };

  function checkDeductFee(ctx: Context, tx: SdkTx, fee: Coins, o: DeductFeeOptions): void {
    try {
      ak.moduleAddress(FEE_COLLECTOR_NAME);
    } catch {
      throw new Error(`fee collector module account (${FEE_COLLECTOR_NAME}) has not been set`);
    }
    const payer = tx.feePayer();
    const granter = tx.feeGranter();
    let deductFrom = payer;
    if (granter !== undefined) {
      if (o.feegrantKeeper === undefined) throw ErrInvalidRequest.wrap("fee grants are not enabled");
      if (!equalBytes(granter, payer)) {
        try {
          o.feegrantKeeper.useGrantedFees(ctx, granter, payer, fee, tx.msgs.map((m) => m.msg));
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          throw err.wrap(`${ak.addresses.encodeAccount(granter)} does not allow to pay fees for ${ak.addresses.encodeAccount(payer)}`);
        }
      }
      deductFrom = granter;
    }
    const account = ak.getAccount(ctx, deductFrom);
    if (account === undefined) throw ErrUnknownAddress.wrap(`fee payer address: ${ak.addresses.encodeAccount(deductFrom)} does not exist`);
    if (!fee.isZero()) deductFees(o.bankKeeper, ctx, account.address, fee);
    ctx.events.emit(event("tx", { fee: fee.toString(), fee_payer: ak.addresses.encodeAccount(deductFrom) }));
  }
}

/** DeductFees: a valid fee set moves to fee_collector; a bank failure becomes sdk/5 around its text. */
export function deductFees(bank: BankKeeper, ctx: Context, from: Uint8Array, fees: Coins): void {
  if (!fees.isValid()) throw ErrInsufficientFee.wrap(`invalid fee amount: ${fees.toString()}`);
  try {
    bank.sendCoinsFromAccountToModule(ctx, from, FEE_COLLECTOR_NAME, fees);
  } catch (err) {
    // A panic (or out of gas) inside the bank stays what it is; an error is wrapped.
    if (ErrPanic.is(err) || ErrOutOfGas.is(err)) throw err;
    const text = err instanceof Error ? err.message : String(err);
    throw ErrInsufficientFunds.wrap(text);
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
