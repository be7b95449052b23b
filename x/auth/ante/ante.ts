/**
 * x/auth's ante decorators implement the tx pipeline's ante contract (app/tx/ante.ts).
 */
import type { Context } from "../../../app/context";

export { AnteFailure, chainAnteDecorators, type AnteDecorator, type AnteEnv, type AnteHandler } from "../../../app/tx/ante";

/**
 * The SDK's "block height 0" rules (infinite gas, no positive-gas requirement, account number 0 in
 * sign bytes): they apply to gentxs of a new chain, which InitChain runs at height 0. A chain
 * starting above height 1 runs InitChain at its initial height, where none of them apply.
 */
export function isGenesisHeight(ctx: Context): boolean {
  return ctx.height === 0n;
}
