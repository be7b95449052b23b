import { ErrTooManySignatures } from "../../../app/errors";
import { countSubKeys } from "../../../app/crypto/keys";
import type { AnteDecorator } from "./ante";
import type { AccountKeeper } from "./expected-keepers";

/** ValidateSigCountDecorator: the keys given in the tx (multisig keys counted by leaf) may not exceed tx_sig_limit (sdk/14). */
export function newValidateSigCountDecorator(ak: AccountKeeper): AnteDecorator {
  return {
    name: "ValidateSigCount",
    anteHandle(ctx, env, next) {
      const limit = ak.getParams(ctx).txSigLimit;
      let count = 0;
      for (const pk of env.tx.pubKeys()) {
        count += countSubKeys(pk);
        if (BigInt(count) > limit) throw ErrTooManySignatures.wrap(`signatures: ${count}, limit: ${limit}`);
      }
      return next(ctx, env);
    },
  };
}
