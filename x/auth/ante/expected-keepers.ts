/**
 * What the ante handler needs from other modules (x/auth/ante/expected_keepers.go). The ante
 * handler never imports a concrete keeper: the app wires these in.
 */
import type { Params } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import type { AddressCodec } from "../../../app/address";
import type { Context } from "../../../app/context";
import type { Coins } from "../../../app/math/coins";
import type { Account } from "../account";

/** x/auth's keeper as the ante handler uses it (AuthKeeper implements it). */
export interface AccountKeeper {
  readonly addresses: AddressCodec;
  getParams(ctx: Context): Params;
  getAccount(ctx: Context, address: Uint8Array): Account | undefined;
  setAccount(ctx: Context, account: Account): void;
  /** GetModuleAddress; throws for a module account the app does not declare. */
  moduleAddress(name: string): Uint8Array;
}

/**
 * x/bank's keeper as the fee deduction uses it. `sendCoinsFromAccountToModule` moves `amount`
 * from `sender` to the module account `recipientModule` (creating it if needed), or throws the
 * bank's AppError (e.g. sdk/5 insufficient funds) leaving the context's store to be discarded.
 */
export interface BankKeeper {
  sendCoinsFromAccountToModule(ctx: Context, sender: Uint8Array, recipientModule: string, amount: Coins): void;
}

/** x/feegrant's keeper (not wired in plumed yet: a fee granter is refused). */
export interface FeegrantKeeper {
  useGrantedFees(ctx: Context, granter: Uint8Array, grantee: Uint8Array, fee: Coins, msgs: readonly unknown[]): void;
}
