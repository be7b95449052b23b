import { ErrMemoTooLarge } from "../../../app/errors";
import type { AnteDecorator } from "./ante";
import type { AccountKeeper } from "./expected-keepers";

/**
 * ValidateMemoDecorator: the memo's length in bytes (as Go's len counts a string) must not exceed
 * the max_memo_characters param (sdk/12). Params are read (and charged for) only for a non-empty memo.
 */
export function newValidateMemoDecorator(ak: AccountKeeper): AnteDecorator {
  return {
    name: "ValidateMemo",
    anteHandle(ctx, env, next) {
      const length = env.tx.memoByteLength;
      if (length > 0) {
        const max = ak.getParams(ctx).maxMemoCharacters;
        if (BigInt(length) > max) {
          throw ErrMemoTooLarge.wrap(`maximum number of characters is ${max} but received ${length} characters`);
        }
      }
      return next(ctx, env);
    },
  };
}
