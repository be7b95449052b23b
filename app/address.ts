import { fromBech32, toBech32 } from "@cosmjs/encoding";
import { createHash } from "node:crypto";
import { ErrInvalidAddress } from "./errors";

/**
 * Bech32 address encoding with the chain's prefixes (a chain setting; default "plume"): accounts
 * use `<prefix>`, validator operators `<prefix>valoper`, consensus addresses `<prefix>valcons`.
 * State stores raw address bytes; bech32 exists only at the edges (messages, JSON, events).
 */
export class AddressCodec {
  readonly account: string;
  readonly validator: string;
  readonly consensus: string;

  constructor(readonly prefix: string) {
    if (!/^[a-z][a-z0-9]{0,30}$/.test(prefix)) throw new Error(`invalid bech32 prefix "${prefix}"`);
    this.account = prefix;
    this.validator = `${prefix}valoper`;
    this.consensus = `${prefix}valcons`;
  }

  encodeAccount(bytes: Uint8Array): string {
    return toBech32(this.account, bytes);
  }

  encodeValidator(bytes: Uint8Array): string {
    return toBech32(this.validator, bytes);
  }

  encodeConsensus(bytes: Uint8Array): string {
    return toBech32(this.consensus, bytes);
  }

  decodeAccount(address: string, field = "address"): Uint8Array {
    return decodeWithPrefix(address, this.account, field);
  }

  decodeValidator(address: string, field = "validator address"): Uint8Array {
    return decodeWithPrefix(address, this.validator, field);
  }

  decodeConsensus(address: string, field = "consensus address"): Uint8Array {
    return decodeWithPrefix(address, this.consensus, field);
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
  return new Uint8Array(createHash("sha256").update(name).digest().subarray(0, 20));
}
