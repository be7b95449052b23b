import { Any } from "cosmjs-types/google/protobuf/any";
import { Params } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import { BytesKey, Collection, Item, Uint64Key, Uint64Value, memoizedValue, protoValue, type ValueCodec } from "../../app/collections";

/** All of x/auth's storage layout, in one place (prefixes as in SDK v0.50's x/auth). */
export const AUTH_STORE = "acc";

// Params and accounts are read by every tx's ante handler: decoded once per stored value.
export const ParamsItem = new Item(Uint8Array.of(0x00), memoizedValue(protoValue(Params), 16));
/** address bytes -> the account as an Any (BaseAccount or ModuleAccount). */
export const AccountValues = memoizedValue(protoValue(Any), 20_000);
export const Accounts = new Collection(Uint8Array.of(0x01), BytesKey, AccountValues);
export const GlobalAccountNumber = new Item(Uint8Array.of(0x02), Uint64Value);
/**
 * account number -> address bytes (the AccountAddressByID query): the unique index of the SDK's
 * Accounts IndexedMap, whose prefix is the string "accountNumber" (AccountNumberStoreKeyPrefix),
 * not a single byte. Its key length is part of what writing an account costs in gas.
 */
const AddressValue: ValueCodec<Uint8Array> = { encode: (v) => v, decode: (b) => b };
export const AccountNumberIndex = new Collection(new TextEncoder().encode("accountNumber"), Uint64Key, AddressValue);
