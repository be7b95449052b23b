import type { DeliverTxResponse } from "@cosmjs/stargate";
import { DENOM } from "./clients";

/**
 * What a tx paid `delegator` in rewards: the sum of its `withdraw_rewards` events (x/distribution
 * withdraws a delegation's rewards whenever the delegation changes, as the SDK does).
 */
export function withdrawnRewards(res: DeliverTxResponse, delegator: string): bigint {
  let total = 0n;
  for (const e of res.events) {
    if (e.type !== "withdraw_rewards") continue;
    const attr = (key: string): string => e.attributes.find((a) => a.key === key)?.value ?? "";
    if (attr("delegator") !== delegator) continue;
    const m = new RegExp(`^([0-9]+)${DENOM}$`).exec(attr("amount"));
    if (m?.[1] !== undefined) total += BigInt(m[1]);
  }
  return total;
}
