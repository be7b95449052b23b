/**
 * ABCI socket framing: every message is an unsigned varint length followed by that many bytes of
 * protobuf, as CometBFT writes it with `binary.PutUvarint` and reads it with `binary.ReadUvarint`
 * (cometbft `libs/protoio/{writer,reader}.go`, `abci/types/messages.go`). Not zigzag, not fixed
 * width.
 */

/** A FinalizeBlock request carries a whole block (consensus max_bytes may be raised to ~100 MB). */
export const DEFAULT_MAX_FRAME_SIZE = 256 * 1024 * 1024;

/**
 * CometBFT's own ceiling (`maxMsgSize = math.MaxInt32` in `abci/types/messages.go`); a limit above
 * it could never be reached by a well-behaved peer, so configurations beyond it are refused.
 */
export const MAX_FRAME_SIZE_LIMIT = 2 ** 31 - 1;

/** A uint64 takes at most 10 varint bytes (Go's `binary.MaxVarintLen64`). */
export const MAX_VARINT_BYTES = 10;

export type FrameErrorCode = "varint-overflow" | "frame-too-large";

/** The byte stream cannot be split into frames; the connection it came from is unusable. */
export class FrameError extends Error {
  constructor(
    readonly code: FrameErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "FrameError";
  }
}

export function validateMaxFrameSize(maxFrameSize: number): number {
  if (!Number.isSafeInteger(maxFrameSize) || maxFrameSize < 0 || maxFrameSize > MAX_FRAME_SIZE_LIMIT) {
    throw new RangeError(`maxFrameSize must be an integer in [0, ${MAX_FRAME_SIZE_LIMIT}], got ${maxFrameSize}`);
  }
  return maxFrameSize;
}

/** Bytes `encodeUvarint(value)` takes. */
export function uvarintLength(value: number): number {
  let n = 1;
  for (let v = value; v >= 0x80; v = Math.floor(v / 0x80)) n++;
  return n;
}

/** Writes `value` (a safe non-negative integer) as an unsigned LEB128 varint at `offset`; returns the end offset. */
export function writeUvarint(value: number, target: Uint8Array, offset: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`cannot encode ${value} as a uvarint`);
  let v = value;
  let pos = offset;
  while (v >= 0x80) {
    // Division, not `>>>`: lengths may exceed 2^31 in principle and bit operators truncate to 32 bits.
    target[pos++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
  target[pos++] = v;
  return pos;
}

export function encodeUvarint(value: number): Uint8Array {
  const out = new Uint8Array(uvarintLength(value));
  writeUvarint(value, out, 0);
  return out;
}

/** One frame: length prefix then payload, in a single fresh buffer (one write, one syscall). */
export function encodeFrame(payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(uvarintLength(payload.length) + payload.length);
  out.set(payload, writeUvarint(payload.length, out, 0));
  return out;
}

export interface FrameDecoderOptions {
  /** Largest accepted payload in bytes; default {@link DEFAULT_MAX_FRAME_SIZE}. */
  readonly maxFrameSize?: number;
}

/**
 * Splits a byte stream into frames, however the stream is chunked: frames split across chunks,
 * many frames in one chunk, one byte at a time.
 *
 * Returned frames never share memory with a buffer that is written again: a frame that sits
 * inside one chunk is a view of that chunk (socket chunks are fresh allocations that Node never
 * reuses), a frame spread over several chunks is copied once into its own buffer. That is what
 * lets the server decode a frame in place, with decoded `bytes` fields (txs) as views into it,
 * instead of copying a ~100 MB block once more (`decodeRequestFrame` in methods.ts).
 *
 * Nothing is allocated for a declared length before its bytes arrive, so a peer announcing a huge
 * frame costs only what it actually sends.
 *
 * Zero-length frames are valid framing (CometBFT's reader accepts length 0 and unmarshals an empty
 * message); they are returned as empty payloads and it is up to the caller to reject an empty
 * Request, as the Go server does (it finds no method set).
 *
 * After a {@link FrameError} the decoder stays failed: the stream has lost its frame boundaries.
 */
export class FrameDecoder {
  readonly maxFrameSize: number;

  // Length prefix being read.
  private varintValue = 0;
  private varintBytes = 0;
  // Payload being collected; `bodyLength < 0` means we are reading a length prefix.
  private bodyLength = -1;
  private bodyParts: Uint8Array[] = [];
  private bodyReceived = 0;
  private failure: FrameError | undefined;

  constructor(options: FrameDecoderOptions = {}) {
    this.maxFrameSize = validateMaxFrameSize(options.maxFrameSize ?? DEFAULT_MAX_FRAME_SIZE);
  }

  /** True when bytes of an unfinished frame are held (a stream ending now was cut mid-frame). */
  get midFrame(): boolean {
    return this.varintBytes > 0 || this.bodyLength >= 0;
  }

  /** Feeds a chunk; returns the frames it completes, in order. Throws {@link FrameError}. */
  push(chunk: Uint8Array): Uint8Array[] {
    if (this.failure) throw this.failure;
    const frames: Uint8Array[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      if (this.bodyLength < 0) {
        offset = this.readLength(chunk, offset, frames);
        continue;
      }
      const need = this.bodyLength - this.bodyReceived;
      const available = chunk.length - offset;
      if (this.bodyParts.length === 0 && available >= need) {
        frames.push(chunk.subarray(offset, offset + need));
        offset += need;
        this.bodyLength = -1;
        continue;
      }
      const take = Math.min(need, available);
      this.bodyParts.push(chunk.subarray(offset, offset + take));
      this.bodyReceived += take;
      offset += take;
      if (this.bodyReceived === this.bodyLength) {
        frames.push(concat(this.bodyParts, this.bodyLength));
        this.bodyParts = [];
        this.bodyReceived = 0;
        this.bodyLength = -1;
      }
    }
    return frames;
  }

  /** Consumes length-prefix bytes from `offset`; returns the offset after them. */
  private readLength(chunk: Uint8Array, start: number, frames: Uint8Array[]): number {
    let offset = start;
    while (offset < chunk.length) {
      const byte = chunk[offset++] as number;
      const index = this.varintBytes++;
      // Same rule as Go's binary.ReadUvarint: at most 10 bytes, and the 10th may only carry bit 63.
      if (index === MAX_VARINT_BYTES - 1 && byte > 1) {
        throw this.fail("varint-overflow", "frame length varint overflows 64 bits");
      }
      // Multiplication, not shifts: exact up to 2^53, and anything beyond is over the limit anyway.
      this.varintValue += (byte & 0x7f) * 2 ** (7 * index);
      if (byte < 0x80) {
        const length = this.varintValue;
        this.varintValue = 0;
        this.varintBytes = 0;
        if (length > this.maxFrameSize) {
          throw this.fail("frame-too-large", `frame of ${length} bytes exceeds the limit of ${this.maxFrameSize}`);
        }
        if (length === 0) frames.push(new Uint8Array(0));
        else this.bodyLength = length;
        return offset;
      }
      if (this.varintBytes === MAX_VARINT_BYTES) {
        throw this.fail("varint-overflow", "frame length varint is longer than 10 bytes");
      }
    }
    return offset;
  }

  private fail(code: FrameErrorCode, message: string): FrameError {
    this.failure = new FrameError(code, message);
    this.bodyParts = [];
    return this.failure;
  }
}

function concat(parts: readonly Uint8Array[], length: number): Uint8Array {
  const out = new Uint8Array(length);
  let pos = 0;
  for (const part of parts) {
    out.set(part, pos);
    pos += part.length;
  }
  return out;
}
