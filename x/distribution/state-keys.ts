/**
 * All of x/distribution's storage layout, as SDK v0.50 x/distribution/types/keys.go lays it out (raw
 * KVStore keys, except FeePool and Params, which are collections Items: the prefix alone), so that
 * keys, values and therefore gas are what a Go node has:
 *
 * | prefix | key                                   | value                                    |
 * |--------|---------------------------------------|------------------------------------------|
 * | 0x00   | -                                     | FeePool                                  |
 * | 0x01   | -                                     | previous proposer (gogotypes.BytesValue) |
 * | 0x02   | len valAddr                           | ValidatorOutstandingRewards              |
 * | 0x03   | len delAddr                           | withdraw address (raw bytes)             |
 * | 0x04   | len valAddr len delAddr               | DelegatorStartingInfo                    |
 * | 0x05   | len valAddr period(8, little-endian)  | ValidatorHistoricalRewards               |
 * | 0x06   | len valAddr                           | ValidatorCurrentRewards                  |
 * | 0x07   | len valAddr                           | ValidatorAccumulatedCommission           |
 * | 0x08   | len valAddr height(8, BE) period(8, BE)| ValidatorSlashEvent                     |
 * | 0x09   | -                                     | Params                                   |
 *
 * Historical periods are little-endian, as the SDK writes them: nothing iterates them in order
 * (they are read by period, deleted per validator, exported). Slash events are big-endian by height
 * so that a height range is a key range.
 *
 * Values are gogoproto bytes: non-nullable LegacyDec fields are always written ("0" when zero);
 * the codecs below make sure no Dec is empty before cosmjs-types encodes it.
 */
import {
  DelegatorStartingInfo,
  FeePool,
  Params,
  ValidatorAccumulatedCommission,
  ValidatorCurrentRewards,
  ValidatorHistoricalRewards,
  ValidatorOutstandingRewards,
  ValidatorSlashEvent,
} from "cosmjs-types/cosmos/distribution/v1beta1/distribution";
import { Collection, Item, concatBytes, lengthPrefixed, protoValue, splitLengthPrefixed, type KeyCodec, type ValueCodec } from "../../app/collections";
import type { Bytes } from "../../app/store/types";

export const DISTRIBUTION_STORE = "distribution";

const dec = (s: string): string => (s === "" ? "0" : s);

function uint64(n: bigint, littleEndian: boolean): Bytes {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, n, littleEndian);
  return out;
}

function readUint64(b: Bytes, littleEndian: boolean): bigint {
  if (b.length < 8) throw new Error("a distribution key ends with a short integer");
  return new DataView(b.buffer, b.byteOffset, 8).getBigUint64(0, littleEndian);
}

/** One length-prefixed address as the whole key. */
export const AddressKey: KeyCodec<Bytes> = {
  encode: (a) => lengthPrefixed(a),
  decode: (b) => {
    const [a, rest] = splitLengthPrefixed(b);
    if (rest.length !== 0) throw new Error("trailing bytes after a length-prefixed address key");
    return Uint8Array.from(a);
  },
};

export interface StartingInfoKey {
  readonly validator: Bytes;
  readonly delegator: Bytes;
}

export const StartingInfoKeyCodec: KeyCodec<StartingInfoKey> = {
  encode: ({ validator, delegator }) => concatBytes(lengthPrefixed(validator), lengthPrefixed(delegator)),
  decode: (b) => {
    const [validator, rest] = splitLengthPrefixed(b);
    const [delegator, tail] = splitLengthPrefixed(rest);
    if (tail.length !== 0) throw new Error("trailing bytes after a starting info key");
    return { validator: Uint8Array.from(validator), delegator: Uint8Array.from(delegator) };
  },
};

export interface PeriodKey {
  readonly validator: Bytes;
  readonly period: bigint;
}

export const PeriodKeyCodec: KeyCodec<PeriodKey> = {
  encode: ({ validator, period }) => concatBytes(lengthPrefixed(validator), uint64(period, true)),
  decode: (b) => {
    const [validator, rest] = splitLengthPrefixed(b);
    if (rest.length !== 8) throw new Error("a historical rewards key ends with an 8-byte period");
    return { validator: Uint8Array.from(validator), period: readUint64(rest, true) };
  },
};

export interface SlashEventKey {
  readonly validator: Bytes;
  readonly height: bigint;
  readonly period: bigint;
}

export const SlashEventKeyCodec: KeyCodec<SlashEventKey> = {
  encode: ({ validator, height, period }) => concatBytes(lengthPrefixed(validator), uint64(height, false), uint64(period, false)),
  decode: (b) => {
    const [validator, rest] = splitLengthPrefixed(b);
    if (rest.length !== 16) throw new Error("a slash event key ends with height and period");
    return { validator: Uint8Array.from(validator), height: readUint64(rest, false), period: readUint64(rest.subarray(8), false) };
  },
};

/** GetValidatorSlashEventKeyPrefix(v, height), relative to the collection prefix. */
export function slashEventHeightPrefix(validator: Bytes, height: bigint): Bytes {
  return concatBytes(lengthPrefixed(validator), uint64(height, false));
}

const RawValue: ValueCodec<Bytes> = { encode: (v) => v, decode: (b) => Uint8Array.from(b) };

/** gogotypes.BytesValue{value}: field 1 (length-delimited), omitted when empty. */
export const BytesValueCodec: ValueCodec<Bytes> = {
  encode: (v) => {
    if (v.length === 0) return new Uint8Array();
    const len = v.length < 0x80 ? Uint8Array.of(v.length) : Uint8Array.of((v.length & 0x7f) | 0x80, v.length >> 7);
    return concatBytes(Uint8Array.of(0x0a), len, v);
  },
  decode: (b) => {
    if (b.length === 0) return new Uint8Array();
    if (b[0] !== 0x0a) throw new Error("a previous proposer is a BytesValue with one bytes field");
    const first = b[1] ?? 0;
    const [len, start] = first < 0x80 ? [first, 2] : [(first & 0x7f) | ((b[2] ?? 0) << 7), 3];
    if (b.length !== start + len) throw new Error("a BytesValue of the wrong length");
    return Uint8Array.from(b.subarray(start));
  },
};

const ParamsValue: ValueCodec<Params> = {
  encode: (p) =>
    Params.encode({
      ...p,
      communityTax: dec(p.communityTax),
      baseProposerReward: dec(p.baseProposerReward),
      bonusProposerReward: dec(p.bonusProposerReward),
    }).finish(),
  decode: (b) => Params.decode(b),
};

const StartingInfoValue: ValueCodec<DelegatorStartingInfo> = {
  encode: (s) => DelegatorStartingInfo.encode({ ...s, stake: dec(s.stake) }).finish(),
  decode: (b) => DelegatorStartingInfo.decode(b),
};

const SlashEventValue: ValueCodec<ValidatorSlashEvent> = {
  encode: (e) => ValidatorSlashEvent.encode({ ...e, fraction: dec(e.fraction) }).finish(),
  decode: (b) => ValidatorSlashEvent.decode(b),
};

export const FeePoolItem = new Item<FeePool>(Uint8Array.of(0x00), protoValue(FeePool));
export const PreviousProposerItem = new Item<Bytes>(Uint8Array.of(0x01), BytesValueCodec);
export const OutstandingRewards = new Collection<Bytes, ValidatorOutstandingRewards>(Uint8Array.of(0x02), AddressKey, protoValue(ValidatorOutstandingRewards));
export const WithdrawAddresses = new Collection<Bytes, Bytes>(Uint8Array.of(0x03), AddressKey, RawValue);
export const StartingInfos = new Collection<StartingInfoKey, DelegatorStartingInfo>(Uint8Array.of(0x04), StartingInfoKeyCodec, StartingInfoValue);
export const HistoricalRewards = new Collection<PeriodKey, ValidatorHistoricalRewards>(Uint8Array.of(0x05), PeriodKeyCodec, protoValue(ValidatorHistoricalRewards));
export const CurrentRewards = new Collection<Bytes, ValidatorCurrentRewards>(Uint8Array.of(0x06), AddressKey, protoValue(ValidatorCurrentRewards));
export const AccumulatedCommissions = new Collection<Bytes, ValidatorAccumulatedCommission>(Uint8Array.of(0x07), AddressKey, protoValue(ValidatorAccumulatedCommission));
export const SlashEvents = new Collection<SlashEventKey, ValidatorSlashEvent>(Uint8Array.of(0x08), SlashEventKeyCodec, SlashEventValue);
export const ParamsItem = new Item<Params>(Uint8Array.of(0x09), ParamsValue);
