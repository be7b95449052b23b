/**
 * What x/gov needs from other modules (x/gov/types/expected_keepers.go in SDK v0.50), narrowed to
 * what it calls. The app hands it keepers that satisfy these; gov never imports their classes.
 */
import type { Delegation, Validator } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import type { AddressCodec } from "../../app/address";
import type { Context } from "../../app/context";
import type { Coins, Dec, Int } from "../../app/math";
import type { KVStore, KVStoreReader } from "../../app/store/types";

export interface GovAccountKeeper {
  /** GetModuleAccount: created on first use. */
  getModuleAccount(ctx: Context, name: string): { readonly address: Uint8Array };
}

export interface GovBankKeeper {
  getAllBalances(ctx: Context, address: Uint8Array): Coins;
  sendCoinsFromAccountToModule(ctx: Context, sender: Uint8Array, recipientModule: string, amount: Coins): void;
  sendCoinsFromModuleToAccount(ctx: Context, senderModule: string, recipient: Uint8Array, amount: Coins): void;
  burnCoins(ctx: Context, moduleName: string, amounts: Coins): void;
}

/** x/distribution, for deposits a cancelled proposal sends to the community pool. */
export interface GovDistributionKeeper {
  /** FundCommunityPool: `amount` from `sender` into the pool. */
  fundCommunityPool(ctx: Context, amount: Coins, sender: Uint8Array): void;
}

export interface GovStakingKeeper {
  readonly addresses: AddressCodec;
  store(ctx: Context): KVStore;
  /** IterateBondedValidatorsByPower. */
  getBondedValidatorsByPower(ctx: Context): Validator[];
  getDelegation(ctx: Context, delegator: Uint8Array, validator: Uint8Array): Delegation | undefined;
  /** IterateDelegations of one delegator, by validator address bytes. */
  delegatorDelegations(store: KVStoreReader, delegator: Uint8Array): Iterable<Delegation>;
  /** TotalBondedTokens: the bonded pool's balance. */
  totalBondedTokens(ctx: Context): Int;
}

/**
 * x/restaking's pools, for the running tally (tally.ts, poolVoters): a member's stake in its
 * validator's pool votes with the member. Set once at wiring (GovKeeper.setPools); without it
 * gov sees only x/staking's delegations.
 */
export interface GovPoolKeeper {
  /** The delegator's memberships: validator operator bytes and units (O(its memberships)). */
  memberUnits(ctx: Context, delegator: Uint8Array): readonly (readonly [Uint8Array, Dec])[];
  /** One membership's units; zero for a non-member. */
  unitsOf(ctx: Context, delegator: Uint8Array, validator: Uint8Array): Dec;
  /** A validator's pool: its delegation's shares and its members' total units; undefined without one. */
  poolStake(ctx: Context, validator: Uint8Array): { readonly shares: Dec; readonly totalUnits: Dec } | undefined;
}

/** What x/restaking calls around every change of a member's units (x/restaking's RestakingHooks). */
export interface GovPoolHooks {
  beforeMemberUnitsModified(ctx: Context, delegator: Uint8Array, validator: Uint8Array): void;
  afterMemberUnitsModified(ctx: Context, delegator: Uint8Array, validator: Uint8Array): void;
}
