import { BinaryReader, BinaryWriter } from "cosmjs-types/binary";
import { Request, Response } from "cosmjs-types/tendermint/abci/types";

/**
 * The ABCI 2.0 methods in oneof-tag order (cometbft `proto/tendermint/abci/types.proto`: echo=1,
 * flush=2, info=3, init_chain=5, ... finalize_block=20; 4, 7, 9, 10 are reserved). The field names
 * are the same in `Request` and `Response`, and equal the `AbciApplication` method names.
 */
export const REQUEST_METHODS = [
  "echo",
  "flush",
  "info",
  "initChain",
  "query",
  "checkTx",
  "commit",
  "listSnapshots",
  "offerSnapshot",
  "loadSnapshotChunk",
  "applySnapshotChunk",
  "prepareProposal",
  "processProposal",
  "extendVote",
  "verifyVoteExtension",
  "finalizeBlock",
] as const satisfies readonly (keyof Request)[];

export type RequestMethod = (typeof REQUEST_METHODS)[number];

// Compile-time guard: a Request field missing from REQUEST_METHODS would make this `never`.
const everyRequestFieldListed: [Exclude<keyof Request, RequestMethod>] extends [never] ? true : never = true;
void everyRequestFieldListed;

/** Methods answered by the application rather than by the socket server itself. */
export type ApplicationMethod = Exclude<RequestMethod, "echo" | "flush">;

export type RequestShape = { readonly method: RequestMethod } | { readonly problem: string };

/**
 * The method a decoded Request calls. Exactly one oneof field must be set: none means an empty
 * frame or a method this version does not know (protobuf decoding skips unknown fields), and
 * several cannot come from a conforming encoder. `frame` only improves the message.
 */
export function requestShape(req: Request, frame?: Uint8Array): RequestShape {
  let found: RequestMethod | undefined;
  let count = 0;
  for (const method of REQUEST_METHODS) {
    if (req[method] !== undefined) {
      found = method;
      count++;
    }
  }
  if (found !== undefined && count === 1) return { method: found };
  if (count > 1) return { problem: `Request sets ${count} methods at once` };
  if (frame === undefined || frame.length === 0) return { problem: "empty Request (no method set)" };
  const field = firstFieldNumber(frame);
  return { problem: `Request has no known method${field === undefined ? "" : ` (field ${field})`}` };
}

/** Which field a Response carries; "exception" when the server reported an error. */
export function responseMethod(res: Response): RequestMethod | "exception" | undefined {
  if (res.exception !== undefined) return "exception";
  for (const method of REQUEST_METHODS) {
    if (res[method] !== undefined) return method;
  }
  return undefined;
}

/**
 * A framed Response in one buffer: protobuf-encoding inside a forked writer and closing it with
 * `ldelim` writes the uvarint length in front without copying the (possibly large) body again.
 */
export function encodeResponseFrame(res: Response): Uint8Array {
  const writer = BinaryWriter.create().fork();
  Response.encode(res, writer);
  return finishExact(writer.ldelim());
}

/** Same as {@link encodeResponseFrame} for a Request (the client side). */
export function encodeRequestFrame(req: Request): Uint8Array {
  const writer = BinaryWriter.create().fork();
  Request.encode(req, writer);
  return finishExact(writer.ldelim());
}

/**
 * `BinaryWriter.finish()` of cosmjs-types 0.11 builds a new 8 KiB pool on every call and returns
 * small messages as views into it: a wasted slab per message (measurable in the empty-block bench)
 * and 8 KiB kept alive by each small frame. This writes the same bytes into an exact-size buffer.
 */
function finishExact(writer: BinaryWriter): Uint8Array {
  const out = new Uint8Array(writer.len);
  let pos = 0;
  // The head op is the writer's no-op placeholder, as in finish().
  for (let op = writer.head.next; op !== undefined && op !== null; op = op.next) {
    op.proceed(out, pos);
    pos += op.len;
  }
  return out;
}

/**
 * Decodes a Request from a frame without copying it. `new BinaryReader(bytes)` copies its input
 * (`new Uint8Array(buf)`), which for a ~100 MB block doubles memory; a FrameDecoder frame is
 * never written again, so reading it in place is safe. Decoded `bytes` fields (txs) are views
 * into the frame.
 */
export function decodeRequestFrame(frame: Uint8Array): Request {
  return Request.decode(readerOver(frame));
}

/** {@link decodeRequestFrame} for a Response. */
export function decodeResponseFrame(frame: Uint8Array): Response {
  return Response.decode(readerOver(frame));
}

function readerOver(frame: Uint8Array): BinaryReader {
  const reader = new BinaryReader();
  reader.buf = frame;
  reader.len = frame.length;
  return reader;
}

function firstFieldNumber(frame: Uint8Array): number | undefined {
  let key = 0;
  for (let i = 0; i < 5 && i < frame.length; i++) {
    const byte = frame[i] as number;
    key += (byte & 0x7f) * 2 ** (7 * i);
    if (byte < 0x80) return Math.floor(key / 8);
  }
  return undefined;
}
