import { AppError, ErrInternal, ErrorDef, registerError } from "../../app/errors";

/** Codespace "bank" (x/bank/types/errors.go, SDK v0.50). */
export const BANK_CODESPACE = "bank";
export const ErrNoInputs = registerError(BANK_CODESPACE, 2, "no inputs to send transaction");
export const ErrNoOutputs = registerError(BANK_CODESPACE, 3, "no outputs to send transaction");
export const ErrInputOutputMismatch = registerError(BANK_CODESPACE, 4, "sum inputs != sum outputs");
export const ErrSendDisabled = registerError(BANK_CODESPACE, 5, "send transactions are disabled");
export const ErrDenomMetadataNotFound = registerError(BANK_CODESPACE, 6, "client denom metadata not found");
export const ErrInvalidKey = registerError(BANK_CODESPACE, 7, "invalid key");
export const ErrDuplicateEntry = registerError(BANK_CODESPACE, 8, "duplicate entry");
export const ErrMultipleSenders = registerError(BANK_CODESPACE, 9, "multiple senders not allowed");

/** x/gov's ErrInvalidSigner (gov/13): bank's authority-gated messages answer with it, as in the SDK. */
export { ErrInvalidSigner } from "../gov/errors";

/**
 * A plain Go error (errors.New / fmt.Errorf): no registered code, so baseapp reports ABCI code 1 in
 * codespace "undefined" with the text as the log, exactly; in a query it is not a gRPC status.
 */
export function goError(message: string): AppError {
  return new AppError(ErrInternal.codespace, ErrInternal.code, message);
}

/**
 * errorsmod.Wrap(def, context) with the context printed even when empty: Wrap(ErrInvalidCoins, "")
 * reads ": invalid coins" in Go (ErrorDef.wrap drops an empty context).
 */
export function wrapExact(def: ErrorDef, context: string): AppError {
  return new AppError(def.codespace, def.code, `${context}: ${def.description}`);
}
