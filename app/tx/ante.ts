/**
 * The ante handler contract (the SDK's types/handler.go): the checks and charges every tx passes
 * before its messages run. The tx pipeline runs whatever handler the composition root gives it
 * (x/auth's default chain in plumed); decorators run in a fixed order, each calling the next.
 *
 * Contract of a decorator:
 * - It MAY replace the context it passes on (SetUpContext installs the tx gas meter) and MUST
 *   return what the rest of the chain returned.
 * - It MUST report a failure by throwing an AppError with the SDK's codespace/code/text; a Go
 *   `panic` is an ErrPanic-coded AppError (see sdkPanic). Anything else thrown is reported as the
 *   SDK reports an unregistered error (code 1).
 * - It writes only through the context's store; the pipeline keeps those writes only if the whole
 *   chain succeeds.
 */
import type { Context } from "../context";
import type { SdkTx } from "./tx";

/** What one tx's ante run reads and produces besides the context. */
export interface AnteEnv {
  readonly tx: SdkTx;
  readonly simulate: boolean;
  /** Set by DeductFee: the tx's mempool priority. */
  priority: bigint;
}

export type AnteHandler = (ctx: Context, env: AnteEnv) => Context;

export interface AnteDecorator {
  readonly name: string;
  anteHandle(ctx: Context, env: AnteEnv, next: AnteHandler): Context;
}

/**
 * A failed ante run: the error and the context the failing step ran with, whose gas meter says how
 * much gas the tx used (the SDK reports the ante's meter on failure).
 */
export class AnteFailure extends Error {
  constructor(
    override readonly cause: unknown,
    readonly ctx: Context,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
    this.name = "AnteFailure";
  }
}

/** Chains decorators into one handler (sdk.ChainAnteDecorators). */
export function chainAnteDecorators(decorators: readonly AnteDecorator[]): AnteHandler {
  const terminal: AnteHandler = (ctx) => ctx;
  let next = terminal;
  for (let i = decorators.length - 1; i >= 0; i--) {
    const decorator = decorators[i] as AnteDecorator;
    const inner = next;
    next = (ctx, env) => {
      try {
        return decorator.anteHandle(ctx, env, inner);
      } catch (err) {
        if (err instanceof AnteFailure) throw err;
        throw new AnteFailure(err, ctx);
      }
    };
  }
  return next;
}

