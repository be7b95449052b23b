import { existsSync } from "node:fs";
import type { AddressCodec } from "../../../app/address";
import { compareBytes } from "../../../app/store/bytes";
import { readGenesisDoc, writeGenesisDoc } from "../../../app/genesis-doc";
import { Coin, Coins, parseCoinsNormalized } from "../../../app/math";
import { authGenesisToJson, parseAuthGenesis } from "../../../x/auth/genesis";
import { bankGenesisStateToJson, parseBankGenesis, readBankGenesisState } from "../../../x/bank/genesis";
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
 * - Both sections are read and written by the auth and bank genesis readers and writers (the SDK's
 *   JSON, as the SDK re-marshals them), and the result is validated before it is written.
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

/** Returns the genesis account's bech32 address and its account number. */
export function addGenesisAccount(input: AddGenesisAccountInput): { address: string; accountNumber: bigint } {
  const { addresses } = input;
  const path = homePaths(input.home).genesis;
  if (!existsSync(path)) throw new Error(`no genesis at ${path} (run "plumed init <moniker> --chain-id <id> --home ${input.home}" first)`);
  const coins = parseGenesisCoins(input.coins);
  const bech32 = addresses.encodeAccount(input.address);

  const genesis = readGenesisDoc(path);
  const auth = parseAuthGenesis(genesis.app_state["auth"] ?? null, addresses);
  const bank = readBankGenesisState(genesis.app_state["bank"] ?? null);
  const hadBalances = bank.balances.length > 0;

  const accounts = [...auth.accounts];
  const existing = accounts.find((a) => compareBytes(a.address, input.address) === 0);
  let number: bigint;
  if (existing) {
    if (!input.append) throw new Error(`account ${bech32} already exists in genesis (use --append to add coins to it)`);
    number = existing.accountNumber;
  } else {
    number = accounts.reduce((max, a) => (a.accountNumber > max ? a.accountNumber : max), -1n) + 1n;
    accounts.push({ address: input.address, pubKey: undefined, accountNumber: number, sequence: 0n });
    accounts.sort((a, b) => (a.accountNumber < b.accountNumber ? -1 : a.accountNumber > b.accountNumber ? 1 : 0));
  }

  const decode = (address: string): Uint8Array => addresses.decodeAccount(address);
  const balances = [...bank.balances];
  const index = balances.findIndex((b) => compareBytes(decode(b.address), input.address) === 0);
  const held = (list: readonly { denom: string; amount: string }[]): Coins => Coins.of(...list.map((c) => Coin.fromProto(c)));
  if (index >= 0) {
    const entry = balances[index] as (typeof balances)[number];
    balances[index] = { ...entry, coins: held(entry.coins).add(coins).toProto() };
  } else {
    balances.push({ address: bech32, coins: coins.toProto() });
  }
  balances.sort((a, b) => compareBytes(decode(a.address), decode(b.address)));

  const supply = held(bank.supply);
  const newBank = { ...bank, balances, supply: !supply.isEmpty() || !hadBalances ? supply.add(coins).toProto() : bank.supply };
  const authJson = authGenesisToJson({ ...auth, accounts }, addresses);
  const bankJson = bankGenesisStateToJson(newBank);
  try {
    parseAuthGenesis(authJson, addresses);
    parseBankGenesis(bankJson, addresses);
  } catch (err) {
    throw new Error(`the new genesis would be invalid: ${(err as Error).message}`);
  }
  genesis.app_state = { ...genesis.app_state, auth: authJson, bank: bankJson };
  writeGenesisDoc(path, genesis);
  return { address: bech32, accountNumber: number };
}
