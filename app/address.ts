import { fromBech32, toBech32 } from "@cosmjs/encoding";
import { createHash } from "node:crypto";
import { ErrInvalidAddress } from "./errors";
import { latin1Key } from "./store/bytes";
import { LruCache } from "./store/lru-cache";

/**
 * Addresses converted per prefix and direction that are remembered (bech32 is pure, so a cache
 * changes no result; it saves the checksum and base conversion on the tx hot path, where the
 * same few thousand senders and recipients come back in every CheckTx, block and event).
 */
const ADDRESS_CACHE_SIZE = 20_000;

/** bech32 both ways for one prefix, remembered; failures are never cached (their text depends on the field). */
class Bech32Cache {
  private readonly encoded = new LruCache<string, string>(ADDRESS_CACHE_SIZE);
  private readonly decoded = new LruCache<string, Uint8Array>(ADDRESS_CACHE_SIZE);

  constructor(readonly prefix: string) {}

  encode(bytes: Uint8Array): string {
    const key = latin1Key(bytes);
    let text = this.encoded.get(key);
    if (text === undefined) {
      text = toBech32(this.prefix, bytes);
      this.encoded.set(key, text);
    }
    return text;
  }

  /** The address bytes (a fresh copy: callers own what they get). */
  decode(address: string, field: string): Uint8Array {
    let bytes = this.decoded.get(address);
    if (bytes === undefined) {
      bytes = decodeWithPrefix(address, this.prefix, field);
      this.decoded.set(address, bytes.slice());
      return bytes;
    }
    return bytes.slice();
  }
}

/**
 * Bech32 address encoding with the chain's prefixes (a chain setting; default "plume"): accounts
 * use `<prefix>`, validator operators `<prefix>valoper`, consensus addresses `<prefix>valcons`.
 * State stores raw address bytes; bech32 exists only at the edges (messages, JSON, events).
 */
export class AddressCodec {
  readonly account: string;
  readonly validator: string;
  readonly consensus: string;
  private readonly accounts: Bech32Cache;
  private readonly validators: Bech32Cache;
  private readonly consensusAddresses: Bech32Cache;

  constructor(readonly prefix: string) {
    if (!/^[a-z][a-z0-9]{0,30}$/.test(prefix)) throw new Error(`invalid bech32 prefix "${prefix}"`);
    this.account = prefix;
    this.validator = `${prefix}valoper`;
    this.consensus = `${prefix}valcons`;
    this.accounts = new Bech32Cache(this.account);
    this.validators = new Bech32Cache(this.validator);
    this.consensusAddresses = new Bech32Cache(this.consensus);
  }

  encodeAccount(bytes: Uint8Array): string {
    return this.accounts.encode(bytes);
  }

  encodeValidator(bytes: Uint8Array): string {
    return this.validators.encode(bytes);
  }

  encodeConsensus(bytes: Uint8Array): string {
    return this.consensusAddresses.encode(bytes);
  }

  decodeAccount(address: string, field = "address"): Uint8Array {
    return this.accounts.decode(address, field);
  }

  decodeValidator(address: string, field = "validator address"): Uint8Array {
    return this.validators.decode(address, field);
  }

  decodeConsensus(address: string, field = "consensus address"): Uint8Array {
    return this.consensusAddresses.decode(address, field);
  }
}

function decodeWithPrefix(address: string, prefix: string, field: string): Uint8Array {
  if (address === "") throw ErrInvalidAddress.wrap(`empty ${field} string is not allowed`);
  let decoded: { prefix: string; data: Uint8Array };
  try {
    // An explicit limit: cosmjs passes Infinity by default, which newer @scure/base refuses.
    decoded = fromBech32(address, 256);
  } catch (err) {
    throw ErrInvalidAddress.wrap(`invalid ${field} ${JSON.stringify(address)}: ${(err as Error).message}`);
  }
  if (decoded.prefix !== prefix) {
    throw ErrInvalidAddress.wrap(`invalid Bech32 prefix; expected ${prefix}, got ${decoded.prefix}`);
  }
  verifyAddressFormat(decoded.data);
  return decoded.data;
}

/** The SDK's default address rule: 1..255 bytes (20 for keys, 32 for module-derived addresses). */
export function verifyAddressFormat(bytes: Uint8Array): void {
  if (bytes.length === 0) throw ErrInvalidAddress.wrap("addresses cannot be empty");
  if (bytes.length > 255) throw ErrInvalidAddress.wrap(`address max length is 255, got ${bytes.length}`);
}

/** A module account's address: the first 20 bytes of sha256(module name), as x/auth derives it. */
export function moduleAddress(name: string): Uint8Array {
  // Asked for at every fee deduction and module transfer; derived once per name (a fresh copy out).
  let address = moduleAddresses.get(name);
  if (address === undefined) {
    address = new Uint8Array(createHash("sha256").update(name).digest().subarray(0, 20));
    moduleAddresses.set(name, address);
  }
  return address.slice();
}

/** Bounded: queries may ask for any name. */
const moduleAddresses = new LruCache<string, Uint8Array>(256);
