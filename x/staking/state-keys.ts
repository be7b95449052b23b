/**
 * All of x/staking's storage layout in one place. Prefixes and key encodings are those of Cosmos SDK
 * v0.50 (x/staking/types/keys.go), so that raw keys (and therefore pagination next_keys) look the
 * same as on a Go node: addresses are length-prefixed, integers big-endian fixed-width, times in
 * sdk.FormatTimeBytes form. Keys sort as raw bytes in the order the module iterates them.
 *
 * | prefix | key                                   | value                         |
 * |--------|---------------------------------------|-------------------------------|
 * | 0x11   | len val                               | last power (Int64Value)       |
 * | 0x12   | -                                     | last total power (Int)        |
 * | 0x21   | len val                               | Validator                     |
 * | 0x22   | len consAddr                          | operator address bytes        |
 * | 0x23   | power(8) len ^val                     | operator address bytes        |
 * | 0x31   | len del len val                       | Delegation                    |
 * | 0x32   | len del len val                       | UnbondingDelegation           |
 * | 0x33   | len val len del                       | - (index)                     |
 * | 0x34   | len del len src len dst               | Redelegation                  |
 * | 0x35   | len src len del len dst               | - (index)                     |
 * | 0x36   | len dst len del len src               | - (index)                     |
 * | 0x37   | -                                     | last unbonding id (u64)       |
 * | 0x38   | id(8)                                 | store key of the operation    |
 * | 0x39   | id(8)                                 | unbonding type (u64)          |
 * | 0x41   | time                                  | DVPairs (unbonding queue)     |
 * | 0x42   | time                                  | DVVTriplets (redelegation q.) |
 * | 0x43   | len(time)(8) time height(8)           | ValAddresses (validator q.)   |
 * | 0x50   | height(8)                             | HistoricalInfo                |
 * | 0x51   | -                                     | Params                        |
 * | 0x71   | len val del                           | - (index)                     |
 * | 0x90   | -                                     | plume cap Params (CAP.md)     |
 */
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import { BinaryReader, BinaryWriter } from "cosmjs-types/binary";
import { Header } from "cosmjs-types/tendermint/types/types";
import {
  DVPairs,
  DVVTriplets,
  Delegation,
  HistoricalInfo,
  Params,
  Redelegation,
  UnbondingDelegation,
  ValAddresses,
  Validator,
} from "cosmjs-types/cosmos/staking/v1beta1/staking";
import {
  BigIntValue,
  BytesKey,
  Collection,
  EmptyValue,
  Item,
  Uint64Key,
  Uint64Value,
  concatBytes,
  lengthPrefixed,
  pairKey,
  protoValue,
  splitLengthPrefixed,
  type KeyCodec,
  type ValueCodec,
} from "../../app/collections";
import type { Bytes } from "../../app/store/types";
import { Params as CapParams } from "../../proto/plume/staking/v1/cap";
import { formatTimeBytes, parseTimeBytes } from "./time";

export const STAKING_STORE = "staking";

/** A length-prefixed address as a whole key part (address.MustLengthPrefix). */
export const AddressKey: KeyCodec<Bytes> = {
  encode: (a) => lengthPrefixed(a),
  decode: (b) => {
    const [a, rest] = splitLengthPrefixed(b);
    if (rest.length !== 0) throw new Error("trailing bytes after a length-prefixed address key");
    return a;
  },
};

const AddressValue: ValueCodec<Bytes> = { encode: (v) => v, decode: (b) => Uint8Array.from(b) };

/** (a, b, c) with each address length-prefixed. */
const addressTriple: KeyCodec<readonly [Bytes, Bytes, Bytes]> = {
  encode: ([a, b, c]) => concatBytes(lengthPrefixed(a), lengthPrefixed(b), lengthPrefixed(c)),
  decode: (bytes) => {
    const [a, r1] = splitLengthPrefixed(bytes);
    const [b, r2] = splitLengthPrefixed(r1);
    return [a, b, AddressKey.decode(r2)] as const;
  },
};

/** Time keys (sdk.FormatTimeBytes): fixed width, so byte order is time order. */
export const TimeKey: KeyCodec<Timestamp> = { encode: formatTimeBytes, decode: parseTimeBytes };

/** google.protobuf.Int64Value-encoded powers (field 1, varint), as the SDK stores LastValidatorPower. */
const Int64ProtoValue: ValueCodec<bigint> = {
  encode: (v) => (v === 0n ? new Uint8Array() : BinaryWriter.create().uint32(8).int64(v).finish()),
  decode: (b) => {
    const reader = new BinaryReader(b);
    let value = 0n;
    while (reader.pos < reader.len) {
      const tag = reader.uint32();
      if (tag === 8) value = reader.int64();
      else reader.skipType(tag & 7);
    }
    return value;
  },
};

/** power index key: BE uint64(consensus power) ‖ len ‖ bitwise-inverted operator address. */
export interface PowerIndexKey {
  readonly power: bigint;
  readonly operator: Bytes;
}

const invert = (a: Bytes): Bytes => a.map((x) => ~x & 0xff);

export const PowerIndexKeyCodec: KeyCodec<PowerIndexKey> = {
  encode: ({ power, operator }) => concatBytes(Uint64Key.encode(power), lengthPrefixed(invert(operator))),
  decode: (bytes) => {
    const power = Uint64Key.decode(bytes.subarray(0, 8));
    return { power, operator: invert(AddressKey.decode(bytes.subarray(8))) };
  },
};

/** validator queue key: BE uint64(len(time)) ‖ time ‖ BE uint64(height). */
export interface ValidatorQueueKey {
  readonly time: Timestamp;
  readonly height: bigint;
}

export const ValidatorQueueKeyCodec: KeyCodec<ValidatorQueueKey> = {
  encode: ({ time, height }) => {
    const t = formatTimeBytes(time);
    return concatBytes(Uint64Key.encode(BigInt(t.length)), t, Uint64Key.encode(height));
  },
  decode: (bytes) => {
    const n = Number(Uint64Key.decode(bytes.subarray(0, 8)));
    return { time: parseTimeBytes(bytes.subarray(8, 8 + n)), height: Uint64Key.decode(bytes.subarray(8 + n, 16 + n)) };
  },
};

export const LastValidatorPowers = new Collection(Uint8Array.of(0x11), AddressKey, Int64ProtoValue);
export const LastTotalPower = new Item(Uint8Array.of(0x12), BigIntValue);

/**
 * Validator bytes as gogoproto writes them. cosmjs-types (ts-proto) writes the packed repeated
 * `unbonding_ids` (field 13, the last one) even when it is empty, as the two bytes 0x6a 0x00; Go
 * leaves the field out. Those two bytes would cost every validator read 6 gas and every write 60
 * more than on a Go node, and change the stored bytes.
 */
export function encodeValidator(v: Validator): Uint8Array {
  const bytes = Validator.encode(v).finish();
  if (v.unbondingIds.length > 0) return bytes;
  const n = bytes.length;
  if (n < 2 || bytes[n - 2] !== 0x6a || bytes[n - 1] !== 0x00) throw new Error("unexpected Validator encoding: no empty unbonding_ids at the end");
  return bytes.subarray(0, n - 2);
}

const ValidatorValue: ValueCodec<Validator> = { encode: encodeValidator, decode: (b) => Validator.decode(b) };

/** HistoricalInfo with its validators written by encodeValidator (same field order as gogoproto). */
const HistoricalInfoValue: ValueCodec<HistoricalInfo> = {
  encode: (h) => {
    const w = BinaryWriter.create();
    if (h.header !== undefined) Header.encode(h.header, w.uint32(10).fork()).ldelim();
    for (const v of h.valset) w.uint32(18).bytes(encodeValidator(v));
    return w.finish();
  },
  decode: (b) => HistoricalInfo.decode(b),
};

export const Validators = new Collection(Uint8Array.of(0x21), AddressKey, ValidatorValue);
export const ValidatorsByConsAddr = new Collection(Uint8Array.of(0x22), AddressKey, AddressValue);
export const ValidatorsByPower = new Collection(Uint8Array.of(0x23), PowerIndexKeyCodec, AddressValue);

/** (delegator, validator) -> Delegation. */
export const Delegations = new Collection(Uint8Array.of(0x31), pairKey(AddressKey), protoValue(Delegation));
/** (delegator, validator) -> UnbondingDelegation. */
export const UnbondingDelegations = new Collection(Uint8Array.of(0x32), pairKey(AddressKey), protoValue(UnbondingDelegation));
/** (validator, delegator) index of unbonding delegations. */
export const UnbondingDelegationsByValidator = new Collection(Uint8Array.of(0x33), pairKey(AddressKey), EmptyValue);
/** (delegator, src, dst) -> Redelegation. */
export const Redelegations = new Collection(Uint8Array.of(0x34), addressTriple, protoValue(Redelegation));
/** (src, delegator, dst) index of redelegations. */
export const RedelegationsBySrc = new Collection(Uint8Array.of(0x35), addressTriple, EmptyValue);
/** (dst, delegator, src) index of redelegations. */
export const RedelegationsByDst = new Collection(Uint8Array.of(0x36), addressTriple, EmptyValue);

export const LastUnbondingId = new Item(Uint8Array.of(0x37), Uint64Value);
/** unbonding id -> the full store key of the unbonding delegation, redelegation or validator. */
export const UnbondingIndex = new Collection(Uint8Array.of(0x38), Uint64Key, AddressValue);
export const UnbondingTypes = new Collection(Uint8Array.of(0x39), Uint64Key, Uint64Value);

export const UnbondingQueue = new Collection(Uint8Array.of(0x41), TimeKey, protoValue(DVPairs));
export const RedelegationQueue = new Collection(Uint8Array.of(0x42), TimeKey, protoValue(DVVTriplets));
export const ValidatorQueue = new Collection(Uint8Array.of(0x43), ValidatorQueueKeyCodec, protoValue(ValAddresses));

export const HistoricalInfos = new Collection(Uint8Array.of(0x50), Uint64Key, HistoricalInfoValue);
export const ParamsItem = new Item(Uint8Array.of(0x51), protoValue(Params));

/** (validator, delegator) index of delegations; the delegator is not length-prefixed (last part). */
export const DelegationsByValidator = new Collection(Uint8Array.of(0x71), pairKey(BytesKey), EmptyValue);

/** plumed's decentralization cap params (CAP.md), kept apart from the SDK's Params. */
export const CapParamsItem = new Item(Uint8Array.of(0x90), protoValue(CapParams));

/** UnbondingType in x/staking/types/keys.go. */
export const UnbondingType = { UnbondingDelegation: 1n, Redelegation: 2n, ValidatorUnbonding: 3n } as const;

/** The encoded sub-prefix of one address inside a collection keyed by (address, ...). */
export const addressPrefix = (address: Bytes): Bytes => lengthPrefixed(address);

/** The key just after `key`: turns an exclusive iteration end into an inclusive one. */
export const inclusiveEnd = (key: Bytes): Bytes => concatBytes(key, Uint8Array.of(0x00));
