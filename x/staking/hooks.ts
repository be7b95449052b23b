/**
 * StakingHooks (x/staking/types/expected_keepers.go in SDK v0.50) and the registry that calls them.
 *
 * Call points are the SDK's; every "after" hook runs after the write it reports:
 * - afterValidatorCreated: MsgCreateValidator, after the validator and its indexes are saved and
 *   before the self-delegation; InitGenesis for each validator unless the genesis is an export.
 * - beforeValidatorModified: MsgEditValidator when the commission changes (after the new rate is
 *   validated, before the save); Slash, before anything is slashed.
 * - afterValidatorRemoved: after the validator record and its indexes are deleted.
 * - afterValidatorBonded: after the validator is saved as Bonded (EndBlock set update).
 * - afterValidatorBeginUnbonding: after the validator is saved as Unbonding and queued.
 * - beforeDelegationCreated / beforeDelegationSharesModified: in Delegate, before coins move;
 *   beforeDelegationSharesModified also in Unbond, before shares are removed.
 * - beforeDelegationRemoved: in Unbond, before the emptied delegation is deleted.
 * - afterDelegationModified: after the delegation is saved (Delegate, Unbond when shares remain).
 * - beforeValidatorSlashed: in Slash, before the validator's tokens are burned, with the effective
 *   fraction burned/tokens (rounded up, at most 1).
 * - afterUnbondingInitiated: after a new unbonding entry, redelegation entry or validator unbonding
 *   is saved and indexed by its unbonding id.
 *
 * Failure policy (the SDK's, decided per hook):
 * - A throw from a hook inside a message (delegate, undelegate, redelegate, cancel, create, edit)
 *   fails that message: the tx branch is dropped with its writes and events.
 * - A throw from afterValidatorBonded / afterValidatorBeginUnbonding during EndBlock propagates out of
 *   the EndBlock and halts the chain (the SDK returns the error from EndBlocker, and baseapp panics):
 *   these hooks keep distribution/slashing bookkeeping consistent with the validator set.
 * - afterValidatorRemoved, afterUnbondingInitiated (for delegation and redelegation entries),
 *   beforeValidatorModified and beforeValidatorSlashed inside Slash: the SDK logs the error and
 *   carries on; so does plumed (keeper.ts catches and logs exactly there).
 *
 * A hook must not call back into anything that dispatches staking hooks: nested dispatch is a
 * programming error (cosmos-sdk #3174) and throws.
 */
import type { Context } from "../../app/context";
import type { Dec } from "../../app/math";

export interface StakingHooks {
  afterValidatorCreated?(ctx: Context, valAddr: Uint8Array): void;
  beforeValidatorModified?(ctx: Context, valAddr: Uint8Array): void;
  afterValidatorRemoved?(ctx: Context, consAddr: Uint8Array, valAddr: Uint8Array): void;
  afterValidatorBonded?(ctx: Context, consAddr: Uint8Array, valAddr: Uint8Array): void;
  afterValidatorBeginUnbonding?(ctx: Context, consAddr: Uint8Array, valAddr: Uint8Array): void;
  beforeDelegationCreated?(ctx: Context, delAddr: Uint8Array, valAddr: Uint8Array): void;
  beforeDelegationSharesModified?(ctx: Context, delAddr: Uint8Array, valAddr: Uint8Array): void;
  beforeDelegationRemoved?(ctx: Context, delAddr: Uint8Array, valAddr: Uint8Array): void;
  afterDelegationModified?(ctx: Context, delAddr: Uint8Array, valAddr: Uint8Array): void;
  beforeValidatorSlashed?(ctx: Context, valAddr: Uint8Array, fraction: Dec): void;
  afterUnbondingInitiated?(ctx: Context, id: bigint): void;
}

export type StakingHookName = keyof StakingHooks;

/**
 * The order hook sets run in, as simapp wires NewMultiStakingHooks(distr, slashing): distribution
 * first, so that rewards are settled (withdrawn, slash events recorded) against the state before
 * the change, then slashing, whose signing-info bookkeeping does not depend on distribution, then
 * gov (plumed's running tally, x/gov/hooks.ts), which reads only delegation shares.
 */
export const STAKING_HOOK_ORDER = ["distribution", "slashing", "gov"] as const;

/** A hook called back into staking in a way that dispatched another staking hook. */
export class HookReentrancyError extends Error {
  constructor(hook: string, running: string) {
    super(`staking hook ${hook} dispatched while ${running} is running: hooks must not call back into staking`);
    this.name = "HookReentrancyError";
  }
}

/**
 * Holds the hook sets of other modules and calls them in a fixed order, whatever the order of
 * registration. Each module registers once, before the first dispatch; anything else throws.
 */
export class StakingHooksRegistry {
  private readonly sets = new Map<string, StakingHooks>();
  private running: string | undefined;
  private sealed = false;

  constructor(readonly order: readonly string[] = STAKING_HOOK_ORDER) {
    if (new Set(order).size !== order.length) throw new Error("staking hook order lists a module twice");
  }

  register(module: string, hooks: StakingHooks): void {
    if (this.sealed) throw new Error(`staking hooks of ${module} registered after the first hook call`);
    if (!this.order.includes(module)) throw new Error(`module ${module} is not in the staking hook order (${this.order.join(", ")})`);
    if (this.sets.has(module)) throw new Error(`staking hooks of ${module} registered twice`);
    this.sets.set(module, hooks);
  }

  /** The registered modules, in call order. */
  registered(): string[] {
    return this.order.filter((m) => this.sets.has(m));
  }

  private dispatch(name: StakingHookName, call: (h: StakingHooks) => void): void {
    if (this.running !== undefined) throw new HookReentrancyError(name, this.running);
    this.sealed = true;
    this.running = name;
    try {
      for (const module of this.order) {
        const set = this.sets.get(module);
        if (set !== undefined) call(set);
      }
    } finally {
      this.running = undefined;
    }
  }

  afterValidatorCreated(ctx: Context, valAddr: Uint8Array): void {
    this.dispatch("afterValidatorCreated", (h) => h.afterValidatorCreated?.(ctx, valAddr));
  }

  beforeValidatorModified(ctx: Context, valAddr: Uint8Array): void {
    this.dispatch("beforeValidatorModified", (h) => h.beforeValidatorModified?.(ctx, valAddr));
  }

  afterValidatorRemoved(ctx: Context, consAddr: Uint8Array, valAddr: Uint8Array): void {
    this.dispatch("afterValidatorRemoved", (h) => h.afterValidatorRemoved?.(ctx, consAddr, valAddr));
  }

  afterValidatorBonded(ctx: Context, consAddr: Uint8Array, valAddr: Uint8Array): void {
    this.dispatch("afterValidatorBonded", (h) => h.afterValidatorBonded?.(ctx, consAddr, valAddr));
  }

  afterValidatorBeginUnbonding(ctx: Context, consAddr: Uint8Array, valAddr: Uint8Array): void {
    this.dispatch("afterValidatorBeginUnbonding", (h) => h.afterValidatorBeginUnbonding?.(ctx, consAddr, valAddr));
  }

  beforeDelegationCreated(ctx: Context, delAddr: Uint8Array, valAddr: Uint8Array): void {
    this.dispatch("beforeDelegationCreated", (h) => h.beforeDelegationCreated?.(ctx, delAddr, valAddr));
  }

  beforeDelegationSharesModified(ctx: Context, delAddr: Uint8Array, valAddr: Uint8Array): void {
    this.dispatch("beforeDelegationSharesModified", (h) => h.beforeDelegationSharesModified?.(ctx, delAddr, valAddr));
  }

  beforeDelegationRemoved(ctx: Context, delAddr: Uint8Array, valAddr: Uint8Array): void {
    this.dispatch("beforeDelegationRemoved", (h) => h.beforeDelegationRemoved?.(ctx, delAddr, valAddr));
  }

  afterDelegationModified(ctx: Context, delAddr: Uint8Array, valAddr: Uint8Array): void {
    this.dispatch("afterDelegationModified", (h) => h.afterDelegationModified?.(ctx, delAddr, valAddr));
  }

  beforeValidatorSlashed(ctx: Context, valAddr: Uint8Array, fraction: Dec): void {
    this.dispatch("beforeValidatorSlashed", (h) => h.beforeValidatorSlashed?.(ctx, valAddr, fraction));
  }

  afterUnbondingInitiated(ctx: Context, id: bigint): void {
    this.dispatch("afterUnbondingInitiated", (h) => h.afterUnbondingInitiated?.(ctx, id));
  }
}
