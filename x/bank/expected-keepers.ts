import type { AddressCodec } from "../../app/address";
import type { Context } from "../../app/context";

/** Module account permissions (x/auth/types/permissions.go). */
export const Permissions = {
  minter: "minter",
  burner: "burner",
  staking: "staking",
} as const;

/** What x/bank needs to know of an account. */
export interface AccountLike {
  readonly address: Uint8Array;
  readonly module?: { readonly name: string; readonly permissions: readonly string[] };
}

/**
 * The narrow view of x/auth that x/bank uses (x/bank/types/expected_keepers.go). x/auth's
 * AuthKeeper satisfies it; bank never imports the concrete keeper.
 */
export interface AccountKeeper {
  readonly addresses: AddressCodec;
  /** Module account names and permissions, fixed by the app's wiring. */
  readonly modulePermissions: Readonly<Record<string, readonly string[]>>;
  hasAccount(ctx: Context, address: Uint8Array): boolean;
  getAccount(ctx: Context, address: Uint8Array): AccountLike | undefined;
  /** NewAccountWithAddress: a BaseAccount with the next account number, not yet stored. */
  newAccount(ctx: Context, address: Uint8Array): AccountLike;
  setAccount(ctx: Context, account: AccountLike): void;
  /** GetModuleAccount: the module account, created (with the next number) on first use. */
  getModuleAccount(ctx: Context, name: string): AccountLike;
}
