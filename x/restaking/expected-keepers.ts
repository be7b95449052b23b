/**
 * What x/restaking needs from other modules, narrowed to what it calls (the SDK's
 * types/expected_keepers.go pattern). Restaking never imports another module's keeper.
 *
 * - x/staking's keeper satisfies RestakingStakingKeeper as it is (delegate with the `compounding`
 *   kind, so the decentralization cap governs compounding; transferDelegationShares for joining
 *   and leaving a pool without an unbonding; incomingStakeHeadroom for compounding up to the cap).
 * - RestakingDistributionKeeper mirrors x/distribution's keeper (SDK v0.50
 *   x/distribution/keeper/keeper.go WithdrawDelegationRewards, GetDelegatorWithdrawAddr), with the
 *   method names of plumed's x/distribution (being written on another branch), so that its keeper
 *   satisfies it without an adapter. It is not in main yet: the tests use a fake F1 keeper
 *   (harness.fixture.ts) and the module is not wired until it lands (docs/restaking.md).
 */
import type { BondStatus, Delegation, Validator } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import type { AddressCodec } from "../../app/address";
import type { Context } from "../../app/context";
import type { Coins, Dec, DecCoins, Int } from "../../app/math";
import type { QueryContext } from "../../app/module";
import type { Bytes, KVStoreReader } from "../../app/store/types";

export interface RestakingStakingKeeper {
  readonly addresses: AddressCodec;
  bondDenom(ctx: Context): string;
  getValidator(ctx: Context, operator: Bytes): Validator | undefined;
  getDelegation(ctx: Context, delegator: Bytes, validator: Bytes): Delegation | undefined;
  /** GetDelegatorDelegations (MsgRestakeRewards). */
  getDelegatorDelegations(ctx: Context, delegator: Bytes): Delegation[];
  /**
   * Delegate (the SDK's): from an account (`fromAccount`, tokens from the not-bonded side), with
   * the decentralization cap checked first for the given kind. Returns the new shares.
   */
  delegate(ctx: Context, delegator: Bytes, amount: Int, tokenSrc: BondStatus.BOND_STATUS_UNBONDED, validator: Validator, fromAccount: boolean, kind: "compounding"): Dec;
  /** Moves shares between two delegations to one validator; no token moves, no cap check. */
  transferDelegationShares(ctx: Context, from: Bytes, to: Bytes, validator: Bytes, shares: Dec): void;
  /** How many tokens from outside the bonded set the validator may still receive; undefined: no limit. */
  incomingStakeHeadroom(ctx: Context, validator: Validator): bigint | undefined;
}

/** Staking state at a queried height (the query server). */
export interface RestakingStakingQuerier {
  validatorAt(ctx: QueryContext, operator: Bytes): Validator | undefined;
  delegationAt(ctx: QueryContext, delegator: Bytes, validator: Bytes): Delegation | undefined;
}

export interface RestakingDistributionKeeper {
  /**
   * The SDK's public WithdrawDelegationRewards (MsgWithdrawDelegatorReward's keeper call): pays the
   * delegation's accrued F1 rewards (truncated to whole coins) to the delegator's withdraw address,
   * starts its next period, and returns what was paid. For the restaking module account the
   * withdraw address is the account itself (nothing ever sets another), so the coins land there.
   * (Named as x/distribution's keeper names it on its branch, so that keeper satisfies this as is.)
   */
  withdrawDelegatorReward(ctx: Context, delegator: Bytes, validator: Bytes): Coins;
  /** GetDelegatorWithdrawAddr, read through distribution's own reader and store. */
  store(ctx: Context): KVStoreReader;
  withdrawAddress(store: KVStoreReader, delegator: Bytes): Bytes;
}

/** DelegationRewards at a queried height: the pool's pending rewards (the next compounding). */
export interface RestakingDistributionQuerier {
  delegationRewardsAt(ctx: QueryContext, delegator: Bytes, validator: Bytes): DecCoins;
}

export interface RestakingBankKeeper {
  getAllBalances(ctx: Context, address: Bytes): Coins;
  /** Idle coins to a leaving member. */
  sendCoinsFromModuleToAccount(ctx: Context, senderModule: string, recipient: Bytes, amount: Coins): void;
}

/**
 * Hooks other modules register (RestakingKeeper.setHooks), called around every change of a
 * member's units (joining, leaving, a partial exit; never by compounding, which changes no units):
 * x/gov keeps the units of voting members in its running tally (docs/gov.md) through them.
 */
export interface RestakingHooks {
  beforeMemberUnitsModified(ctx: Context, delegator: Bytes, validator: Bytes): void;
  afterMemberUnitsModified(ctx: Context, delegator: Bytes, validator: Bytes): void;
}
