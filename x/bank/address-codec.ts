/**
 * Bech32 address decoding with the exact error texts of a Go node, for the places where the SDK
 * puts the decoder's error into a tx log or query error ("invalid from address: decoding bech32
 * failed: invalid checksum (expected ... got ...)"). Two entry points, as the SDK has two:
 * - `stringToBytes`: the address codec (codec/address/bech32_codec.go), used by v0.50 msg servers
 *   and query servers;
 * - `accAddressFromBech32`: the legacy sdk.AccAddressFromBech32 (types/address.go), used by
 *   MsgMultiSend's Input/Output checks and genesis.
 * The bech32 part follows github.com/cosmos/btcutil v1.0.5 (bech32.Decode with the SDK's 1023 limit,
 * then ConvertBits(5 -> 8, no padding)).
 *
 * Failures are AppErrors: registered SDK errors where the SDK wraps one (ErrLogic for a prefix
 * mismatch, ErrUnknownAddress from VerifyAddressFormat), otherwise plain Go errors (`goError`).
 */
import { ErrLogic, ErrUnknownAddress } from "../../app/errors";
import { goTrimSpace } from "../../app/math/go-compat";
import { LruCache } from "../../app/store/lru-cache";
import { goError } from "./errors";

const CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
const GENERATOR = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3] as const;
/** The SDK decodes with a 1023-character limit (types/bech32/bech32.go). */
const BECH32_LIMIT = 1023;
/** address.MaxAddrLen. */
const MAX_ADDR_LEN = 255;

/** codec.Bech32Codec.StringToBytes with this chain's account prefix. */
export function stringToBytes(prefix: string, text: string): Uint8Array {
  if (goTrimSpace(text).length === 0) throw goError("empty address string is not allowed");
  const { hrp, bytes } = decodeAndConvert(text);
  if (hrp !== prefix) throw ErrLogic.wrap(`hrp does not match bech32 prefix: expected '${prefix}' got '${hrp}'`);
  verifyAddressFormat(bytes);
  return bytes;
}

/** sdk.AccAddressFromBech32 with this chain's account prefix. */
export function accAddressFromBech32(prefix: string, text: string): Uint8Array {
  if (goTrimSpace(text).length === 0) throw goError("empty address string is not allowed");
  const { hrp, bytes } = decodeAndConvert(text);
  if (hrp !== prefix) throw goError(`invalid Bech32 prefix; expected ${prefix}, got ${hrp}`);
  verifyAddressFormat(bytes);
  return bytes;
}

/** sdk.VerifyAddressFormat (no custom verifier is configured). */
export function verifyAddressFormat(bytes: Uint8Array): void {
  if (bytes.length === 0) throw ErrUnknownAddress.wrap("addresses cannot be empty");
  if (bytes.length > MAX_ADDR_LEN) throw ErrUnknownAddress.wrap(`address max length is ${MAX_ADDR_LEN}, got ${bytes.length}`);
}

/** The error text (the whole wrap chain) of any of the above failures. */
export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** bech32.DecodeAndConvert. */
/**
 * Strings decoded before (bech32 is a pure function; failures are not remembered): the same
 * senders and recipients come back in every CheckTx and block. Callers get their own copy.
 */
const decodedAddresses = new LruCache<string, { readonly hrp: string; readonly bytes: Uint8Array }>(20_000);

function decodeAndConvert(text: string): { hrp: string; bytes: Uint8Array } {
  const known = decodedAddresses.get(text);
  if (known !== undefined) return { hrp: known.hrp, bytes: known.bytes.slice() };
  const decoded = decode(text);
  if (typeof decoded === "string") throw goError(`decoding bech32 failed: ${decoded}`);
  const converted = convertBits5to8(decoded.values);
  if (converted === undefined) throw goError("decoding bech32 failed: invalid incomplete group");
  decodedAddresses.set(text, { hrp: decoded.hrp, bytes: converted.slice() });
  return { hrp: decoded.hrp, bytes: converted };
}

/** bech32.Decode(text, 1023): the hrp and 5-bit values, or the Go error text. */
function decode(text: string): { hrp: string; values: number[] } | string {
  const raw = new TextEncoder().encode(text);
  if (raw.length > BECH32_LIMIT || raw.length < 8) return `invalid bech32 string length ${raw.length}`;
  // Normalize: printable ASCII only, one case.
  let hasLower = false;
  let hasUpper = false;
  for (const b of raw) {
    if (b < 33 || b > 126) return `invalid character in string: '${String.fromCharCode(b)}'`;
    hasLower ||= b >= 97 && b <= 122;
    hasUpper ||= b >= 65 && b <= 90;
    if (hasLower && hasUpper) return "string not all lowercase or all uppercase";
  }
  const bech = hasUpper ? text.toLowerCase() : text;
  // DecodeUnsafe: the last '1' separates the hrp from data and a 6-character checksum.
  const one = bech.lastIndexOf("1");
  if (one < 1 || one + 7 > bech.length) return `invalid separator index ${one}`;
  const hrp = bech.slice(0, one);
  const data: number[] = [];
  for (const ch of bech.slice(one + 1)) {
    const v = CHARSET.indexOf(ch);
    if (v < 0) return `invalid character not part of charset: ${ch.charCodeAt(0)}`;
    data.push(v);
  }
  const values = data.slice(0, data.length - 6);
  const checksum = data.slice(data.length - 6);
  if (polymod(hrp, [...values, ...checksum]) !== 1) {
    const expectedMod = polymod(hrp, [...values, 0, 0, 0, 0, 0, 0]) ^ 1;
    let expected = "";
    for (let i = 0; i < 6; i++) expected += CHARSET[(expectedMod >>> (5 * (5 - i))) & 31];
    return `invalid checksum (expected ${expected} got ${bech.slice(bech.length - 6)})`;
  }
  return { hrp, values };
}

function polymod(hrp: string, values: readonly number[]): number {
  let chk = 1;
  const step = (v: number): void => {
    const top = chk >>> 25;
    chk = (((chk & 0x1ffffff) << 5) ^ v) >>> 0;
    for (let i = 0; i < 5; i++) if (((top >>> i) & 1) === 1) chk = (chk ^ (GENERATOR[i] as number)) >>> 0;
  };
  for (let i = 0; i < hrp.length; i++) step(hrp.charCodeAt(i) >>> 5);
  step(0);
  for (let i = 0; i < hrp.length; i++) step(hrp.charCodeAt(i) & 31);
  for (const v of values) step(v);
  return chk;
}

/** ConvertBits(data, 5, 8, false): undefined for an invalid incomplete group. */
function convertBits5to8(values: readonly number[]): Uint8Array | undefined {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const v of values) {
    acc = ((acc << 5) | v) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((acc >>> bits) & 0xff);
    }
  }
  // Any incomplete group must be at most 4 bits, all zeros.
  if (bits > 4 || (acc & ((1 << bits) - 1)) !== 0) return undefined;
  return Uint8Array.from(out);
}
