/**
 * Messages executed on behalf of a module account rather than signed by a user: what x/gov does
 * with the messages of a passed proposal (the SDK's MsgServiceRouter used from gov's EndBlocker).
 * They go through the same router and checks as a tx's messages: the type URL must be routable,
 * the bytes must decode, `validateBasic` must pass, and every signer the message names must be the
 * authority executing it.
 *
 * `execute` runs the list atomically: each message on its own branch of one list branch, the list
 * branch written only when every message succeeded. The first failure throws (wrapped with its
 * message index, as runMsgs does) and leaves the caller's state untouched. The events returned are
 * the messages' own (the SDK's handler results), for the caller to emit when it decides to.
 */
import type { Any } from "cosmjs-types/google/protobuf/any";
import type { Context } from "./context";
import { AppError, ErrInvalidRequest, ErrTxDecode, ErrUnauthorized } from "./errors";
import { EventManager, type AppEvent } from "./events";
import type { MsgHandlerDef, MsgResponse } from "./module";
import { wrapError } from "./tx/errors";

/** What the executor needs from the app's message router. */
export interface AuthorityMsgRouter {
  has(typeUrl: string): boolean;
  handler(typeUrl: string): MsgHandlerDef<unknown>;
}

/** A message resolved against the router: its handler and decoded value. */
export interface RoutedMsg {
  readonly typeUrl: string;
  readonly def: MsgHandlerDef<unknown>;
  readonly msg: unknown;
}

export interface AuthorityExecution {
  readonly responses: readonly MsgResponse[];
  readonly events: readonly AppEvent[];
}

export class AuthorityMsgExecutor {
  constructor(private readonly router: AuthorityMsgRouter) {}

  /**
   * Resolves and checks messages without running them (a proposal's messages at submission):
   * routable (sdk/6), decodable (sdk/2), validateBasic, and signed by `authority` alone (sdk/4).
   */
  validate(anys: readonly Any[], authority: string): RoutedMsg[] {
    return anys.map((any, i) => {
      const routed = this.route(any, i);
      routed.def.validateBasic?.(routed.msg);
      const signers = routed.def.signers(routed.msg);
      if (signers.length !== 1 || signers[0] !== authority) {
        throw ErrUnauthorized.wrap(`message ${i} (${any.typeUrl}) must be signed by ${authority} alone, not ${signers.join(", ")}`);
      }
      return routed;
    });
  }

  /** Runs the messages as `authority`; throws on the first failure with nothing written. */
  execute(ctx: Context, anys: readonly Any[], authority: string): AuthorityExecution {
    const msgs = this.validate(anys, authority);
    const listCtx = ctx.branch();
    const responses: MsgResponse[] = [];
    const events: AppEvent[] = [];
    msgs.forEach((m, i) => {
      const msgCtx = listCtx.branch().withEventManager(new EventManager());
      try {
        responses.push(m.def.handle(msgCtx, m.msg));
      } catch (err) {
        throw wrapError(err, `failed to execute message; message index: ${i}`);
      }
      msgCtx.multiStore.write();
      events.push(...msgCtx.events.events());
    });
    listCtx.multiStore.write();
    return { responses, events };
  }

  private route(any: Any, index: number): RoutedMsg {
    if (!this.router.has(any.typeUrl)) throw ErrInvalidRequest.wrap(`message ${index}: no message handler found for ${JSON.stringify(any.typeUrl)}`);
    const def = this.router.handler(any.typeUrl);
    let msg: unknown;
    try {
      msg = def.codec.decode(any.value);
    } catch (err) {
      throw new AppError(ErrTxDecode.codespace, ErrTxDecode.code, `message ${index} (${any.typeUrl}): ${(err as Error).message}: ${ErrTxDecode.description}`);
    }
    return { typeUrl: any.typeUrl, def, msg };
  }
}
