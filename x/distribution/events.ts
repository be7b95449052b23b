/**
 * x/distribution's events, with the SDK v0.50 types, attribute keys and order
 * (x/distribution/types/events.go; keeper/{allocation,keeper,delegation}.go).
 */
import { event, type AppEvent } from "../../app/events";

export const commissionEvent = (amount: string, validator: string): AppEvent =>
  event("commission", [
    { key: "amount", value: amount },
    { key: "validator", value: validator },
  ]);

export const rewardsEvent = (amount: string, validator: string): AppEvent =>
  event("rewards", [
    { key: "amount", value: amount },
    { key: "validator", value: validator },
  ]);

export const withdrawRewardsEvent = (amount: string, validator: string, delegator: string): AppEvent =>
  event("withdraw_rewards", [
    { key: "amount", value: amount },
    { key: "validator", value: validator },
    { key: "delegator", value: delegator },
  ]);

export const withdrawCommissionEvent = (amount: string): AppEvent => event("withdraw_commission", [{ key: "amount", value: amount }]);

export const setWithdrawAddressEvent = (withdrawAddress: string): AppEvent => event("set_withdraw_address", [{ key: "withdraw_address", value: withdrawAddress }]);
