import { BaseAccount, ModuleAccount } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import { Any } from "cosmjs-types/google/protobuf/any";
import { freezeDeep } from "../../app/collections";

export const BASE_ACCOUNT_TYPE_URL = "/cosmos.auth.v1beta1.BaseAccount";
export const MODULE_ACCOUNT_TYPE_URL = "/cosmos.auth.v1beta1.ModuleAccount";

/** An account as the keeper hands it out: the base fields plus, for module accounts, name and permissions. */
export interface Account {
  readonly address: Uint8Array;
  readonly pubKey: Any | undefined;
  readonly accountNumber: bigint;
  readonly sequence: bigint;
  readonly module?: { readonly name: string; readonly permissions: readonly string[] };
}

export function accountToAny(account: Account, bech32Address: string): Any {
  const base = BaseAccount.fromPartial({
    address: bech32Address,
    pubKey: account.pubKey,
    accountNumber: account.accountNumber,
    sequence: account.sequence,
  });
  if (account.module) {
    const m = ModuleAccount.fromPartial({ baseAccount: base, name: account.module.name, permissions: [...account.module.permissions] });
    return Any.fromPartial({ typeUrl: MODULE_ACCOUNT_TYPE_URL, value: ModuleAccount.encode(m).finish() });
  }
  return Any.fromPartial({ typeUrl: BASE_ACCOUNT_TYPE_URL, value: BaseAccount.encode(base).finish() });
}

/**
 * A base account as stored (the Any's protobuf bytes), written in one pass, byte for byte what
 * `Any.encode(accountToAny(account, bech32))` writes, together with that Any, so that the keeper
 * can store the bytes and remember what they decode to. IncrementSequence rewrites every signer's
 * account in every CheckTx, ReCheck and FinalizeBlock: building two messages and encoding twice
 * was a tenth of a bank send's CPU. Module accounts (rarely written) take `accountToAny`.
 */
export function encodeBaseAccountAny(account: Account, bech32Address: string): { readonly any: Any; readonly bytes: Uint8Array } {
  if (account.module) throw new Error("encodeBaseAccountAny: a module account");
  const address = utf8Bytes(bech32Address);
  const pk = account.pubKey;
  const pkTypeUrl = pk === undefined ? EMPTY : utf8Bytes(pk.typeUrl);
  const pkInner = pk === undefined ? 0 : fieldLength(pkTypeUrl.length) + fieldLength(pk.value.length);
  const baseLength =
    fieldLength(address.length) +
    (pk === undefined ? 0 : 1 + varintLength(pkInner) + pkInner) +
    (account.accountNumber === 0n ? 0 : 1 + bigVarintLength(account.accountNumber)) +
    (account.sequence === 0n ? 0 : 1 + bigVarintLength(account.sequence));
  const typeUrl = BASE_ACCOUNT_TYPE_URL_BYTES;
  const bytes = new Uint8Array(fieldLength(typeUrl.length) + fieldLength(baseLength));
  const w = { at: 0 };
  writeBytesField(bytes, w, 10, typeUrl);
  // Field 2 of the Any: the BaseAccount.
  bytes[w.at++] = 18;
  writeVarint(bytes, w, baseLength);
  const valueStart = w.at;
  writeBytesField(bytes, w, 10, address);
  if (pk !== undefined) {
    bytes[w.at++] = 18;
    writeVarint(bytes, w, pkInner);
    writeBytesField(bytes, w, 10, pkTypeUrl);
    writeBytesField(bytes, w, 18, pk.value);
  }
  if (account.accountNumber !== 0n) {
    bytes[w.at++] = 24;
    writeBigVarint(bytes, w, account.accountNumber);
  }
  if (account.sequence !== 0n) {
    bytes[w.at++] = 32;
    writeBigVarint(bytes, w, account.sequence);
  }
  if (w.at !== bytes.length) throw new Error(`encodeBaseAccountAny: wrote ${w.at} of ${bytes.length} bytes`);
  const any: Any = { typeUrl: BASE_ACCOUNT_TYPE_URL, value: bytes.subarray(valueStart) };
  return { any, bytes };
}

const EMPTY = new Uint8Array(0);
const BASE_ACCOUNT_TYPE_URL_BYTES = new TextEncoder().encode(BASE_ACCOUNT_TYPE_URL);
const textEncoder = new TextEncoder();

function utf8Bytes(s: string): Uint8Array {
  return s === "" ? EMPTY : textEncoder.encode(s);
}

function varintLength(n: number): number {
  let len = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    len++;
  }
  return len;
}

function bigVarintLength(n: bigint): number {
  let len = 1;
  while (n >= 0x80n) {
    n >>= 7n;
    len++;
  }
  return len;
}

/** A length-delimited field's size, or 0 when empty (proto3 leaves empty strings and bytes out). */
function fieldLength(length: number): number {
  return length === 0 ? 0 : 1 + varintLength(length) + length;
}

function writeVarint(out: Uint8Array, w: { at: number }, n: number): void {
  while (n >= 0x80) {
    out[w.at++] = (n & 0x7f) | 0x80;
    n = Math.floor(n / 128);
  }
  out[w.at++] = n;
}

function writeBigVarint(out: Uint8Array, w: { at: number }, n: bigint): void {
  while (n >= 0x80n) {
    out[w.at++] = Number(n & 0x7fn) | 0x80;
    n >>= 7n;
  }
  out[w.at++] = Number(n);
}

function writeBytesField(out: Uint8Array, w: { at: number }, tag: number, value: Uint8Array): void {
  if (value.length === 0) return;
  out[w.at++] = tag;
  writeVarint(out, w, value.length);
  out.set(value, w.at);
  w.at += value.length;
}

/** Remembers what an Any made by encodeBaseAccountAny decodes to, so that its next read skips decoding it. */
export function rememberAccountFields(any: Any, account: Account): void {
  if (decodedAccounts.has(any)) return;
  const { pubKey, accountNumber, sequence } = account;
  // A copy of the key: the caller's object (e.g. a decoded tx's) is not frozen or shared.
  const key = pubKey === undefined ? undefined : { typeUrl: pubKey.typeUrl, value: pubKey.value.slice() };
  decodedAccounts.set(any, freezeDeep({ pubKey: key, accountNumber, sequence }));
}

/**
 * The accounts decoded from each Any object. The store's Anys are shared per stored value (x/auth's
 * Accounts collection remembers them), so an account read again, unchanged, is not parsed again.
 */
const decodedAccounts = new WeakMap<Any, Omit<Account, "address">>();

export function accountFromAny(any: Any, address: Uint8Array): Account {
  let fields = decodedAccounts.get(any);
  if (fields === undefined) {
    // Shared by every read of this Any: frozen, so that no caller can change it for the others.
    fields = freezeDeep(decodeAccountFields(any));
    decodedAccounts.set(any, fields);
  }
  const { pubKey, accountNumber, sequence, module } = fields;
  return module === undefined ? { address, pubKey, accountNumber, sequence } : { address, pubKey, accountNumber, sequence, module };
}

function decodeAccountFields(any: Any): Omit<Account, "address"> {
  if (any.typeUrl === BASE_ACCOUNT_TYPE_URL) {
    const b = BaseAccount.decode(any.value);
    return { pubKey: b.pubKey, accountNumber: b.accountNumber, sequence: b.sequence };
  }
  if (any.typeUrl === MODULE_ACCOUNT_TYPE_URL) {
    const m = ModuleAccount.decode(any.value);
    const b = m.baseAccount ?? BaseAccount.fromPartial({});
    return { pubKey: b.pubKey, accountNumber: b.accountNumber, sequence: b.sequence, module: { name: m.name, permissions: m.permissions } };
  }
  throw new Error(`unsupported account type ${any.typeUrl}`);
}
