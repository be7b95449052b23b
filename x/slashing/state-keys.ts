/**
 * All of x/slashing's storage layout in one place. Prefixes and key encodings are those of Cosmos
 * SDK v0.50 (x/slashing/types/keys.go, raw KVStore keys, not collections), so that keys, values and
 * therefore gas and pagination next_keys are what a Go node has; plumed's correlated-slashing
 * extension (plume.slashing.v1) keeps its own records under prefixes the SDK does not use.
 *
 * | prefix | key                              | value                                         |
 * |--------|----------------------------------|-----------------------------------------------|
 * | 0x00   | -                                | Params                                        |
 * | 0x01   | len consAddr                     | ValidatorSigningInfo                          |
 * | 0x02   | len consAddr chunk(8, LE)        | missed-block bitmap chunk (bitmap.ts)         |
 * | 0x03   | len consAddr                     | consensus pubkey as an Any (MarshalInterface) |
 * | 0x90   | -                                | plume.slashing.v1.Params                      |
 * | 0x91   | len consAddr                     | plume.slashing.v1.DoubleSignOffence           |
 *
 * The chunk index is little-endian, as the SDK writes it (binary.LittleEndian.PutUint64): chunks
 * of one validator therefore do not iterate in index order past chunk 255, which nothing relies on
 * (the SDK iterates them only to delete them all, and to export genesis, where plumed reads each
 * chunk by index instead).
 */
import { Params, ValidatorSigningInfo } from "cosmjs-types/cosmos/slashing/v1beta1/slashing";
import { Any } from "cosmjs-types/google/protobuf/any";
import { Collection, Item, concatBytes, lengthPrefixed, protoValue, splitLengthPrefixed, type KeyCodec, type ValueCodec } from "../../app/collections";
import type { Bytes } from "../../app/store/types";
import { DoubleSignOffence, Params as CorrelationParams } from "../../proto/plume/slashing/v1/slashing";

export const SLASHING_STORE = "slashing";

/** A length-prefixed consensus address as the whole key (address.MustLengthPrefix). */
export const ConsAddressKey: KeyCodec<Bytes> = {
  encode: (a) => lengthPrefixed(a),
  decode: (b) => {
    const [a, rest] = splitLengthPrefixed(b);
    if (rest.length !== 0) throw new Error("trailing bytes after a length-prefixed consensus address key");
    return Uint8Array.from(a);
  },
};

/** (consensus address, chunk index): len ‖ address ‖ uint64 little-endian. */
export interface ChunkKey {
  readonly consAddr: Bytes;
  readonly chunk: bigint;
}

function uint64LittleEndian(n: bigint): Bytes {
  const out = new Uint8Array(8);
  new DataView(out.buffer).setBigUint64(0, n, true);
  return out;
}

export const ChunkKeyCodec: KeyCodec<ChunkKey> = {
  encode: ({ consAddr, chunk }) => concatBytes(lengthPrefixed(consAddr), uint64LittleEndian(chunk)),
  decode: (b) => {
    const [consAddr, rest] = splitLengthPrefixed(b);
    if (rest.length !== 8) throw new Error("a missed-block chunk key ends with an 8-byte index");
    return { consAddr: Uint8Array.from(consAddr), chunk: new DataView(rest.buffer, rest.byteOffset, 8).getBigUint64(0, true) };
  },
};

const RawValue: ValueCodec<Bytes> = { encode: (v) => v, decode: (b) => Uint8Array.from(b) };

/**
 * Params as gogoproto writes them: a non-nullable LegacyDec always carries its atomics ("0" for
 * zero), where cosmjs-types would skip an empty byte field; the duration is always present.
 */
const ParamsValue: ValueCodec<Params> = {
  encode: (p) => {
    const dec = (b: Uint8Array): Uint8Array => (b.length === 0 ? new TextEncoder().encode("0") : b);
    return Params.encode({
      ...p,
      minSignedPerWindow: dec(p.minSignedPerWindow),
      slashFractionDoubleSign: dec(p.slashFractionDoubleSign),
      slashFractionDowntime: dec(p.slashFractionDowntime),
    }).finish();
  },
  decode: (b) => Params.decode(b),
};

export const ParamsItem = new Item<Params>(Uint8Array.of(0x00), ParamsValue);
export const SigningInfos = new Collection<Bytes, ValidatorSigningInfo>(Uint8Array.of(0x01), ConsAddressKey, protoValue(ValidatorSigningInfo));
export const MissedBlockChunks = new Collection<ChunkKey, Bytes>(Uint8Array.of(0x02), ChunkKeyCodec, RawValue);
export const AddrPubkeyRelations = new Collection<Bytes, Any>(Uint8Array.of(0x03), ConsAddressKey, protoValue(Any));

/** plume.slashing.v1 (correlated slashing, docs/slashing.md). */
export const CorrelationParamsItem = new Item<CorrelationParams>(Uint8Array.of(0x90), protoValue(CorrelationParams));
export const DoubleSignOffences = new Collection<Bytes, DoubleSignOffence>(Uint8Array.of(0x91), ConsAddressKey, protoValue(DoubleSignOffence));

/** The prefix of one validator's bitmap chunks (ValidatorMissedBlockBitmapPrefixKey), relative to the collection. */
export function chunkPrefix(consAddr: Bytes): Bytes {
  return lengthPrefixed(consAddr);
}
