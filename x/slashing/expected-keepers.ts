/**
 * What x/slashing needs from x/staking (x/slashing/types/expected_keepers.go in SDK v0.50),
 * narrowed to what it calls. Slashing never imports staking's keeper: the app hands it one that
 * satisfies this. Getters that the SDK makes return staking's own not-found errors are the
 * `require*` ones, so that MsgUnjail answers what a Go node answers.
 */
import type { Delegation, Validator } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import type { AddressCodec } from "../../app/address";
import type { Context } from "../../app/context";
import type { Dec, Int } from "../../app/math";

export interface SlashingStakingKeeper {
  readonly addresses: AddressCodec;
  getValidator(ctx: Context, operator: Uint8Array): Validator | undefined;
  /** GetValidator: staking's ErrNoValidatorFound (staking/3) when there is none. */
  requireValidator(ctx: Context, operator: Uint8Array): Validator;
  getValidatorByConsAddr(ctx: Context, consAddr: Uint8Array): Validator | undefined;
  /** IterateValidators (InitGenesis records every validator's consensus key). */
  iterateValidators(ctx: Context): Iterable<Validator>;
  /** GetDelegation: staking's ErrNoDelegation (staking/19) when there is none. */
  requireDelegation(ctx: Context, delegator: Uint8Array, validator: Uint8Array): Delegation;
  /** The consensus address of a validator's consensus key. */
  consAddress(v: Validator): Uint8Array;
  /** Slash (SlashWithInfractionReason): returns what was burned from the validator's own tokens. */
  slash(ctx: Context, consAddr: Uint8Array, infractionHeight: bigint, power: bigint, fraction: Dec): Int;
  jail(ctx: Context, consAddr: Uint8Array): void;
  /** Unjail; plumed's staking refuses a return to the set above the decentralization cap. */
  unjail(ctx: Context, consAddr: Uint8Array): void;
}
