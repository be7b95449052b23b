import {
  DEFAULT_MAX_FRAME_SIZE,
  FrameDecoder,
  FrameError,
  MAX_FRAME_SIZE_LIMIT,
  encodeFrame,
  encodeUvarint,
  uvarintLength,
} from "./framing";

function bytes(...values: number[]): Uint8Array {
  return Uint8Array.from(values);
}

function payload(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = (i * 31 + seed) & 0xff;
  return out;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const part of parts) {
    out.set(part, pos);
    pos += part.length;
  }
  return out;
}

/** Feeds `stream` in chunks of the given sizes (cycling) and returns every frame produced. */
function decodeInChunks(stream: Uint8Array, sizes: readonly number[], decoder = new FrameDecoder()): Uint8Array[] {
  const frames: Uint8Array[] = [];
  let offset = 0;
  for (let i = 0; offset < stream.length; i++) {
    const size = sizes[i % sizes.length] as number;
    frames.push(...decoder.push(stream.subarray(offset, offset + size)));
    offset += size;
  }
  return frames;
}

function errorOf(fn: () => unknown): FrameError {
  try {
    fn();
  } catch (err) {
    if (err instanceof FrameError) return err;
    throw err;
  }
  throw new Error("expected a FrameError");
}

describe("uvarint encoding (Go binary.PutUvarint)", () => {
  it.each([
    [0, [0x00]],
    [1, [0x01]],
    [127, [0x7f]],
    [128, [0x80, 0x01]],
    [300, [0xac, 0x02]],
    [16384, [0x80, 0x80, 0x01]],
    [2 ** 31 - 1, [0xff, 0xff, 0xff, 0xff, 0x07]],
    [2 ** 35, [0x80, 0x80, 0x80, 0x80, 0x80, 0x01]],
  ])("encodes %d", (value, expected) => {
    expect(Array.from(encodeUvarint(value))).toEqual(expected);
    expect(uvarintLength(value)).toBe(expected.length);
  });

  it("refuses negative and fractional values", () => {
    expect(() => encodeUvarint(-1)).toThrow(RangeError);
    expect(() => encodeUvarint(1.5)).toThrow(RangeError);
  });
});

describe("FrameDecoder", () => {
  const payloads = [payload(0, 1), payload(1, 2), payload(127, 3), payload(128, 4), payload(300, 5), payload(70_000, 6)];
  const stream = concat(payloads.map(encodeFrame));

  it("decodes frames packed into one chunk", () => {
    expect(new FrameDecoder().push(stream)).toEqual(payloads);
  });

  it("decodes frames delivered one byte at a time", () => {
    expect(decodeInChunks(stream, [1])).toEqual(payloads);
  });

  it.each([[[2]], [[3, 7]], [[1000]], [[65536]], [[5, 1, 129, 4096]]])("decodes frames split as %j", (sizes) => {
    expect(decodeInChunks(stream, sizes)).toEqual(payloads);
  });

  it("returns a zero-length frame as an empty payload (valid framing, as in CometBFT)", () => {
    const frames = new FrameDecoder().push(bytes(0x00, 0x00, 0x01, 0x2a));
    expect(frames).toEqual([bytes(), bytes(), bytes(0x2a)]);
  });

  it("copies a frame assembled from several chunks, so later writes to those chunks do not reach it", () => {
    const frame = encodeFrame(bytes(1, 2, 3, 4));
    const first = frame.slice(0, 3);
    const second = frame.slice(3);
    const decoder = new FrameDecoder();
    expect(decoder.push(first)).toEqual([]);
    const [out] = decoder.push(second);
    first.fill(0xee);
    second.fill(0xee);
    expect(out).toEqual(bytes(1, 2, 3, 4));
  });

  it("reports whether it is in the middle of a frame", () => {
    const decoder = new FrameDecoder();
    expect(decoder.midFrame).toBe(false);
    decoder.push(bytes(0xac)); // half of the varint 300
    expect(decoder.midFrame).toBe(true);
    decoder.push(bytes(0x02, 1, 2));
    expect(decoder.midFrame).toBe(true);
    decoder.push(payload(298, 0));
    expect(decoder.midFrame).toBe(false);
  });

  it("accepts a frame of exactly the maximum size and rejects one byte more", () => {
    expect(new FrameDecoder({ maxFrameSize: 10 }).push(encodeFrame(payload(10, 0)))).toHaveLength(1);
    const err = errorOf(() => new FrameDecoder({ maxFrameSize: 10 }).push(encodeUvarint(11)));
    expect(err.code).toBe("frame-too-large");
  });

  it("rejects an oversized frame from its header alone, before any body arrives", () => {
    const decoder = new FrameDecoder();
    expect(errorOf(() => decoder.push(encodeUvarint(DEFAULT_MAX_FRAME_SIZE + 1))).code).toBe("frame-too-large");
  });

  it("stays failed after an error", () => {
    const decoder = new FrameDecoder({ maxFrameSize: 4 });
    expect(() => decoder.push(encodeUvarint(5))).toThrow(FrameError);
    expect(() => decoder.push(encodeFrame(bytes(1)))).toThrow(FrameError);
  });

  it("rejects a length varint longer than 10 bytes", () => {
    const err = errorOf(() => new FrameDecoder().push(new Uint8Array(11).fill(0x80)));
    expect(err.code).toBe("varint-overflow");
  });

  it("rejects a 10-byte varint whose last byte overflows 64 bits, even when split", () => {
    const decoder = new FrameDecoder();
    decoder.push(new Uint8Array(9).fill(0xff));
    expect(errorOf(() => decoder.push(bytes(0x02))).code).toBe("varint-overflow");
  });

  it("treats a valid 10-byte varint (2^63) as a length over the limit", () => {
    const max64 = bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01);
    expect(errorOf(() => new FrameDecoder().push(max64)).code).toBe("frame-too-large");
  });

  it("accepts non-minimal varints as Go's ReadUvarint does", () => {
    expect(new FrameDecoder().push(bytes(0x81, 0x00, 0x07))).toEqual([bytes(0x07)]);
  });

  it("validates the configured limit", () => {
    expect(() => new FrameDecoder({ maxFrameSize: -1 })).toThrow(RangeError);
    expect(() => new FrameDecoder({ maxFrameSize: MAX_FRAME_SIZE_LIMIT + 1 })).toThrow(RangeError);
    expect(new FrameDecoder({ maxFrameSize: MAX_FRAME_SIZE_LIMIT }).maxFrameSize).toBe(MAX_FRAME_SIZE_LIMIT);
  });
});
