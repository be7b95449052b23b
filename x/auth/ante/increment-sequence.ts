import { sdkPanic } from "../../../app/math/go-compat";
import type { AnteDecorator } from "./ante";
import type { AccountKeeper } from "./expected-keepers";

/**
 * IncrementSequenceDecorator: every signer's sequence goes up by one (replay protection). It runs
 * in CheckTx too, on the check state, so several txs of one account fit in one block.
 */
export function newIncrementSequenceDecorator(ak: AccountKeeper): AnteDecorator {
  return {
    name: "IncrementSequence",
    anteHandle(ctx, env, next) {
      for (const signer of env.tx.signers()) {
        const account = ak.getAccount(ctx, signer);
        if (account === undefined) throw sdkPanic("runtime error: invalid memory address or nil pointer dereference");
        ak.setAccount(ctx, { ...account, sequence: account.sequence + 1n });
      }
      return next(ctx, env);
    },
  };
}
