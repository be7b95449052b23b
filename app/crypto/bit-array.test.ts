import type { CompactBitArray } from "cosmjs-types/cosmos/crypto/multisig/v1beta1/multisig";
import { bitArrayCount, bitArrayGet, bitArrayTrueBitsBefore } from "./bit-array";

/** The layout cosmjs' makeCompactBitArray writes (bit i = bit 7 - i%8 of byte i/8). */
function makeCompactBitArray(bits: boolean[]): CompactBitArray {
  const elems = new Uint8Array(Math.ceil(bits.length / 8));
  bits.forEach((on, i) => {
    if (on) elems[i >> 3] = (elems[i >> 3] as number) | (1 << (7 - (i % 8)));
  });
  return { elems, extraBitsStored: bits.length % 8 };
}

describe("CompactBitArray", () => {
  it("reads the layout cosmjs' makeCompactBitArray writes", () => {
    const bits = [true, false, true, true, false, false, false, true, false, true];
    const ba = makeCompactBitArray(bits);
    expect(bitArrayCount(ba)).toBe(10);
    expect(bits.map((_, i) => bitArrayGet(ba, i))).toEqual(bits);
    expect(bitArrayGet(ba, 10)).toBe(false);
    expect(bitArrayGet(ba, -1)).toBe(false);
    expect(bitArrayCount(undefined)).toBe(0);
  });

  it("counts set bits before an index (NumTrueBitsBefore)", () => {
    const ba = makeCompactBitArray([true, true, false, true, false]);
    expect([0, 1, 2, 3, 4, 5, 9].map((i) => bitArrayTrueBitsBefore(ba, i))).toEqual([0, 1, 2, 2, 3, 3, 3]);
    const eight = makeCompactBitArray([true, false, true, false, true, false, true, true]);
    expect(bitArrayCount(eight)).toBe(8);
    expect(bitArrayTrueBitsBefore(eight, 8)).toBe(5);
  });
});
