import { ErrTxTimeoutHeight } from "../../../app/errors";
import type { AnteDecorator } from "./ante";

/** TxTimeoutHeightDecorator: a tx with timeout_height > 0 is refused above that height (sdk/30). */
export function newTxTimeoutHeightDecorator(): AnteDecorator {
  return {
    name: "TxTimeoutHeight",
    anteHandle(ctx, env, next) {
      const timeout = env.tx.timeoutHeight;
      if (timeout > 0n && ctx.height > timeout) {
        throw ErrTxTimeoutHeight.wrap(`block height: ${ctx.height}, timeout height: ${timeout}`);
      }
      return next(ctx, env);
    },
  };
}
