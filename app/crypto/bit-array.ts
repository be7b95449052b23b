/**
 * CompactBitArray (crypto/types/compact_bit_array.go) as multisig signatures use it: bit i is the
 * (7 - i%8)-th bit of elems[i/8]; `extraBitsStored` is the number of bits used in the last byte
 * (0 meaning all 8). Reads mirror Go's, including where Go would index out of range (a panic there
 * becomes an ErrPanic-coded throw here).
 */
import type { CompactBitArray } from "cosmjs-types/cosmos/crypto/multisig/v1beta1/multisig";
import { sdkPanic } from "../math/go-compat";

export function bitArrayCount(ba: CompactBitArray | undefined): number {
  if (ba === undefined) return 0;
  if (ba.extraBitsStored === 0) return ba.elems.length * 8;
  return (ba.elems.length - 1) * 8 + ba.extraBitsStored;
}

export function bitArrayGet(ba: CompactBitArray | undefined, i: number): boolean {
  if (ba === undefined || i < 0 || bitArrayCount(ba) <= i) return false;
  const byte = ba.elems[i >> 3];
  if (byte === undefined) throw sdkPanic("runtime error: index out of range");
  return (byte & (1 << (7 - (i % 8)))) > 0;
}

function onesCount8(x: number): number {
  let n = 0;
  for (let v = x & 0xff; v !== 0; v &= v - 1) n++;
  return n;
}

/** NumTrueBitsBefore(index): set bits among the first `index` bits (Go's loop over the bytes). */
export function bitArrayTrueBitsBefore(ba: CompactBitArray, index: number): number {
  let ones = 0;
  const max = bitArrayCount(ba);
  const idx = index > max ? max : index;
  for (let elem = 0; elem < ba.elems.length; elem++) {
    const byte = ba.elems[elem] as number;
    if (elem * 8 + 7 >= idx) {
      // Go shifts a uint8 right by 8 - idx%8; a shift by 8 leaves 0.
      const shift = 7 - (idx % 8) + 1;
      ones += shift >= 8 ? 0 : onesCount8(byte >> shift);
      return ones;
    }
    ones += onesCount8(byte);
  }
  return ones;
}
