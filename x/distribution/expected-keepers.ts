/**
 * What x/distribution needs from other modules (x/distribution/types/expected_keepers.go in SDK
 * v0.50), narrowed to what it calls. Getters that the SDK makes return staking's own not-found
 * errors are the `require*` ones, so that messages answer what a Go node answers.
 */
import type { Delegation, Validator } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import type { AddressCodec } from "../../app/address";
import type { Context } from "../../app/context";
import type { Coins, DecCoins } from "../../app/math";
import type { QueryContext } from "../../app/module";
import type { KVStoreReader } from "../../app/store/types";

export interface DistributionStakingKeeper {
  readonly addresses: AddressCodec;
  /** Validator: staking's ErrNoValidatorFound (staking/3) when there is none. */
  requireValidator(ctx: Context, operator: Uint8Array): Validator;
  getValidator(ctx: Context, operator: Uint8Array): Validator | undefined;
  /** ValidatorByConsAddr (allocation over the last commit's votes). */
  getValidatorByConsAddr(ctx: Context, consAddr: Uint8Array): Validator | undefined;
  /** Delegation: staking's ErrNoDelegation (staking/19) when there is none. */
  requireDelegation(ctx: Context, delegator: Uint8Array, validator: Uint8Array): Delegation;
}

/** Staking read at any height (queries, invariants, export): the store is staking's. */
export interface DistributionStakingReader {
  validator(store: KVStoreReader, operator: Uint8Array): Validator | undefined;
  delegation(store: KVStoreReader, delegator: Uint8Array, validator: Uint8Array): Delegation | undefined;
  delegatorDelegations(store: KVStoreReader, delegator: Uint8Array): IterableIterator<Delegation>;
  allValidators(store: KVStoreReader): IterableIterator<Validator>;
  allDelegations(store: KVStoreReader): IterableIterator<Delegation>;
}

/**
 * A delegator's part of x/restaking's compounding pools (docs/restaking.md, "Pending rewards of a
 * member"). Optional: without it the rewards queries are exactly the SDK's.
 */
export interface DistributionPooledRewardsQuerier {
  /** The account that holds every pool's delegation. */
  readonly poolAddress: Uint8Array;
  /**
   * The pools the delegator is a member of, by validator address bytes, each with the member's
   * part of the pool delegation's pending rewards (`share`).
   */
  poolSharesAt(ctx: QueryContext, delegator: Uint8Array): readonly PooledRewardsShare[];
}

export interface PooledRewardsShare {
  readonly validator: Uint8Array;
  /** The member's part of the pool delegation's pending rewards. */
  share(poolRewards: DecCoins): DecCoins;
}

export interface DistributionBankKeeper {
  getAllBalances(ctx: Context, address: Uint8Array): Coins;
  sendCoinsFromModuleToModule(ctx: Context, senderModule: string, recipientModule: string, amount: Coins): void;
  sendCoinsFromModuleToAccount(ctx: Context, senderModule: string, recipient: Uint8Array, amount: Coins): void;
  sendCoinsFromAccountToModule(ctx: Context, sender: Uint8Array, recipientModule: string, amount: Coins): void;
  /** BlockedAddr: module accounts that may not receive external funds. */
  isBlockedAddress(address: Uint8Array): boolean;
}

export interface DistributionAccountKeeper {
  /** GetModuleAccount: creates the module account on first use. */
  getModuleAccount(ctx: Context, name: string): unknown;
}
