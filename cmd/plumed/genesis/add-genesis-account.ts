import { existsSync } from "node:fs";
import type { AddressCodec } from "../../../app/address";
import { bytesToHex } from "../../../app/encoding";
import { readGenesisDoc, writeGenesisDoc } from "../../../app/genesis-doc";
import { asArray, asObject, asString, asUint } from "../../../app/json-read";
import { Coin, Coins, parseCoinsNormalized } from "../../../app/math";
import type { JsonObject, JsonValue } from "../../../app/module";
import { BASE_ACCOUNT_TYPE_URL, MODULE_ACCOUNT_TYPE_URL } from "../../../x/auth/account";
import { parseAuthGenesis } from "../../../x/auth/genesis";
import { parseBankGenesis } from "../../../x/bank/genesis";
import { homePaths } from "../home";

/**
 * `plumed genesis add-genesis-account`: what the SDK's genutil.AddGenesisAccount does to
 * genesis.json, for plumed's auth and bank sections.
 *
 * - A new address becomes a BaseAccount (no public key, sequence 0) with the next account number
 *   (one above the highest in genesis; 0 for the first), and a balance of `coins`. Accounts are
 *   kept sorted by account number, balances by address bytes (SanitizeGenesisAccounts/Balances).
 * - An address already in genesis is refused, unless `append`: then `coins` are added to its
 *   balance.
 * - Supply stays consistent with the balances: an empty supply means "computed at InitGenesis"
 *   and stays empty while other balances exist; otherwise it grows by `coins` (so the first
 *   account of a fresh genesis sets it, as the SDK does).
 * - The result is validated with the auth and bank genesis readers before it is written.
 */
export interface AddGenesisAccountInput {
  readonly home: string;
  readonly address: Uint8Array;
  readonly coins: string;
  readonly append?: boolean;
  readonly addresses: AddressCodec;
}

export function parseGenesisCoins(text: string): Coins {
  const coins = parseCoinsNormalized(text);
  const invalid = coins.validate();
  if (invalid) throw new Error(`invalid coins "${text}": ${invalid.message}`);
  if (coins.isEmpty()) throw new Error(`invalid coins "${text}": no positive amount`);
  return coins;
}

function coinsFromJson(v: JsonValue | undefined, path: string): Coins {
  return Coins.of(
    ...asArray(v, path).map((c, i) => {
      const o = asObject(c, `${path}[${i}]`);
      return Coin.of(asString(o["denom"], `${path}[${i}].denom`), asUint(o["amount"], `${path}[${i}].amount`));
    }),
  );
}

const coinsToJson = (coins: Coins): JsonValue[] => coins.toArray().map((c) => ({ denom: c.denom, amount: c.amount.toString() }));

function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
  return a.length - b.length;
}

function accountAddress(account: JsonObject): string {
  if (account["@type"] === MODULE_ACCOUNT_TYPE_URL) return asString(asObject(account["base_account"], "base_account")["address"], "base_account.address");
  return asString(account["address"], "address");
}

function accountNumber(account: JsonObject): bigint {
  const base = account["@type"] === MODULE_ACCOUNT_TYPE_URL ? asObject(account["base_account"], "base_account") : account;
  return asUint(base["account_number"] ?? "0", "account_number");
}

/** Returns the genesis account's bech32 address and its account number. */
export function addGenesisAccount(input: AddGenesisAccountInput): { address: string; accountNumber: bigint } {
  const { addresses } = input;
  const path = homePaths(input.home).genesis;
  if (!existsSync(path)) throw new Error(`no genesis at ${path} (run "plumed init <moniker> --chain-id <id> --home ${input.home}" first)`);
  const coins = parseGenesisCoins(input.coins);
  const bech32 = addresses.encodeAccount(input.address);
  const hex = bytesToHex(input.address);

  const genesis = readGenesisDoc(path);
  const auth = { ...asObject(genesis.app_state["auth"], `${path}: app_state.auth`) };
  const bank = { ...asObject(genesis.app_state["bank"], `${path}: app_state.bank`) };
  const accounts = asArray(auth["accounts"], "app_state.auth.accounts").map((a, i) => asObject(a, `app_state.auth.accounts[${i}]`));
  const balances = asArray(bank["balances"], "app_state.bank.balances").map((b, i) => asObject(b, `app_state.bank.balances[${i}]`));
  const hadBalances = balances.length > 0;

  const decode = (address: string): string => bytesToHex(addresses.decodeAccount(address));
  const existing = accounts.find((a) => decode(accountAddress(a)) === hex);
  let number: bigint;
  if (existing) {
    if (!input.append) throw new Error(`account ${bech32} already exists in genesis (use --append to add coins to it)`);
    number = accountNumber(existing);
  } else {
    number = accounts.reduce((max, a) => (accountNumber(a) > max ? accountNumber(a) : max), -1n) + 1n;
    accounts.push({ "@type": BASE_ACCOUNT_TYPE_URL, address: bech32, pub_key: null, account_number: number.toString(), sequence: "0" });
    accounts.sort((a, b) => {
      const d = accountNumber(a) - accountNumber(b);
      return d < 0n ? -1 : d > 0n ? 1 : 0;
    });
  }

  const index = balances.findIndex((b) => decode(asString(b["address"], "address")) === hex);
  if (index >= 0) {
    const entry = balances[index] as JsonObject;
    balances[index] = { ...entry, coins: coinsToJson(coinsFromJson(entry["coins"], `app_state.bank.balances[${index}].coins`).add(coins)) };
  } else {
    balances.push({ address: bech32, coins: coinsToJson(coins) });
  }
  balances.sort((a, b) => compareBytes(addresses.decodeAccount(asString(a["address"], "address")), addresses.decodeAccount(asString(b["address"], "address"))));

  const supply = coinsFromJson(bank["supply"], "app_state.bank.supply");
  if (!supply.isEmpty() || !hadBalances) bank["supply"] = coinsToJson(supply.add(coins));

  auth["accounts"] = accounts;
  bank["balances"] = balances;
  genesis.app_state = { ...genesis.app_state, auth, bank };
  try {
    parseAuthGenesis(auth, addresses);
    parseBankGenesis(bank, addresses);
  } catch (err) {
    throw new Error(`the new genesis would be invalid: ${(err as Error).message}`);
  }
  writeGenesisDoc(path, genesis);
  return { address: bech32, accountNumber: number };
}
