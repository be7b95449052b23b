/**
 * x/slashing's staking hooks (x/slashing/keeper/hooks.go in SDK v0.50), registered once into
 * staking's registry by the app (chain/app.ts), after distribution's.
 *
 * - afterValidatorCreated: records the address-pubkey relation (x/evidence checks it before
 *   handling a double sign). A failure fails the MsgCreateValidator.
 * - afterValidatorBonded: gives the validator signing info starting at this height, or moves the
 *   start of an existing one here (its window then ignores the blocks before it). Runs in
 *   EndBlock; a failure halts the chain (staking's policy, hooks.ts there).
 * - afterValidatorRemoved: drops the address-pubkey relation. Signing info stays, as in the SDK:
 *   it is what the signing-infos query and a later re-creation with the same key see.
 */
import type { Context } from "../../app/context";
import type { StakingHooks } from "../staking";
import type { SlashingKeeper } from "./keeper";
import { UNIX_EPOCH } from "./keeper";

export function slashingStakingHooks(k: SlashingKeeper): StakingHooks {
  return {
    afterValidatorCreated(ctx: Context, valAddr: Uint8Array): void {
      const validator = k.staking.requireValidator(ctx, valAddr);
      if (validator.consensusPubkey === undefined) throw new Error(`validator ${validator.operatorAddress} has no consensus key`);
      k.addPubkey(ctx, k.staking.consAddress(validator), validator.consensusPubkey);
    },
    afterValidatorBonded(ctx: Context, consAddr: Uint8Array): void {
      const existing = k.getSigningInfo(ctx, consAddr);
      k.setSigningInfo(
        ctx,
        consAddr,
        existing !== undefined
          ? { ...existing, startHeight: ctx.height }
          : {
              address: k.addresses.encodeConsensus(consAddr),
              startHeight: ctx.height,
              indexOffset: 0n,
              jailedUntil: UNIX_EPOCH,
              tombstoned: false,
              missedBlocksCounter: 0n,
            },
      );
    },
    afterValidatorRemoved(ctx: Context, consAddr: Uint8Array): void {
      k.deletePubkey(ctx, consAddr);
    },
  };
}
