import type { DeliverTxResponse } from "@cosmjs/stargate";
import type { JsonValue } from "../../app/module";
import { DENOM } from "./clients";

interface EventLike {
  readonly type: string;
  readonly attributes: readonly { readonly key: string; readonly value: string }[];
}

/**
 * What these events paid `delegator` in rewards: the sum of their `withdraw_rewards` events
 * (x/distribution withdraws a delegation's rewards whenever the delegation changes, as the SDK
 * does, also when a slash unbonds part of a redelegation).
 */
export function rewardsPaidIn(events: readonly EventLike[], delegator: string): bigint {
  let total = 0n;
  for (const e of events) {
    if (e.type !== "withdraw_rewards") continue;
    const attr = (key: string): string => e.attributes.find((a) => a.key === key)?.value ?? "";
    if (attr("delegator") !== delegator) continue;
    const m = new RegExp(`^([0-9]+)${DENOM}$`).exec(attr("amount"));
    if (m?.[1] !== undefined) total += BigInt(m[1]);
  }
  return total;
}

/** What a tx paid `delegator` in rewards. */
export function withdrawnRewards(res: DeliverTxResponse, delegator: string): bigint {
  return rewardsPaidIn(res.events, delegator);
}

/**
 * A devnet genesis edit: x/mint mints nothing (inflation held at 0), so that a block with no fees
 * moves no coin (used in createDevnet's editGenesis).
 */
export function noInflation(appState: Record<string, JsonValue>): void {
  const mint = appState["mint"] as { params: Record<string, JsonValue> };
  appState["mint"] = { minter: { inflation: "0", annual_provisions: "0" }, params: { ...mint.params, inflation_min: "0", inflation_max: "0" } };
}
