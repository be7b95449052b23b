/**
 * What x/staking needs from other modules (x/staking/types/expected_keepers.go in SDK v0.50),
 * narrowed to what it calls, in the app's money types. Staking never imports another module's
 * keeper: x/auth's AuthKeeper and x/bank's BankKeeper satisfy these (bank once it has the two
 * delegation transfers below).
 */
import type { Context } from "../../app/context";
import type { Coin, Coins, Dec, Int } from "../../app/math";
import type { QueryContext } from "../../app/module";

export interface StakingAccountKeeper {
  /**
   * The module account, created on first use as the SDK's GetModuleAccount does (genesis relies
   * on it for the two pools).
   */
  getModuleAccount(ctx: Context, name: string): { readonly address: Uint8Array };
}

export interface StakingBankKeeper {
  getBalance(ctx: Context, address: Uint8Array, denom: string): Coin;
  getAllBalances(ctx: Context, address: Uint8Array): Coins;
  getSupply(ctx: Context, denom: string): Coin;
  /**
   * DelegateCoinsFromAccountToModule: coins from an account into a module account that has the
   * Staking permission (the SDK panics otherwise). As the SDK's DelegateCoins: ErrInvalidCoins for
   * invalid coins, ErrInsufficientFunds "failed to delegate; {balance} is smaller than {amt}" (the
   * full balance, not the spendable one, is checked), and only coin_spent and coin_received
   * events (no transfer or message event). Vesting tracking does not apply to plumed.
   */
  delegateCoinsFromAccountToModule(ctx: Context, sender: Uint8Array, recipientModule: string, amount: Coins): void;
  /**
   * UndelegateCoinsFromModuleToAccount: the reverse move (Staking permission required; blocked
   * recipients are not refused, unlike SendCoinsFromModuleToAccount; coin_spent, coin_received).
   */
  undelegateCoinsFromModuleToAccount(ctx: Context, senderModule: string, recipient: Uint8Array, amount: Coins): void;
  sendCoinsFromModuleToModule(ctx: Context, senderModule: string, recipientModule: string, amount: Coins): void;
  /** Burns from a module account with the Burner permission (burn event, supply decreases). */
  burnCoins(ctx: Context, moduleName: string, amounts: Coins): void;
}

/** Balances at a queried height (the Pool query). */
export interface StakingBankQuerier {
  balanceAt(ctx: QueryContext, address: Uint8Array, denom: string): bigint;
}

/**
 * Stake a delegator holds through x/restaking's compounding pools (docs/restaking.md, "What
 * standard queries and messages see"). Optional: without it staking behaves exactly as the SDK's.
 * - Messages: MsgUndelegate and MsgBeginRedelegate first take from the pool what the delegator's
 *   own delegation does not cover (`coverUnbond`), then run unchanged on its own delegation.
 * - Queries (`StakingPooledStakeQuerier`): Delegation, DelegatorDelegations and
 *   ValidatorDelegations show pooled shares as the delegator's own and hide the pool account.
 */
export interface StakingPooledStake {
  /** Moves into the delegator's own delegation the pooled shares needed to unbond `amount` tokens (at most all of them). */
  coverUnbond(ctx: Context, delegator: Uint8Array, validator: Uint8Array, amount: Int): void;
}

export interface StakingPooledStakeQuerier {
  /** The account that holds every pool's delegation. */
  readonly poolAddress: Uint8Array;
  /** The delegator's pooled shares, per validator (by validator address bytes). */
  pooledSharesAt(ctx: QueryContext, delegator: Uint8Array): readonly (readonly [Uint8Array, Dec])[];
  /** The pooled shares of each member of one validator's pool (by delegator address bytes). */
  poolMembersAt(ctx: QueryContext, validator: Uint8Array): readonly (readonly [Uint8Array, Dec])[];
}
