import { Params, Metadata } from "cosmjs-types/cosmos/bank/v1beta1/bank";
import { BigIntValue, BytesKey, Collection, EmptyValue, Item, StringKey, concatBytes, lengthPrefixed, pairKey, protoValue, type KeyCodec } from "../../app/collections";

/** All of x/bank's storage layout (prefixes as in SDK v0.50's x/bank). */
export const BANK_STORE = "bank";

/** denom -> total supply. */
export const Supply = new Collection(Uint8Array.of(0x00), StringKey, BigIntValue);
export const DenomMetadata = new Collection(Uint8Array.of(0x01), StringKey, protoValue(Metadata));
/** (address, denom) -> amount; the address is length-prefixed so one account's balances share a prefix. */
export const Balances = new Collection(Uint8Array.of(0x02), pairKey(StringKey), BigIntValue);

/** (denom, address) -> presence: the DenomOwners index. */
const denomAddressKey: KeyCodec<readonly [string, Uint8Array]> = {
  encode: ([denom, address]) => concatBytes(lengthPrefixed(new TextEncoder().encode(denom)), address),
  decode: (bytes) => {
    const n = bytes[0] ?? 0;
    return [new TextDecoder().decode(bytes.subarray(1, 1 + n)), bytes.subarray(1 + n)] as const;
  },
};
export const DenomOwnersIndex = new Collection(Uint8Array.of(0x03), denomAddressKey, EmptyValue);
/** denom -> send enabled flag (1 byte). */
export const SendEnabled = new Collection(Uint8Array.of(0x04), StringKey, {
  encode: (v: boolean) => Uint8Array.of(v ? 1 : 0),
  decode: (b: Uint8Array) => b[0] === 1,
});
export const ParamsItem = new Item(Uint8Array.of(0x05), protoValue(Params));

export const addressPrefix = (address: Uint8Array): Uint8Array => lengthPrefixed(address);
export { BytesKey };
