/**
 * A fix for cosmjs-types 0.11's 64-bit varint writer, applied once when plumed loads.
 *
 * Its `writeVarint64` compares the low 32 bits as a *signed* number, so every int64/uint64 field
 * whose value lies in [2^31, 2^32) (and any value whose low word has bit 31 set while the high
 * word is zero) is written as one wrong byte followed by zeros: 3,959,377,260 reads back as 108.
 * That corrupts consensus params (block max_gas), gas figures in ABCI responses, voting powers
 * and Timestamps after 2038 — silently, and identically on every node, so nothing would notice.
 * The writer below reads both words as unsigned. cosmjs' own clients load the same module
 * (npm dedupes cosmjs-types), so they get the fix too within a plumed process.
 *
 * Remove this file when cosmjs-types ships a fixed writer (app/proto-varint-fix.test.ts tells).
 *
 * The same file fixes the writer's buffer allocation: cosmjs-types 0.11's `BinaryWriter.alloc`
 * builds a new 8 KiB pool at every call (`pool(...)(size)`), so every `encode().finish()` of a
 * message under 4 KiB allocated and zeroed 8 KiB and returned a view into it (on the tx hot path:
 * accounts, balances, sign bytes; a twentieth of the app's CPU per bank send, plus the garbage).
 * The pool is now shared, as protobufjs (which that code comes from) intends: small messages are
 * views into one 8 KiB slab until it is full. So, as before, an encoded small message may share
 * its ArrayBuffer with others: whoever keeps one for long copies it (the stores copy what they
 * are given), else it keeps its whole slab alive.
 *
 * And its string reader (`utf8Read`) builds every decoded string from a growing array of char
 * codes, then a copy of it, then a spread: a few hundred bytes of garbage per address or denom.
 * An all-ASCII string (addresses, denoms, amounts, type URLs) now reads as latin1 in one step,
 * which gives exactly the same string; anything else still goes through the original reader.
 */
// The module object itself, not a namespace copy: tsx (which runs bin/plumed) hands a namespace
// import over as a copy with getter-only properties, where an assignment throws.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the assignable module object is the point (see above)
import varint = require("cosmjs-types/varint");
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the assignable module object, as for varint
import utf8 = require("cosmjs-types/utf8");
// A class is the same object through any import: its static `alloc` can be replaced from here.
import { BinaryWriter } from "cosmjs-types/binary";

interface Bits {
  lo: number;
  hi: number;
}

function writeVarint64Unsigned(val: Bits, buf: Uint8Array, start: number): void {
  let pos = start;
  let lo = val.lo >>> 0;
  let hi = val.hi >>> 0;
  while (hi !== 0) {
    buf[pos++] = (lo & 127) | 128;
    lo = ((lo >>> 7) | (hi << 25)) >>> 0;
    hi >>>= 7;
  }
  while (lo > 127) {
    buf[pos++] = (lo & 127) | 128;
    lo >>>= 7;
  }
  buf[pos] = lo;
}

const exportsObject = varint as unknown as { writeVarint64: (val: Bits, buf: Uint8Array, pos: number) => void };
/** Whether the writer in use is plumed's (tests assert that every entry point installs it). */
export const VARINT_FIX_INSTALLED = (() => {
  exportsObject.writeVarint64 = writeVarint64Unsigned;
  return true;
})();

const SLAB_SIZE = 8192;
let slab = new Uint8Array(0);
let slabOffset = SLAB_SIZE;

/** protobufjs' pool, once per process: messages up to half a slab are cut from the current slab. */
function pooledAlloc(size: number): Uint8Array {
  if (size < 1 || size > SLAB_SIZE >>> 1) return new Uint8Array(size);
  if (slabOffset + size > SLAB_SIZE) {
    slab = new Uint8Array(SLAB_SIZE);
    slabOffset = 0;
  }
  const out = slab.subarray(slabOffset, slabOffset + size);
  // Keep each message 8-byte aligned, as protobufjs does.
  slabOffset = (slabOffset + size + 7) & ~7;
  return out;
}

const writerClass = BinaryWriter as unknown as { alloc: (size: number) => Uint8Array };
/** Whether BinaryWriter allocates from one shared pool (see above). */
export const WRITER_ALLOC_FIX_INSTALLED = (() => {
  writerClass.alloc = pooledAlloc;
  return true;
})();

type Utf8Read = (buffer: Uint8Array, start: number, end: number) => string;
const utf8Exports = utf8 as unknown as { utf8Read: Utf8Read };
const originalUtf8Read = utf8Exports.utf8Read;

/** utf8Read with an ASCII fast path (identical output: ASCII bytes are their own char codes). */
function utf8ReadAsciiFirst(buffer: Uint8Array, start: number, end: number): string {
  for (let i = start; i < end; i++) if ((buffer[i] as number) >= 0x80) return originalUtf8Read(buffer, start, end);
  if (end <= start) return "";
  return Buffer.from(buffer.buffer, buffer.byteOffset + start, end - start).toString("latin1");
}

/** Both readers, for the test that holds them to the same output. */
export const UTF8_READERS = { original: originalUtf8Read, asciiFirst: utf8ReadAsciiFirst };

/** Whether cosmjs-types reads ASCII strings without building char-code arrays (see above). */
export const UTF8_READ_FIX_INSTALLED = (() => {
  utf8Exports.utf8Read = utf8ReadAsciiFirst;
  return true;
})();
