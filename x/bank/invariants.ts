import { Coins } from "../../app/math";
import type { KVStoreReader } from "../../app/store/types";
import type { BankViewKeeper } from "./keeper";

/** The outcome of an invariant check; `message` follows sdk.FormatInvariant ("bank: <name> invariant\n..."). */
export interface InvariantResult {
  readonly broken: boolean;
  readonly message: string;
}

const format = (name: string, body: string): string => `bank: ${name} invariant\n${body}\n`;

/** nonnegative-outstanding: every stored balance is a valid, positive coin. */
export function nonnegativeOutstandingInvariant(keeper: BankViewKeeper, store: KVStoreReader): InvariantResult {
  const lines: string[] = [];
  for (const { address, coin } of keeper.allBalances(store)) {
    if (!coin.isValid() || !coin.isPositive()) lines.push(`\t${keeper.addresses.encodeAccount(address)} has a negative or zero balance of ${coin.toString()}`);
  }
  const body = lines.length === 0 ? "" : `amount of negative balances found ${lines.length}\n${lines.join("\n")}`;
  return { broken: lines.length > 0, message: format("nonnegative-outstanding", body) };
}

/** total-supply: the stored supply equals the sum of all balances. */
export function totalSupplyInvariant(keeper: BankViewKeeper, store: KVStoreReader): InvariantResult {
  let sum = Coins.empty();
  for (const { coin } of keeper.allBalances(store)) sum = sum.add(coin);
  const supply = keeper.totalSupply(store);
  const body = `\tsum of accounts coins: ${sum.toString()}\n\tsupply.Total:          ${supply.toString()}`;
  return { broken: !sum.equal(supply), message: format("total-supply", body) };
}
