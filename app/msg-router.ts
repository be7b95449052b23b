import { ErrUnknownRequest } from "./errors";
import type { MsgHandlerDef } from "./module";

/** Message handlers by type URL. Registering a type URL twice is a wiring bug and throws. */
export class MsgRouter {
  private readonly handlers = new Map<string, MsgHandlerDef<unknown>>();
  private readonly implementations = new Set<string>();

  register<M>(def: MsgHandlerDef<M>): void {
    if (this.handlers.has(def.typeUrl)) throw new Error(`msg handler for ${def.typeUrl} registered twice`);
    this.handlers.set(def.typeUrl, def);
  }

  handler(typeUrl: string): MsgHandlerDef<unknown> {
    const def = this.handlers.get(typeUrl);
    if (!def) throw ErrUnknownRequest.wrap(`no message handler found for ${JSON.stringify(typeUrl)}`);
    return def;
  }

  has(typeUrl: string): boolean {
    return this.handlers.has(typeUrl);
  }

  /**
   * A non-message type a message may carry in an Any (the SDK's RegisterImplementations, e.g. gov
   * v1beta1's TextProposal content): the tx decoder resolves it like a message.
   */
  registerImplementation(typeUrl: string): void {
    if (this.implementations.has(typeUrl) || this.handlers.has(typeUrl)) throw new Error(`implementation ${typeUrl} registered twice`);
    this.implementations.add(typeUrl);
  }

  hasImplementation(typeUrl: string): boolean {
    return this.implementations.has(typeUrl);
  }

  typeUrls(): string[] {
    return [...this.handlers.keys()].sort();
  }
}
