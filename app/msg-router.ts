import { ErrUnknownRequest } from "./errors";
import type { MsgHandlerDef } from "./module";

/** Message handlers by type URL. Registering a type URL twice is a wiring bug and throws. */
export class MsgRouter {
  private readonly handlers = new Map<string, MsgHandlerDef<unknown>>();

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

  typeUrls(): string[] {
    return [...this.handlers.keys()].sort();
  }
}
