/**
 * How a failure inside the tx pipeline becomes an ABCI result, as baseapp reports it
 * (cosmossdk.io/errors ABCIInfo with Redact, and baseapp's panic recovery):
 *
 * - an AppError keeps its codespace/code, and its text is the log;
 * - an ErrPanic-coded AppError (what a Go panic becomes) is reported as undefined/111222 with the
 *   log "panic";
 * - a plain `Error` (what Go returns as an unregistered error, fmt.Errorf) is undefined/1 "internal";
 * - anything else thrown (a TypeError, RangeError... a bug: Go's runtime panic) is a panic too.
 *
 * These are deterministic: the same tx fails the same way on every node. Logs are not part of the
 * consensus results hash either way.
 */
import { AppError, ErrInternal, ErrOutOfGas, ErrPanic } from "../errors";

export type FailureKind = "error" | "panic";

export interface AbciErrorInfo {
  readonly codespace: string;
  readonly code: number;
  readonly log: string;
}

/** Whether Go would have panicked (recovered in runTx) rather than returned an error. */
export function isPanic(err: unknown): boolean {
  if (err instanceof AppError) return ErrPanic.is(err);
  return !(err instanceof Error && err.constructor === Error);
}

/** An out-of-gas panic, which baseapp's recovery turns into sdk/11 with its text. */
export function isOutOfGas(err: unknown): boolean {
  return ErrOutOfGas.is(err);
}

export function txErrorInfo(err: unknown): AbciErrorInfo {
  if (err instanceof AppError) {
    if (ErrPanic.is(err)) return { codespace: ErrPanic.codespace, code: ErrPanic.code, log: ErrPanic.description };
    return { codespace: err.codespace, code: err.code, log: err.message };
  }
  if (isPanic(err)) return { codespace: ErrPanic.codespace, code: ErrPanic.code, log: ErrPanic.description };
  return { codespace: ErrInternal.codespace, code: ErrInternal.code, log: ErrInternal.description };
}

/** errorsmod.Wrapf(err, context): same code; a plain error stays unregistered (code 1). */
export function wrapError(err: unknown, context: string): unknown {
  if (err instanceof AppError) return err.wrap(context);
  if (err instanceof Error && err.constructor === Error) return new Error(`${context}: ${err.message}`);
  return err;
}
