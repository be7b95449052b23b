import { Params } from "cosmjs-types/cosmos/bank/v1beta1/bank";
import { goError } from "./errors";

/** x/bank defaults (x/bank/types/params.go): no per-denom overrides, sending enabled. */
export function defaultBankParams(): Params {
  return Params.fromPartial({ sendEnabled: [], defaultSendEnabled: true });
}

/**
 * Params.Validate: the per-denom list inside params is deprecated since v0.47 (overrides live in
 * their own store entries, set by MsgSetSendEnabled or genesis `send_enabled`).
 */
export function validateBankParams(params: Params): void {
  if (params.sendEnabled.length > 0) throw goError("use of send_enabled in params is no longer supported");
}
