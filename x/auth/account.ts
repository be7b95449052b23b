import { BaseAccount, ModuleAccount } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import { Any } from "cosmjs-types/google/protobuf/any";
import { freezeDeep } from "../../app/collections";

export const BASE_ACCOUNT_TYPE_URL = "/cosmos.auth.v1beta1.BaseAccount";
export const MODULE_ACCOUNT_TYPE_URL = "/cosmos.auth.v1beta1.ModuleAccount";

/** An account as the keeper hands it out: the base fields plus, for module accounts, name and permissions. */
export interface Account {
  readonly address: Uint8Array;
  readonly pubKey: Any | undefined;
  readonly accountNumber: bigint;
  readonly sequence: bigint;
  readonly module?: { readonly name: string; readonly permissions: readonly string[] };
}

export function accountToAny(account: Account, bech32Address: string): Any {
  const base = BaseAccount.fromPartial({
    address: bech32Address,
    pubKey: account.pubKey,
    accountNumber: account.accountNumber,
    sequence: account.sequence,
  });
  if (account.module) {
    const m = ModuleAccount.fromPartial({ baseAccount: base, name: account.module.name, permissions: [...account.module.permissions] });
    return Any.fromPartial({ typeUrl: MODULE_ACCOUNT_TYPE_URL, value: ModuleAccount.encode(m).finish() });
  }
  return Any.fromPartial({ typeUrl: BASE_ACCOUNT_TYPE_URL, value: BaseAccount.encode(base).finish() });
}

/**
 * The accounts decoded from each Any object. The store's Anys are shared per stored value (x/auth's
 * Accounts collection remembers them), so an account read again, unchanged, is not parsed again.
 */
const decodedAccounts = new WeakMap<Any, Omit<Account, "address">>();

export function accountFromAny(any: Any, address: Uint8Array): Account {
  let fields = decodedAccounts.get(any);
  if (fields === undefined) {
    // Shared by every read of this Any: frozen, so that no caller can change it for the others.
    fields = freezeDeep(decodeAccountFields(any));
    decodedAccounts.set(any, fields);
  }
  const { pubKey, accountNumber, sequence, module } = fields;
  return module === undefined ? { address, pubKey, accountNumber, sequence } : { address, pubKey, accountNumber, sequence, module };
}

function decodeAccountFields(any: Any): Omit<Account, "address"> {
  if (any.typeUrl === BASE_ACCOUNT_TYPE_URL) {
    const b = BaseAccount.decode(any.value);
    return { pubKey: b.pubKey, accountNumber: b.accountNumber, sequence: b.sequence };
  }
  if (any.typeUrl === MODULE_ACCOUNT_TYPE_URL) {
    const m = ModuleAccount.decode(any.value);
    const b = m.baseAccount ?? BaseAccount.fromPartial({});
    return { pubKey: b.pubKey, accountNumber: b.accountNumber, sequence: b.sequence, module: { name: m.name, permissions: m.permissions } };
  }
  throw new Error(`unsupported account type ${any.typeUrl}`);
}
