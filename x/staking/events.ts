/**
 * x/staking's events, with the SDK v0.50 types, attribute keys and attribute order
 * (x/staking/types/events.go, keeper/msg_server.go, keeper/val_state_change.go).
 */
import { event, type AppEvent } from "../../app/events";

export const EventType = {
  CompleteUnbonding: "complete_unbonding",
  CompleteRedelegation: "complete_redelegation",
  CreateValidator: "create_validator",
  EditValidator: "edit_validator",
  Delegate: "delegate",
  Unbond: "unbond",
  CancelUnbondingDelegation: "cancel_unbonding_delegation",
  Redelegate: "redelegate",
} as const;

export const createValidatorEvent = (validator: string, amount: string): AppEvent =>
  event(EventType.CreateValidator, [
    { key: "validator", value: validator },
    { key: "amount", value: amount },
  ]);

export const editValidatorEvent = (commissionRate: string, minSelfDelegation: string): AppEvent =>
  event(EventType.EditValidator, [
    { key: "commission_rate", value: commissionRate },
    { key: "min_self_delegation", value: minSelfDelegation },
  ]);

export const delegateEvent = (validator: string, delegator: string, amount: string, newShares: string): AppEvent =>
  event(EventType.Delegate, [
    { key: "validator", value: validator },
    { key: "delegator", value: delegator },
    { key: "amount", value: amount },
    { key: "new_shares", value: newShares },
  ]);

export const redelegateEvent = (src: string, dst: string, amount: string, completionTime: string): AppEvent =>
  event(EventType.Redelegate, [
    { key: "source_validator", value: src },
    { key: "destination_validator", value: dst },
    { key: "amount", value: amount },
    { key: "completion_time", value: completionTime },
  ]);

export const unbondEvent = (validator: string, delegator: string, amount: string, completionTime: string): AppEvent =>
  event(EventType.Unbond, [
    { key: "validator", value: validator },
    { key: "delegator", value: delegator },
    { key: "amount", value: amount },
    { key: "completion_time", value: completionTime },
  ]);

export const cancelUnbondingDelegationEvent = (amount: string, validator: string, delegator: string, creationHeight: string): AppEvent =>
  event(EventType.CancelUnbondingDelegation, [
    { key: "amount", value: amount },
    { key: "validator", value: validator },
    { key: "delegator", value: delegator },
    { key: "creation_height", value: creationHeight },
  ]);

export const completeUnbondingEvent = (amount: string, validator: string, delegator: string): AppEvent =>
  event(EventType.CompleteUnbonding, [
    { key: "amount", value: amount },
    { key: "validator", value: validator },
    { key: "delegator", value: delegator },
  ]);

export const completeRedelegationEvent = (amount: string, delegator: string, src: string, dst: string): AppEvent =>
  event(EventType.CompleteRedelegation, [
    { key: "amount", value: amount },
    { key: "delegator", value: delegator },
    { key: "source_validator", value: src },
    { key: "destination_validator", value: dst },
  ]);
