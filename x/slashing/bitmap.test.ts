import { bitPosition, emptyChunk, setBits, testBit, withBit } from "./bitmap";

/**
 * bits-and-blooms/bitset v1.8.0 (the SDK's dependency): bitset.New(1024), Set(0), Set(65),
 * Set(1023), MarshalBinary, printed with hex.EncodeToString by a Go program.
 */
const GO_VECTOR =
  "0000000000000400" +
  "0000000000000001" +
  "0000000000000002" +
  "0000000000000000".repeat(13) +
  "8000000000000000";

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

describe("the missed-block bitmap chunk", () => {
  it("is bitset's MarshalBinary of 1024 bits", () => {
    let chunk = withBit(undefined, 0, true);
    chunk = withBit(chunk, 65, true);
    chunk = withBit(chunk, 1023, true);
    expect(hex(chunk)).toBe(GO_VECTOR);
    expect(hex(emptyChunk())).toBe("0000000000000400" + "00".repeat(128));
  });

  it("reads bits back from Go's bytes and clears them", () => {
    const go = new Uint8Array(Buffer.from(GO_VECTOR, "hex"));
    expect([0, 1, 64, 65, 66, 1022, 1023].map((b) => testBit(go, b))).toEqual([true, false, false, true, false, false, true]);
    expect(setBits(go)).toEqual([0, 65, 1023]);
    const cleared = withBit(go, 65, false);
    expect(setBits(cleared)).toEqual([0, 1023]);
    expect(testBit(undefined, 5)).toBe(false);
  });

  it("puts window index i in chunk i / 1024 at bit i % 1024", () => {
    expect(bitPosition(0n)).toEqual({ chunk: 0n, bit: 0 });
    expect(bitPosition(1023n)).toEqual({ chunk: 0n, bit: 1023 });
    expect(bitPosition(1024n)).toEqual({ chunk: 1n, bit: 0 });
    expect(bitPosition(9999n)).toEqual({ chunk: 9n, bit: 783 });
    expect(() => bitPosition(-1n)).toThrow("negative");
  });

  it("refuses a truncated chunk as bitset's UnmarshalBinary does", () => {
    expect(() => testBit(new Uint8Array(4), 0)).toThrow("unexpected EOF");
    expect(() => testBit(new Uint8Array(Buffer.from("0000000000000400" + "00".repeat(10), "hex")), 0)).toThrow("unexpected EOF");
  });
});
