/**
 * All of x/restaking's storage layout (store "restaking"). Keys sort as raw bytes: pools by
 * length-prefixed operator address, members by (delegator, validator), so one delegator's
 * memberships are one prefix range.
 *
 * | prefix | key                          | value                              |
 * |--------|------------------------------|------------------------------------|
 * | 0x00   | -                            | plume.restaking.v1.Params          |
 * | 0x01   | -                            | last compounding height (uint64)   |
 * | 0x10   | len validator                | plume.restaking.v1.Pool            |
 * | 0x20   | len delegator, len validator | plume.restaking.v1.Member          |
 * | 0x21   | len validator, len delegator | (empty) index of members by pool   |
 */
import { Collection, EmptyValue, Item, Uint64Value, lengthPrefixed, pairKey, protoValue, splitLengthPrefixed, type KeyCodec } from "../../app/collections";
import type { Bytes } from "../../app/store/types";
import { Member, Params, Pool } from "../../proto/plume/restaking/v1/restaking";

export const RESTAKING_STORE = "restaking";

export const AddressKey: KeyCodec<Bytes> = {
  encode: (a) => lengthPrefixed(a),
  decode: (b) => {
    const [a, rest] = splitLengthPrefixed(b);
    if (rest.length !== 0) throw new Error("trailing bytes after a length-prefixed address key");
    return Uint8Array.from(a);
  },
};

export const ParamsItem = new Item<Params>(Uint8Array.of(0x00), protoValue(Params));
export const LastCompoundHeight = new Item<bigint>(Uint8Array.of(0x01), Uint64Value);
export const Pools = new Collection<Bytes, Pool>(Uint8Array.of(0x10), AddressKey, protoValue(Pool));
export const Members = new Collection(Uint8Array.of(0x20), pairKey(AddressKey), protoValue(Member));
export const MembersByValidator = new Collection(Uint8Array.of(0x21), pairKey(AddressKey), EmptyValue);

/** The sub-prefix of one delegator's memberships (Members) or of one pool's members (MembersByValidator). */
export function delegatorPrefix(delegator: Bytes): Bytes {
  return lengthPrefixed(delegator);
}
