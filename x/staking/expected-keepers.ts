/**
 * What x/staking needs from other modules (x/staking/types/expected_keepers.go in SDK v0.50),
 * narrowed to what it calls, in the app's money types. Staking never imports another module's
 * keeper: x/auth's AuthKeeper and x/bank's BankKeeper satisfy these (bank once it has the two
 * delegation transfers below).
 */
import type { Context } from "../../app/context";
import type { Coin, Coins } from "../../app/math";
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
