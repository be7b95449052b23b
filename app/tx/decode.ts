/**
 * Tx decoding with the SDK v0.50 default decoder's strictness (x/auth/tx/decoder.go):
 *
 * 1. `rejectNonADR027TxRaw`: TxRaw fields in ascending order, only BYTES fields, length prefixes
 *    as short as possible.
 * 2. Unknown fields are rejected in TxRaw and AuthInfo (strict) and in TxBody except non-critical
 *    ones (see unknown-fields.ts), at every depth: sub-messages, and every Any (messages, public
 *    keys, Anys inside messages) after resolving its type URL.
 * 3. TxRaw, TxBody and AuthInfo are then decoded with gogoproto's semantics: the last value of a
 *    scalar or oneof wins, repeated fields append, repeated occurrences of a singular message field
 *    merge. Messages must be registered Msg types, public keys registered key types.
 *
 * Every failure is ErrTxDecode (sdk/2), with the SDK's text in front.
 */
import type { CompactBitArray } from "cosmjs-types/cosmos/crypto/multisig/v1beta1/multisig";
import { AppError, ErrTxDecode } from "../errors";
import type { MsgHandlerDef } from "../module";
import { Int } from "../math/int";
import { PUBKEY_TYPE_URLS, pubKeyFromAny, type PubKey } from "../crypto/keys";
import { defaultSchemaRegistry, type SchemaRegistry } from "../../proto/schema/registry";
import {
  WIRE_BYTES,
  WIRE_VARINT,
  bytesPayload,
  consumeFieldValue,
  consumeTag,
  consumeVarint,
  readFields,
  varintMinLength,
  wireErrorText,
  type WireField,
} from "./proto-wire";
import { MessageTables, WireError, rejectUnknownFields, type MessageTable, type TypeResolver } from "./unknown-fields";

export interface TxAny {
  readonly typeUrl: string;
  readonly value: Uint8Array;
}

export interface DecodedMsg {
  readonly typeUrl: string;
  /** The Any's value bytes as received. */
  readonly value: Uint8Array;
  readonly msg: unknown;
  readonly def: MsgHandlerDef<unknown>;
}

export interface TxBodyData {
  readonly messages: readonly TxAny[];
  readonly memo: string;
  /** len(memo) as Go counts it: bytes on the wire. */
  readonly memoByteLength: number;
  readonly timeoutHeight: bigint;
  readonly extensionOptions: readonly TxAny[];
  readonly nonCriticalExtensionOptions: readonly TxAny[];
}

export type ModeInfoSum =
  | { readonly single: { readonly mode: number } }
  | { readonly multi: { readonly bitarray: CompactBitArray | undefined; readonly modeInfos: readonly ModeInfoData[] } };

/** A ModeInfo that is present; `sum` is undefined when neither single nor multi is set. */
export interface ModeInfoData {
  readonly sum: ModeInfoSum | undefined;
}

export interface SignerInfoData {
  readonly publicKey: TxAny | undefined;
  /** The decoded key (undefined when the signer info carries none). */
  readonly pubKey: PubKey | undefined;
  readonly modeInfo: ModeInfoData | undefined;
  readonly sequence: bigint;
}

/** A fee coin; `amount` is undefined for the empty string (a nil math.Int in Go). */
export interface FeeCoin {
  readonly denom: string;
  readonly rawAmount: string;
  readonly amount: Int | undefined;
}

export interface FeeData {
  readonly amount: readonly FeeCoin[];
  readonly gasLimit: bigint;
  readonly payer: string;
  readonly granter: string;
}

export interface TipData {
  readonly amount: readonly FeeCoin[];
  readonly tipper: string;
}

export interface AuthInfoData {
  readonly signerInfos: readonly SignerInfoData[];
  readonly fee: FeeData | undefined;
  readonly tip: TipData | undefined;
}

export interface DecodedTx {
  readonly txBytes: Uint8Array;
  readonly bodyBytes: Uint8Array;
  readonly authInfoBytes: Uint8Array;
  readonly signatures: readonly Uint8Array[];
  readonly body: TxBodyData;
  readonly authInfo: AuthInfoData;
  readonly msgs: readonly DecodedMsg[];
  readonly bodyHasUnknownNonCriticals: boolean;
}

/** What the decoder needs from the app: the registered messages (the interface registry). */
export interface MsgRegistry {
  has(typeUrl: string): boolean;
  handler(typeUrl: string): MsgHandlerDef<unknown>;
  /** Registered interface implementations messages may carry in an Any (TextProposal). */
  hasImplementation?(typeUrl: string): boolean;
}

/**
 * The interface registry's Resolve over registered messages and public keys: the field table of the
 * type a URL names. Other types (in the SDK, whatever modules register as interface
 * implementations) do not resolve yet: no plumed module accepts them.
 */
export function typeResolver(msgs: MsgRegistry, tables: MessageTables): TypeResolver {
  // Only hits are cached: an unknown type URL (anyone can send one) must not grow the cache, and a
  // message registered later must still resolve.
  const cache = new Map<string, MessageTable>();
  return (typeUrl) => {
    const hit = cache.get(typeUrl);
    if (hit !== undefined) return hit;
    if (!PUBKEY_TYPE_URLS.includes(typeUrl) && !msgs.has(typeUrl) && msgs.hasImplementation?.(typeUrl) !== true) return undefined;
    // A registered type without a schema is a wiring bug; refusing the tx keeps every node agreeing
    // (test/every-registered-message-refuses-unknown-fields-at-any-depth.test.ts keeps it from shipping).
    const table = tables.get(typeUrl);
    if (table === undefined) throw new WireError(`no protobuf schema for registered type URL ${typeUrl}`);
    cache.set(typeUrl, table);
    return table;
  };
}

/** rejectNonADR027TxRaw: ascending field numbers, BYTES only, minimal length prefixes. */
export function rejectNonADR027TxRaw(bytes: Uint8Array): void {
  let prev = 0;
  let pos = 0;
  const end = bytes.length;
  while (pos < end) {
    const tag = consumeTag(bytes, pos, end);
    if (tag.n < 0) throw new WireError(`invalid length; ${wireErrorText(tag.n)}`);
    if (tag.wireType !== WIRE_BYTES) throw new WireError(`expected ${WIRE_BYTES} wire type, got ${tag.wireType}`);
    if (tag.num < prev) throw new WireError(`txRaw must follow ADR-027, got tagNum ${tag.num} after tagNum ${prev}`);
    prev = tag.num;
    const length = consumeVarint(bytes, pos + tag.n, end);
    if (length.n < 0) throw new WireError(`invalid length; ${wireErrorText(length.n)}`);
    const min = varintMinLength(length.value);
    if (min !== length.n) {
      throw new WireError(`length prefix varint for tagNum ${tag.num} is not as short as possible, read ${length.n}, only need ${min}`);
    }
    const n = consumeFieldValue(tag.num, tag.wireType, bytes, pos + tag.n, end);
    if (n < 0) throw new WireError(`invalid length; ${wireErrorText(n)}`);
    pos += tag.n + n;
  }
}

// ---- gogoproto-semantics decoding of the (already validated) envelope ----

const textDecoder = new TextDecoder();

function str(buf: Uint8Array, f: WireField): string {
  return textDecoder.decode(bytesPayload(buf, f));
}

function varintField(buf: Uint8Array, f: WireField, goName: string): bigint {
  if (f.wireType !== WIRE_VARINT) throw new WireError(`proto: wrong wireType = ${f.wireType} for field ${goName}`);
  return consumeVarint(buf, f.valueStart, f.valueEnd).value;
}

/** Repeated occurrences of a singular (non-oneof) message field merge: decode their concatenation. */
function merged(buf: Uint8Array, fields: readonly WireField[]): Uint8Array | undefined {
  if (fields.length === 0) return undefined;
  if (fields.length === 1) return bytesPayload(buf, fields[0] as WireField);
  const parts = fields.map((f) => bytesPayload(buf, f));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function byNumber(fields: readonly WireField[], num: number): WireField[] {
  return fields.filter((f) => f.num === num);
}

function decodeAny(bytes: Uint8Array): TxAny {
  let typeUrl = "";
  let value: Uint8Array = new Uint8Array();
  for (const f of readFields(bytes)) {
    if (f.num === 1) typeUrl = str(bytes, f);
    else if (f.num === 2) value = bytesPayload(bytes, f);
  }
  return { typeUrl, value };
}

function decodeTxRaw(bytes: Uint8Array): { bodyBytes: Uint8Array; authInfoBytes: Uint8Array; signatures: Uint8Array[] } {
  let bodyBytes: Uint8Array = new Uint8Array();
  let authInfoBytes: Uint8Array = new Uint8Array();
  const signatures: Uint8Array[] = [];
  for (const f of readFields(bytes)) {
    if (f.num === 1) bodyBytes = bytesPayload(bytes, f);
    else if (f.num === 2) authInfoBytes = bytesPayload(bytes, f);
    else if (f.num === 3) signatures.push(bytesPayload(bytes, f));
  }
  return { bodyBytes, authInfoBytes, signatures };
}

function decodeBody(bytes: Uint8Array): TxBodyData {
  const messages: TxAny[] = [];
  const extensionOptions: TxAny[] = [];
  const nonCriticalExtensionOptions: TxAny[] = [];
  let memo = "";
  let memoByteLength = 0;
  let timeoutHeight = 0n;
  const fields = readFields(bytes);
  for (const f of fields) {
    switch (f.num) {
      case 1:
        messages.push(decodeAny(bytesPayload(bytes, f)));
        break;
      case 2: {
        const raw = bytesPayload(bytes, f);
        memo = textDecoder.decode(raw);
        memoByteLength = raw.length;
        break;
      }
      case 3:
        timeoutHeight = BigInt.asUintN(64, varintField(bytes, f, "TimeoutHeight"));
        break;
      case 1023:
        extensionOptions.push(decodeAny(bytesPayload(bytes, f)));
        break;
      case 2047:
        nonCriticalExtensionOptions.push(decodeAny(bytesPayload(bytes, f)));
        break;
      default:
        break; // a non-critical unknown field, already accounted for
    }
  }
  return { messages, memo, memoByteLength, timeoutHeight, extensionOptions, nonCriticalExtensionOptions };
}

function decodeCoin(bytes: Uint8Array): FeeCoin {
  let denom = "";
  let rawAmount = "";
  for (const f of readFields(bytes)) {
    if (f.num === 1) denom = str(bytes, f);
    else if (f.num === 2) rawAmount = str(bytes, f);
  }
  let amount: Int | undefined;
  if (rawAmount !== "") {
    try {
      amount = Int.fromProto(rawAmount);
    } catch (err) {
      // math.Int's Unmarshal error, which the SDK wraps in ErrTxDecode.
      const text = err instanceof AppError && ErrTxDecode.is(err) ? err.message.replace(/: tx parse error$/, "") : (err as Error).message;
      throw new WireError(text);
    }
  }
  return { denom, rawAmount, amount };
}

function decodeBitArray(bytes: Uint8Array): CompactBitArray {
  let extraBitsStored = 0;
  let elems: Uint8Array = new Uint8Array();
  for (const f of readFields(bytes)) {
    if (f.num === 1) extraBitsStored = Number(BigInt.asUintN(32, varintField(bytes, f, "ExtraBitsStored")));
    else if (f.num === 2) elems = bytesPayload(bytes, f);
  }
  return { extraBitsStored, elems };
}

function decodeModeInfo(bytes: Uint8Array): ModeInfoData {
  let sum: ModeInfoSum | undefined;
  for (const f of readFields(bytes)) {
    // A oneof: each occurrence replaces the previous value.
    if (f.num === 1) {
      const inner = bytesPayload(bytes, f);
      let mode = 0;
      for (const g of readFields(inner)) if (g.num === 1) mode = Number(BigInt.asIntN(32, varintField(inner, g, "Mode")));
      sum = { single: { mode } };
    } else if (f.num === 2) {
      const inner = bytesPayload(bytes, f);
      const fields = readFields(inner);
      const ba = merged(inner, byNumber(fields, 1));
      const modeInfos = byNumber(fields, 2).map((g) => decodeModeInfo(bytesPayload(inner, g)));
      sum = { multi: { bitarray: ba === undefined ? undefined : decodeBitArray(ba), modeInfos } };
    }
  }
  return { sum };
}

function decodeSignerInfo(bytes: Uint8Array): SignerInfoData {
  const fields = readFields(bytes);
  const pkBytes = merged(bytes, byNumber(fields, 1));
  const miBytes = merged(bytes, byNumber(fields, 2));
  let sequence = 0n;
  for (const f of byNumber(fields, 3)) sequence = BigInt.asUintN(64, varintField(bytes, f, "Sequence"));
  const publicKey = pkBytes === undefined ? undefined : decodeAny(pkBytes);
  let pubKey: PubKey | undefined;
  if (publicKey !== undefined && publicKey.typeUrl !== "") {
    if (!PUBKEY_TYPE_URLS.includes(publicKey.typeUrl)) {
      // Resolvable (a Msg type) but not a key: UnpackAny's interface check.
      throw new WireError(`no concrete type registered for type URL ${publicKey.typeUrl} against interface *types.PubKey`);
    }
    pubKey = pubKeyFromAny(publicKey);
  }
  return { publicKey, pubKey, modeInfo: miBytes === undefined ? undefined : decodeModeInfo(miBytes), sequence };
}

function decodeFee(bytes: Uint8Array): FeeData {
  const amount: FeeCoin[] = [];
  let gasLimit = 0n;
  let payer = "";
  let granter = "";
  for (const f of readFields(bytes)) {
    if (f.num === 1) amount.push(decodeCoin(bytesPayload(bytes, f)));
    else if (f.num === 2) gasLimit = BigInt.asUintN(64, varintField(bytes, f, "GasLimit"));
    else if (f.num === 3) payer = str(bytes, f);
    else if (f.num === 4) granter = str(bytes, f);
  }
  return { amount, gasLimit, payer, granter };
}

function decodeTip(bytes: Uint8Array): TipData {
  const amount: FeeCoin[] = [];
  let tipper = "";
  for (const f of readFields(bytes)) {
    if (f.num === 1) amount.push(decodeCoin(bytesPayload(bytes, f)));
    else if (f.num === 2) tipper = str(bytes, f);
  }
  return { amount, tipper };
}

function decodeAuthInfo(bytes: Uint8Array): AuthInfoData {
  const fields = readFields(bytes);
  const signerInfos = byNumber(fields, 1).map((f) => decodeSignerInfo(bytesPayload(bytes, f)));
  const feeBytes = merged(bytes, byNumber(fields, 2));
  const tipBytes = merged(bytes, byNumber(fields, 3));
  return {
    signerInfos,
    fee: feeBytes === undefined ? undefined : decodeFee(feeBytes),
    tip: tipBytes === undefined ? undefined : decodeTip(tipBytes),
  };
}

function decodeMessages(body: TxBodyData, msgs: MsgRegistry, resolve: TypeResolver): DecodedMsg[] {
  return body.messages.map((any) => {
    if (any.typeUrl === "" || !msgs.has(any.typeUrl)) {
      // Resolvable but not a Msg (a public key type): UnpackAny's interface check.
      throw new WireError(`no concrete type registered for type URL ${any.typeUrl} against interface *types.Msg`);
    }
    const def = msgs.handler(any.typeUrl);
    let msg: unknown;
    try {
      msg = def.codec.decode(any.value);
    } catch (err) {
      throw new WireError(`failed to decode ${resolve(any.typeUrl)?.goType ?? any.typeUrl}: ${(err as Error).message}`);
    }
    return { typeUrl: any.typeUrl, value: any.value, msg, def };
  });
}

/** A tx decoder bound to the app's message registry. */
export class TxDecoder {
  private readonly resolve: TypeResolver;
  private readonly txRaw: MessageTable;
  private readonly txBody: MessageTable;
  private readonly authInfo: MessageTable;

  /** `schemas` describes every message the walk for unknown fields may meet (registered ones included). */
  constructor(
    private readonly msgs: MsgRegistry,
    schemas: SchemaRegistry = defaultSchemaRegistry(),
  ) {
    const tables = new MessageTables(schemas);
    this.resolve = typeResolver(msgs, tables);
    this.txRaw = tables.require("cosmos.tx.v1beta1.TxRaw");
    this.txBody = tables.require("cosmos.tx.v1beta1.TxBody");
    this.authInfo = tables.require("cosmos.tx.v1beta1.AuthInfo");
  }

  /** Decodes, or throws ErrTxDecode with the SDK's text. */
  decode(txBytes: Uint8Array): DecodedTx {
    try {
      return this.decodeOrThrow(txBytes);
    } catch (err) {
      if (err instanceof AppError && ErrTxDecode.is(err)) throw err;
      const text = err instanceof Error ? err.message : String(err);
      throw ErrTxDecode.wrap(text);
    }
  }

  private decodeOrThrow(txBytes: Uint8Array): DecodedTx {
    rejectNonADR027TxRaw(txBytes);
    rejectUnknownFields(txBytes, this.txRaw, false, this.resolve);
    const raw = decodeTxRaw(txBytes);
    const bodyHasUnknownNonCriticals = rejectUnknownFields(raw.bodyBytes, this.txBody, true, this.resolve);
    const body = decodeBody(raw.bodyBytes);
    const msgs = decodeMessages(body, this.msgs, this.resolve);
    rejectUnknownFields(raw.authInfoBytes, this.authInfo, false, this.resolve);
    const authInfo = decodeAuthInfo(raw.authInfoBytes);
    return {
      txBytes,
      bodyBytes: raw.bodyBytes,
      authInfoBytes: raw.authInfoBytes,
      signatures: raw.signatures,
      body,
      authInfo,
      msgs,
      bodyHasUnknownNonCriticals,
    };
  }
}

/** Decodes a MultiSignature (the signature bytes of a multisig signer), rejecting unknown fields. */
export function decodeMultiSignature(bytes: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let fields: WireField[];
  try {
    fields = readFields(bytes);
  } catch (err) {
    throw new Error(`proto: MultiSignature: ${(err as Error).message}`, { cause: err });
  }
  for (const f of fields) {
    if (f.num === 1 && f.wireType === WIRE_BYTES) out.push(bytesPayload(bytes, f));
    else if (f.num === 1) throw new Error(`proto: wrong wireType = ${f.wireType} for field Signatures`);
    else throw new Error("rejecting unrecognized fields found in MultiSignature");
  }
  return out;
}

