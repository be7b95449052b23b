import type { Event as AbciEvent } from "cosmjs-types/tendermint/abci/types";

/**
 * Typed events as the SDK emits them. Every attribute is indexed (index=true), as the SDK does when
 * the app's index-events list is empty, so CometBFT's kv indexer can answer `tx_search` on any of
 * them (cosmjs searchTx by sender/recipient).
 */
export interface EventAttribute {
  readonly key: string;
  readonly value: string;
}

export interface AppEvent {
  readonly type: string;
  readonly attributes: readonly EventAttribute[];
}

export function event(type: string, attributes: Readonly<Record<string, string>> | readonly EventAttribute[]): AppEvent {
  // Attribute order is part of the event; records keep insertion order, which the caller fixes.
  const list = Array.isArray(attributes)
    ? (attributes as readonly EventAttribute[])
    : // deterministic: the record is the caller's literal, so its order is the order written in the code
      Object.entries(attributes as Readonly<Record<string, string>>).map(([key, value]) => ({ key, value }));
  return { type, attributes: list };
}

/** Collects the events of one execution scope (a message, a tx, a begin/end block). */
export class EventManager {
  private readonly list: AppEvent[] = [];

  emit(e: AppEvent): void {
    this.list.push(e);
  }

  emitAll(events: readonly AppEvent[]): void {
    for (const e of events) this.list.push(e);
  }

  events(): readonly AppEvent[] {
    return this.list;
  }
}

/** Adds one attribute to every event (msg_index on message events, mode on block events). */
export function withAttribute(events: readonly AppEvent[], key: string, value: string): AppEvent[] {
  return events.map((e) => ({ type: e.type, attributes: [...e.attributes, { key, value }] }));
}

export function toAbciEvents(events: readonly AppEvent[]): AbciEvent[] {
  return events.map((e) => ({
    type: e.type,
    attributes: e.attributes.map((a) => ({ key: a.key, value: a.value, index: true })),
  }));
}
