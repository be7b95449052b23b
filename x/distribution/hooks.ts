/**
 * x/distribution's staking hooks (SDK v0.50 x/distribution/keeper/hooks.go), registered first in
 * STAKING_HOOK_ORDER so that rewards are settled against the state before each change:
 * - afterValidatorCreated: the validator's F1 records (period 0, current period 1).
 * - beforeDelegationCreated: closes the validator's period, so a new delegation starts on a fresh one.
 * - beforeDelegationSharesModified: withdraws the delegation's rewards (any delegate, undelegate or
 *   redelegate of an existing delegation pays them out, as on a Go node).
 * - afterDelegationModified: the delegation's new starting info (period, stake, height).
 * - beforeValidatorSlashed: a new period and a slash event, so rewards across the slash are exact.
 * - afterValidatorRemoved: commission paid out, the rest to the community pool, records deleted.
 * Failures follow staking's policy (x/staking/hooks.ts): they fail the message, or halt the chain
 * in EndBlock; in Slash and after a removal staking logs them and carries on, as the SDK does.
 */
import type { Context } from "../../app/context";
import type { Dec } from "../../app/math";
import type { StakingHooks } from "../staking";
import type { DistributionKeeper } from "./keeper";

export function distributionStakingHooks(k: DistributionKeeper): StakingHooks {
  return {
    afterValidatorCreated(ctx: Context, valAddr: Uint8Array): void {
      k.initializeValidator(ctx, k.staking.requireValidator(ctx, valAddr));
    },
    afterValidatorRemoved(ctx: Context, _consAddr: Uint8Array, valAddr: Uint8Array): void {
      k.afterValidatorRemoved(ctx, valAddr);
    },
    beforeDelegationCreated(ctx: Context, _delAddr: Uint8Array, valAddr: Uint8Array): void {
      k.incrementPeriod(ctx, k.staking.requireValidator(ctx, valAddr));
    },
    beforeDelegationSharesModified(ctx: Context, delAddr: Uint8Array, valAddr: Uint8Array): void {
      const v = k.staking.requireValidator(ctx, valAddr);
      const d = k.staking.requireDelegation(ctx, delAddr, valAddr);
      k.withdrawDelegationRewards(ctx, v, d);
    },
    afterDelegationModified(ctx: Context, delAddr: Uint8Array, valAddr: Uint8Array): void {
      k.initializeDelegation(ctx, valAddr, delAddr);
    },
    beforeValidatorSlashed(ctx: Context, valAddr: Uint8Array, fraction: Dec): void {
      k.updateValidatorSlashFraction(ctx, valAddr, fraction);
    },
  };
}
