/**
 * What x/mint needs from other modules (x/mint/types/expected_keepers.go in SDK v0.50), narrowed
 * to what it calls. The app hands it keepers that satisfy these.
 */
import type { Context } from "../../app/context";
import type { Coins, Dec, Int } from "../../app/math";

export interface MintStakingKeeper {
  /** StakingTokenSupply: the total supply of the bond denom. */
  stakingTokenSupply(ctx: Context): Int;
  /** BondedRatio: bonded tokens / supply (truncated), 0 without supply. */
  bondedRatio(ctx: Context): Dec;
}

export interface MintBankKeeper {
  mintCoins(ctx: Context, moduleName: string, amounts: Coins): void;
  sendCoinsFromModuleToModule(ctx: Context, senderModule: string, recipientModule: string, amount: Coins): void;
}

export interface MintAccountKeeper {
  /** GetModuleAccount: creates the module account on first use. */
  getModuleAccount(ctx: Context, name: string): unknown;
}
