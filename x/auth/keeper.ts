import type { Params } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import { moduleAddress, type AddressCodec } from "../../app/address";
import type { Context } from "../../app/context";
import { sdkPanic } from "../../app/math/go-compat";
import type { KVStoreReader } from "../../app/store/types";
import { accountFromAny, accountToAny, encodeBaseAccountAny, rememberAccountFields, type Account } from "./account";
import { defaultAuthParams } from "./params";
import { AccountNumberIndex, Accounts, AccountValues, AUTH_STORE, GlobalAccountNumber, ParamsItem } from "./state-keys";

/** Module account names and their permissions (minter, burner, staking), fixed by the app's wiring. */
export type ModuleAccountPermissions = Readonly<Record<string, readonly string[]>>;

/** Read access to accounts, for other modules and for queries at any height. */
export class AccountReader {
  constructor(
    readonly addresses: AddressCodec,
    readonly modulePermissions: ModuleAccountPermissions,
  ) {}

  params(store: KVStoreReader): Params {
    return ParamsItem.get(store) ?? defaultAuthParams();
  }

  account(store: KVStoreReader, address: Uint8Array): Account | undefined {
    const any = Accounts.get(store, address);
    return any === undefined ? undefined : accountFromAny(any, address);
  }

  *accounts(store: KVStoreReader): IterableIterator<Account> {
    for (const [address, any] of Accounts.entries(store)) yield accountFromAny(any, address);
  }

  moduleAddress(name: string): Uint8Array {
    if (!(name in this.modulePermissions)) throw new Error(`unknown module account ${name}`);
    return moduleAddress(name);
  }

  /** The address holding an account number (the AccountAddressByID query). */
  addressByAccountNumber(store: KVStoreReader, accountNumber: bigint): Uint8Array | undefined {
    return AccountNumberIndex.get(store, accountNumber);
  }

  /** The number the next new account will get. */
  nextAccountNumberIn(store: KVStoreReader): bigint {
    return GlobalAccountNumber.get(store) ?? 0n;
  }
}

/** The sole owner of the "acc" store: accounts, account numbers and auth params. */
export class AuthKeeper extends AccountReader {
  private store(ctx: Context) {
    return ctx.kvStore(AUTH_STORE);
  }

  getParams(ctx: Context): Params {
    return this.params(this.store(ctx));
  }

  setParams(ctx: Context, params: Params): void {
    ParamsItem.set(this.store(ctx), params);
  }

  getAccount(ctx: Context, address: Uint8Array): Account | undefined {
    return this.account(this.store(ctx), address);
  }

  hasAccount(ctx: Context, address: Uint8Array): boolean {
    return Accounts.has(this.store(ctx), address);
  }

  /**
   * SetAccount, with the store accesses of the SDK's collections.IndexedMap.Set over Accounts and
   * its unique account-number index (they are what a tx pays gas for): the stored account is read
   * so that its index entry can be removed, the new index entry must not exist yet (the SDK
   * panics on that conflict), then the index entry and the account are written.
   */
  setAccount(ctx: Context, account: Account): void {
    const store = this.store(ctx);
    const old = Accounts.get(store, account.address);
    if (old !== undefined) AccountNumberIndex.delete(store, accountFromAny(old, account.address).accountNumber);
    if (AccountNumberIndex.has(store, account.accountNumber)) {
      throw sdkPanic(`conflict: index uniqueness constrain violation: ${account.accountNumber}`);
    }
    AccountNumberIndex.set(store, account.accountNumber, account.address);
    const bech32 = this.addresses.encodeAccount(account.address);
    if (account.module !== undefined) {
      Accounts.set(store, account.address, accountToAny(account, bech32));
      return;
    }
    // The same bytes as accountToAny's, encoded once; the next read of them decodes nothing.
    const { any, bytes } = encodeBaseAccountAny(account, bech32);
    rememberAccountFields(any, account);
    AccountValues.remember(any, bytes);
    Accounts.set(store, account.address, any);
  }

  /** Takes the next global account number (the SDK's NextAccountNumber). */
  nextAccountNumber(ctx: Context): bigint {
    const store = this.store(ctx);
    const n = GlobalAccountNumber.get(store) ?? 0n;
    GlobalAccountNumber.set(store, n + 1n);
    return n;
  }

  peekNextAccountNumber(ctx: Context): bigint {
    return GlobalAccountNumber.get(this.store(ctx)) ?? 0n;
  }

  /** A new BaseAccount with the next account number; not saved until setAccount. */
  newAccount(ctx: Context, address: Uint8Array): Account {
    return { address, pubKey: undefined, accountNumber: this.nextAccountNumber(ctx), sequence: 0n };
  }

  /** The module account, created on first use as the SDK's GetModuleAccount does. */
  getModuleAccount(ctx: Context, name: string): Account {
    const permissions = this.modulePermissions[name];
    if (permissions === undefined) throw new Error(`unknown module account ${name}`);
    const address = moduleAddress(name);
    const existing = this.getAccount(ctx, address);
    if (existing) {
      if (!existing.module) throw new Error(`account at module address of ${name} is not a module account`);
      return existing;
    }
    const account: Account = { address, pubKey: undefined, accountNumber: this.nextAccountNumber(ctx), sequence: 0n, module: { name, permissions } };
    this.setAccount(ctx, account);
    return account;
  }

  iterateAccounts(ctx: Context): IterableIterator<Account> {
    return this.accounts(this.store(ctx));
  }
}
