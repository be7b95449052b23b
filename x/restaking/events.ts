/**
 * x/restaking's events (plumed's own): one per pool per compounding, one per join and leave.
 * Amounts are coin strings ("1200uplume"), shares and units LegacyDec texts.
 */
import { event, type AppEvent } from "../../app/events";

export const EventType = { Compound: "restaking_compound", Join: "restaking_join", Leave: "restaking_leave", Restake: "restaking_restake" } as const;

export interface CompoundEvent {
  readonly validator: string;
  /** The rewards withdrawn from distribution for the pool. */
  readonly rewards: string;
  /** The bond-denom tokens delegated back to the validator. */
  readonly compounded: string;
  /** Bond-denom tokens kept idle because of the decentralization cap. */
  readonly heldBack: string;
  /** The validator's tokens afterwards. */
  readonly newTokens: string;
}

export const compoundEvent = (e: CompoundEvent): AppEvent =>
  event(EventType.Compound, [
    { key: "validator", value: e.validator },
    { key: "rewards", value: e.rewards },
    { key: "compounded", value: e.compounded },
    { key: "held_back", value: e.heldBack },
    { key: "new_tokens", value: e.newTokens },
  ]);

export const joinEvent = (delegator: string, validator: string, shares: string, units: string): AppEvent =>
  event(EventType.Join, [
    { key: "delegator", value: delegator },
    { key: "validator", value: validator },
    { key: "shares", value: shares },
    { key: "units", value: units },
  ]);

export const leaveEvent = (delegator: string, validator: string, shares: string, units: string, idle: string): AppEvent =>
  event(EventType.Leave, [
    { key: "delegator", value: delegator },
    { key: "validator", value: validator },
    { key: "shares", value: shares },
    { key: "units", value: units },
    { key: "idle", value: idle },
  ]);

/** MsgRestakeRewards: what was withdrawn (from how many delegations) and delegated to `validator`. */
export const restakeEvent = (delegator: string, validator: string, withdrawn: string, delegationCount: number, amount: string): AppEvent =>
  event(EventType.Restake, [
    { key: "delegator", value: delegator },
    { key: "validator", value: validator },
    { key: "withdrawn", value: withdrawn },
    { key: "delegations", value: delegationCount.toString() },
    { key: "amount", value: amount },
  ]);
