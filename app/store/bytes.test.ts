import {
  compareBytes,
  copyBytes,
  concatBytes,
  decodeU64BE,
  decodeU64BEBig,
  encodeU64BE,
  encodeU64BEBig,
  latin1Key,
  encodeUvarint,
  prefixEnd,
  putZigzagVarint,
  readUvarint,
  toHex,
} from "./bytes";

describe("bytes", () => {
  it("compares as unsigned bytes, shorter prefix first", () => {
    expect(compareBytes(new Uint8Array([1]), new Uint8Array([1, 0]))).toBeLessThan(0);
    expect(compareBytes(new Uint8Array([0x80]), new Uint8Array([0x7f]))).toBeGreaterThan(0);
    expect(compareBytes(new Uint8Array([]), new Uint8Array([]))).toBe(0);
    expect(compareBytes(new Uint8Array([2, 1]), new Uint8Array([2, 1]))).toBe(0);
  });

  it("computes the exclusive end of a prefix range", () => {
    expect(prefixEnd(new Uint8Array([1, 2]))).toEqual(new Uint8Array([1, 3]));
    expect(prefixEnd(new Uint8Array([1, 0xff]))).toEqual(new Uint8Array([2]));
    expect(prefixEnd(new Uint8Array([0xff, 0xff]))).toBeUndefined();
    expect(prefixEnd(new Uint8Array([]))).toBeUndefined();
  });

  it("encodes u64 big-endian so that byte order is numeric order", () => {
    const values = [0, 1, 255, 256, 2 ** 32 - 1, 2 ** 32, Number.MAX_SAFE_INTEGER];
    for (const v of values) expect(decodeU64BE(encodeU64BE(v))).toBe(v);
    for (let i = 1; i < values.length; i++) {
      expect(compareBytes(encodeU64BE(values[i - 1] as number), encodeU64BE(values[i] as number))).toBeLessThan(0);
    }
    expect(toHex(encodeU64BE(0x0102030405))).toBe("0000000102030405");
    expect(() => encodeU64BE(-1)).toThrow();
    expect(() => encodeU64BE(1.5)).toThrow();
  });

  it("encodes bigint u64s big-endian into arrays of their own", () => {
    const a = encodeU64BEBig(0xfedcba9876543210n);
    const b = encodeU64BEBig(1n);
    expect(toHex(a)).toBe("fedcba9876543210");
    expect(toHex(b)).toBe("0000000000000001");
    expect(decodeU64BEBig(a)).toBe(0xfedcba9876543210n);
    expect(decodeU64BEBig(Uint8Array.of(9, ...a), 1)).toBe(0xfedcba9876543210n);
    expect(() => encodeU64BEBig(1n << 64n)).toThrow();
  });

  it("gives equal strings for equal bytes, short or long, views or not", () => {
    for (const n of [0, 1, 20, 33, 64, 65, 200]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + n) & 0xff);
      const expected = Buffer.from(bytes).toString("latin1");
      expect(latin1Key(bytes)).toBe(expected);
      const framed = Uint8Array.of(1, 2, ...bytes, 3);
      expect(latin1Key(framed.subarray(2, 2 + n))).toBe(expected);
    }
    expect(latin1Key(Uint8Array.of(1, 2))).not.toBe(latin1Key(Uint8Array.of(1, 3)));
  });

  it("writes Go-compatible uvarints and zigzag varints", () => {
    expect(toHex(encodeUvarint(0))).toBe("00");
    expect(toHex(encodeUvarint(127))).toBe("7f");
    expect(toHex(encodeUvarint(300))).toBe("ac02");
    expect(toHex(encodeUvarint(2 ** 40))).toBe("808080808020");
    const buf = new Uint8Array(16);
    // binary.PutVarint: 1 -> 02, 63 -> 7e, 64 -> 8001
    expect(toHex(buf.subarray(0, putZigzagVarint(buf, 0, 1)))).toBe("02");
    expect(toHex(buf.subarray(0, putZigzagVarint(buf, 0, 63)))).toBe("7e");
    expect(toHex(buf.subarray(0, putZigzagVarint(buf, 0, 64)))).toBe("8001");
    expect(readUvarint(encodeUvarint(2 ** 45 + 7), 0)).toEqual([2 ** 45 + 7, 7]);
  });

  it("concatenates", () => {
    expect(concatBytes(new Uint8Array([1]), new Uint8Array([]), new Uint8Array([2, 3]))).toEqual(new Uint8Array([1, 2, 3]));
  });
});

describe("copies", () => {
  it("never share memory with a Buffer argument", () => {
    const buf = Buffer.from([1, 2, 0xff]);
    const end = prefixEnd(buf);
    expect(end).toEqual(new Uint8Array([1, 3]));
    expect([...buf]).toEqual([1, 2, 0xff]);
    const c = copyBytes(buf);
    buf[0] = 9;
    expect(c[0]).toBe(1);
  });
});
