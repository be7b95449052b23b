/**
 * The missed-block bitmap of SDK v0.50 (x/slashing/keeper/signing_info.go): a validator's signing
 * window is a logical bitmap of `signed_blocks_window` bits, bit i set when the block at window
 * index i was missed, stored in chunks of 1024 bits so that one vote reads and writes one small
 * value whatever the window's length.
 *
 * A chunk's bytes are those of github.com/bits-and-blooms/bitset v1.8.0's MarshalBinary, which
 * the SDK uses: the bit length as a big-endian uint64 (1024), then the 64-bit words, each
 * big-endian, bit b of the chunk being bit (b % 64) of word b / 64 (least significant first).
 */

/** MissedBlockBitmapChunkSize: bits per chunk. */
export const CHUNK_BITS = 1024;
const WORDS = 16; // CHUNK_BITS / 64
const CHUNK_BYTES = 8 + WORDS * 8;

/** Where the bit of a window index lives: the chunk and the bit within it. */
export function bitPosition(index: bigint): { readonly chunk: bigint; readonly bit: number } {
  if (index < 0n) throw new Error(`negative missed-block index ${index}`);
  return { chunk: index / BigInt(CHUNK_BITS), bit: Number(index % BigInt(CHUNK_BITS)) };
}

/** A chunk of 1024 zero bits (bitset.New(1024)). */
export function emptyChunk(): Uint8Array {
  const out = new Uint8Array(CHUNK_BYTES);
  new DataView(out.buffer).setBigUint64(0, BigInt(CHUNK_BITS), false);
  return out;
}

/**
 * Reads a stored chunk. A chunk written by this code (or the SDK's) is always 1024 bits; any other
 * length is accepted as bitset.UnmarshalBinary accepts it (its words are read as they are).
 */
function words(chunk: Uint8Array): { readonly view: DataView; readonly count: number } {
  if (chunk.length < 8) throw new Error("failed to decode bitmap chunk: unexpected EOF");
  const view = new DataView(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  const bits = view.getBigUint64(0, false);
  const count = Number((bits + 63n) / 64n);
  if (chunk.length < 8 + count * 8) throw new Error("failed to decode bitmap chunk: unexpected EOF");
  return { view, count };
}

/** bitset.Test. */
export function testBit(chunk: Uint8Array | undefined, bit: number): boolean {
  if (chunk === undefined) return false;
  const { view, count } = words(chunk);
  const word = Math.floor(bit / 64);
  if (word >= count) return false;
  return ((view.getBigUint64(8 + word * 8, false) >> BigInt(bit % 64)) & 1n) === 1n;
}

/** bitset.Set / Clear on a copy of `chunk` (or of an empty chunk), re-marshalled as 1024 bits. */
export function withBit(chunk: Uint8Array | undefined, bit: number, value: boolean): Uint8Array {
  if (bit < 0 || bit >= CHUNK_BITS) throw new Error(`bit ${bit} outside a ${CHUNK_BITS}-bit chunk`);
  const out = emptyChunk();
  if (chunk !== undefined) {
    const { view, count } = words(chunk);
    for (let w = 0; w < Math.min(count, WORDS); w++) new DataView(out.buffer).setBigUint64(8 + w * 8, view.getBigUint64(8 + w * 8, false), false);
  }
  const view = new DataView(out.buffer);
  const offset = 8 + Math.floor(bit / 64) * 8;
  const mask = 1n << BigInt(bit % 64);
  const current = view.getBigUint64(offset, false);
  view.setBigUint64(offset, value ? current | mask : current & ~mask, false);
  return out;
}

/** The set bits of a chunk, ascending (IterateMissedBlockBitmap's `missed` indexes within it). */
export function setBits(chunk: Uint8Array): number[] {
  const { view, count } = words(chunk);
  const out: number[] = [];
  for (let w = 0; w < Math.min(count, WORDS); w++) {
    let word = view.getBigUint64(8 + w * 8, false);
    for (let b = 0; word !== 0n; b++, word >>= 1n) if ((word & 1n) === 1n) out.push(w * 64 + b);
  }
  return out;
}
