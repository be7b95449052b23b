import { Bip39 } from "@cosmjs/crypto";
import { createHash } from "node:crypto";

/** A valid 24-word mnemonic derived from a name: deterministic test accounts, never real funds. */
export function testMnemonic(name: string): string {
  const entropy = createHash("sha256").update(`plumed test account ${name}`).digest();
  return Bip39.encode(new Uint8Array(entropy)).toString();
}

/** Mnemonics for a devnet's validator accounts and users, by account name. */
export function testMnemonics(names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((n) => [n, testMnemonic(n)]));
}
