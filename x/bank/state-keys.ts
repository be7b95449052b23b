import { Metadata, Params } from "cosmjs-types/cosmos/bank/v1beta1/bank";
import { Collection, EmptyValue, Item, StringKey, concatBytes, lengthPrefixed, memoizedValue, pairKey, protoValue, splitLengthPrefixed, type KeyCodec, type ValueCodec } from "../../app/collections";
import { Int } from "../../app/math";

/**
 * All of x/bank's storage layout, with the prefixes and key/value encodings of SDK v0.50's x/bank
 * (x/bank/types/keys.go, keeper/view.go), so that pagination keys (`next_key`) are the ones a Go
 * node hands out.
 */
export const BANK_STORE = "bank";

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();

/** math.Int's value encoding (sdk.IntValue): the decimal string. */
export const IntValue: ValueCodec<Int> = {
  encode: (v) => textEncoder.encode(v.toString()),
  decode: (b) => Int.fromString(textDecoder.decode(b)),
};

/** codec.BoolValue: a protobuf BoolValue (true = 08 01, false = empty), kept for state compatibility. */
export const BoolValue: ValueCodec<boolean> = {
  encode: (v) => (v ? Uint8Array.of(0x08, 0x01) : new Uint8Array(0)),
  decode: (b) => b.length === 2 && b[0] === 0x08 && b[1] === 0x01,
};

/**
 * collections.StringKey in a non-terminal position: the string then a 0x00 delimiter (denoms
 * never contain 0x00).
 */
export function denomPart(denom: string): Uint8Array {
  return concatBytes(textEncoder.encode(denom), Uint8Array.of(0));
}

/** denom -> total supply (0x00 | denom). */
export const Supply = new Collection(Uint8Array.of(0x00), StringKey, IntValue);
/** base denom -> Metadata (0x01 | denom). */
export const DenomMetadata = new Collection(Uint8Array.of(0x01), StringKey, protoValue(Metadata));
/** (address, denom) -> amount (0x02 | len | address | denom): one account's balances share a prefix. */
// Balances and params are read by every send: decoded once per stored value.
export const Balances = new Collection(Uint8Array.of(0x02), pairKey(StringKey), memoizedValue(IntValue, 20_000));

/** (denom, address) keys of the denom-owners index: denom | 0x00 | len | address. */
const denomAddressKey: KeyCodec<readonly [string, Uint8Array]> = {
  encode: ([denom, address]) => concatBytes(denomPart(denom), lengthPrefixed(address)),
  decode: (bytes) => {
    const zero = bytes.indexOf(0);
    if (zero < 0) throw new Error("malformed denom-owner index key");
    const [address] = splitLengthPrefixed(bytes.subarray(zero + 1));
    return [textDecoder.decode(bytes.subarray(0, zero)), address] as const;
  },
};
/** (denom, address) -> presence (0x03): the reverse index DenomOwners pages through. */
export const DenomOwnersIndex = new Collection(Uint8Array.of(0x03), denomAddressKey, EmptyValue);
/** denom -> send enabled override (0x04 | denom); absent: the default_send_enabled param. */
export const SendEnabled = new Collection(Uint8Array.of(0x04), StringKey, BoolValue);
export const ParamsItem = new Item(Uint8Array.of(0x05), memoizedValue(protoValue(Params), 16));

/** The key part all balances of one account share (after the Balances prefix). */
export const balancesOf = (address: Uint8Array): Uint8Array => lengthPrefixed(address);
