import { Params, type Metadata } from "cosmjs-types/cosmos/bank/v1beta1/bank";
import type { AddressCodec } from "../../app/address";
import type { Context } from "../../app/context";
import type { KVStore, KVStoreReader } from "../../app/store/types";
import { addressPrefix, Balances, BANK_STORE, DenomMetadata, DenomOwnersIndex, ParamsItem, SendEnabled, Supply } from "./state-keys";

/** An amount of one denom; lists of them are sorted by denom with no duplicates or zeros. */
export interface CoinAmount {
  readonly denom: string;
  readonly amount: bigint;
}

export function defaultBankParams(): Params {
  return Params.fromPartial({ sendEnabled: [], defaultSendEnabled: true });
}

/** Read access to balances and supply, for other modules and queries at any height. */
export class BankReader {
  constructor(readonly addresses: AddressCodec) {}

  params(store: KVStoreReader): Params {
    return ParamsItem.get(store) ?? defaultBankParams();
  }

  balance(store: KVStoreReader, address: Uint8Array, denom: string): bigint {
    return Balances.get(store, [address, denom]) ?? 0n;
  }

  /** All balances of an account, sorted by denom (the store's key order). */
  balances(store: KVStoreReader, address: Uint8Array): CoinAmount[] {
    const out: CoinAmount[] = [];
    for (const [[, denom], amount] of Balances.entries(store, { subPrefix: addressPrefix(address) })) out.push({ denom, amount });
    return out;
  }

  supply(store: KVStoreReader, denom: string): bigint {
    return Supply.get(store, denom) ?? 0n;
  }

  totalSupply(store: KVStoreReader): CoinAmount[] {
    const out: CoinAmount[] = [];
    for (const [denom, amount] of Supply.entries(store)) out.push({ denom, amount });
    return out;
  }

  denomMetadata(store: KVStoreReader, denom: string): Metadata | undefined {
    return DenomMetadata.get(store, denom);
  }

  allDenomMetadata(store: KVStoreReader): Metadata[] {
    return [...DenomMetadata.entries(store)].map(([, m]) => m);
  }

  sendEnabledEntries(store: KVStoreReader): { denom: string; enabled: boolean }[] {
    return [...SendEnabled.entries(store)].map(([denom, enabled]) => ({ denom, enabled }));
  }

  *allBalances(store: KVStoreReader): IterableIterator<{ address: Uint8Array; denom: string; amount: bigint }> {
    for (const [[address, denom], amount] of Balances.entries(store)) yield { address, denom, amount };
  }
}

/** The sole owner of the "bank" store. */
export class BankKeeper extends BankReader {
  store(ctx: Context): KVStore {
    return ctx.kvStore(BANK_STORE);
  }

  getParams(ctx: Context): Params {
    return this.params(this.store(ctx));
  }

  setParams(ctx: Context, params: Params): void {
    ParamsItem.set(this.store(ctx), params);
  }

  getBalance(ctx: Context, address: Uint8Array, denom: string): bigint {
    return this.balance(this.store(ctx), address, denom);
  }

  getAllBalances(ctx: Context, address: Uint8Array): CoinAmount[] {
    return this.balances(this.store(ctx), address);
  }

  /** Writes one balance; zero removes the entry (and the denom-owner index entry). */
  setBalance(ctx: Context, address: Uint8Array, denom: string, amount: bigint): void {
    if (amount < 0n) throw new Error(`negative balance for ${denom}`);
    const store = this.store(ctx);
    if (amount === 0n) {
      Balances.delete(store, [address, denom]);
      DenomOwnersIndex.delete(store, [denom, address]);
    } else {
      Balances.set(store, [address, denom], amount);
      DenomOwnersIndex.set(store, [denom, address], true);
    }
  }

  getSupply(ctx: Context, denom: string): bigint {
    return this.supply(this.store(ctx), denom);
  }

  setSupply(ctx: Context, denom: string, amount: bigint): void {
    if (amount === 0n) Supply.delete(this.store(ctx), denom);
    else Supply.set(this.store(ctx), denom, amount);
  }

  setDenomMetadata(ctx: Context, metadata: Metadata): void {
    DenomMetadata.set(this.store(ctx), metadata.base, metadata);
  }

  setSendEnabled(ctx: Context, denom: string, enabled: boolean): void {
    SendEnabled.set(this.store(ctx), denom, enabled);
  }
}
