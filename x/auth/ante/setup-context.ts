import { ErrInvalidGasLimit } from "../../../app/errors";
import { BasicGasMeter, infiniteGasMeter, type GasMeter } from "../../../app/gas";
import type { Context } from "../../../app/context";
import { AnteFailure, isGenesisHeight, type AnteDecorator } from "./ante";

/**
 * SetUpContextDecorator (outermost): installs the tx's gas meter, limited to the tx's gas limit
 * (infinite when simulating and at genesis), and refuses a gas limit above the block's max gas.
 * An out-of-gas anywhere later in the chain surfaces as sdk/11 "out of gas in location: X;
 * gasWanted: N, gasUsed: M" (OutOfGasError carries that text).
 */
export function newSetUpContextDecorator(): AnteDecorator {
  return {
    name: "SetUpContext",
    anteHandle(ctx, env, next) {
      const gas = env.tx.gas();
      const newCtx = ctx.withGasMeter(txGasMeter(env.simulate, ctx, gas));
      const maxGas = ctx.consensusParams?.block?.maxGas;
      if (maxGas !== undefined && maxGas > 0n && gas > maxGas) {
        throw new AnteFailure(ErrInvalidGasLimit.wrap(`tx gas limit ${gas} exceeds block max gas ${maxGas}`), newCtx);
      }
      return next(newCtx, env);
    },
  };
}

/** SetGasMeter: no metering when simulating or at genesis. */
export function txGasMeter(simulate: boolean, ctx: Context, gasLimit: bigint): GasMeter {
  if (simulate || isGenesisHeight(ctx)) return infiniteGasMeter();
  return new BasicGasMeter(gasLimit);
}
