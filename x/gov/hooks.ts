/**
 * x/gov's staking hooks (plumed's; the SDK's gov registers none): they keep the running tally
 * (tally.ts) current when a delegator who voted on a proposal in its voting period changes a
 * delegation. Registered once into staking's registry by the app (chain/app.ts), after slashing's.
 *
 * - beforeDelegationSharesModified: the delegation's current shares leave the tallies of the
 *   proposals its delegator voted on (Delegate to an existing delegation, Unbond, and the unbond
 *   half of a redelegation).
 * - afterDelegationModified: its new shares enter them (after the save; a delegation removed by
 *   Unbond never comes back, so its shares stay out).
 * A new delegation (beforeDelegationCreated) has no shares to remove. Slashing changes tokens, not
 * shares: the tally reads each validator's tokens when it is computed.
 *
 * The work is proportional to the proposals in their voting period the delegator voted on, and is
 * not charged as gas (docs/gov.md). A failure fails the staking message, as any hook's does.
 */
import type { Context } from "../../app/context";
import type { StakingHooks } from "../staking";
import type { GovPoolHooks } from "./expected-keepers";
import type { GovKeeper } from "./keeper";

export function govStakingHooks(k: GovKeeper): StakingHooks {
  return {
    beforeDelegationSharesModified(ctx: Context, delAddr: Uint8Array, valAddr: Uint8Array): void {
      k.delegationChanged(ctx, delAddr, valAddr, -1n);
    },
    afterDelegationModified(ctx: Context, delAddr: Uint8Array, valAddr: Uint8Array): void {
      k.delegationChanged(ctx, delAddr, valAddr, 1n);
    },
  };
}

/**
 * x/gov's hooks into x/restaking (plumed's): a voting member's units in a validator's pool leave
 * the running pool tallies before they change and enter them after (joining, leaving, a partial
 * exit for a standard unbond). Registered by the app (chain/app.ts) with RestakingKeeper.setHooks.
 */
export function govRestakingHooks(k: GovKeeper): GovPoolHooks {
  return {
    beforeMemberUnitsModified(ctx: Context, delegator: Uint8Array, validator: Uint8Array): void {
      k.memberUnitsChanged(ctx, delegator, validator, -1n);
    },
    afterMemberUnitsModified(ctx: Context, delegator: Uint8Array, validator: Uint8Array): void {
      k.memberUnitsChanged(ctx, delegator, validator, 1n);
    },
  };
}
