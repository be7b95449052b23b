import { consumeCircuitBreakerGas } from "../../../app/gas";
import type { AnteDecorator } from "./ante";

/**
 * What simapp's CircuitBreakerDecorator costs: one disabled-list lookup per message. plumed has no
 * circuit breaker, so nothing is refused here; only the gas is charged (see consumeCircuitBreakerGas).
 */
export function newCircuitBreakerGasDecorator(): AnteDecorator {
  return {
    name: "CircuitBreakerGas",
    anteHandle(ctx, env, next) {
      for (let i = 0; i < env.tx.msgs.length; i++) consumeCircuitBreakerGas(ctx.gasMeter);
      return next(ctx, env);
    },
  };
}
