import { ErrUnknownExtensionOptions } from "../../../app/errors";
import type { TxAny } from "../../../app/tx/decode";
import type { AnteDecorator } from "./ante";

/** Decides whether an extension option is allowed; plumed accepts none (the SDK's default). */
export type ExtensionOptionChecker = (option: TxAny) => boolean;

export const rejectExtensionOption: ExtensionOptionChecker = () => false;

/**
 * ExtensionOptionsDecorator: every (critical) extension option must pass the checker, else sdk/31
 * "unknown extension options". Non-critical extension options are not checked.
 */
export function newExtensionOptionsDecorator(checker: ExtensionOptionChecker = rejectExtensionOption): AnteDecorator {
  return {
    name: "ExtensionOptions",
    anteHandle(ctx, env, next) {
      for (const option of env.tx.decoded.body.extensionOptions) {
        if (!checker(option)) throw ErrUnknownExtensionOptions.wrap();
      }
      return next(ctx, env);
    },
  };
}
