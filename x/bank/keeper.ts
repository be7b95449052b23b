import { Params, type Metadata } from "cosmjs-types/cosmos/bank/v1beta1/bank";
import { moduleAddress, type AddressCodec } from "../../app/address";
import type { Context } from "../../app/context";
import { bytesToHex } from "../../app/encoding";
import { AppError, ErrInsufficientFunds, ErrInvalidCoins, ErrUnauthorized, ErrUnknownAddress } from "../../app/errors";
import { Coin, Coins, Int, sdkPanic } from "../../app/math";
import type { KVStore, KVStoreReader } from "../../app/store/types";
import { stringToBytes } from "./address-codec";
import { ErrSendDisabled, wrapExact } from "./errors";
import { coinBurnEvent, coinMintEvent, coinReceivedEvent, coinSpentEvent, messageSenderEvent, transferEvent } from "./events";
import { Permissions, type AccountKeeper, type AccountLike } from "./expected-keepers";
import { defaultBankParams } from "./params";
import { BANK_STORE, Balances, DenomMetadata, DenomOwnersIndex, ParamsItem, SendEnabled, Supply, balancesOf } from "./state-keys";

/** One side of a multi-send, with its coins already decoded. */
export interface CoinsAtAddress {
  /** bech32, as given in the message. */
  readonly address: string;
  readonly coins: Coins;
}

/**
 * Read access to x/bank state at any height, for queries, exports and other modules' reads
 * (the SDK's ViewKeeper). Every method takes the bank store (or a branch of it) explicitly.
 *
 * There are no vesting accounts in plumed, so nothing is ever locked: spendable = balance.
 */
export class BankViewKeeper {
  constructor(readonly addresses: AddressCodec) {}

  /** The params; the defaults before genesis has set them. */
  params(store: KVStoreReader): Params {
    return ParamsItem.get(store) ?? defaultBankParams();
  }

  /** GetBalance: the balance of one denom, a zero coin when there is none. */
  balance(store: KVStoreReader, address: Uint8Array, denom: string): Coin {
    return Coin.unchecked(denom, Balances.get(store, [address, denom]) ?? Int.zero());
  }

  /** GetAllBalances: every non-zero balance of the account, sorted by denom (key order). */
  balances(store: KVStoreReader, address: Uint8Array): Coins {
    const coins: Coin[] = [];
    for (const [[, denom], amount] of Balances.entries(store, { subPrefix: balancesOf(address) })) coins.push(Coin.unchecked(denom, amount));
    return Coins.unchecked(coins);
  }

  /** SpendableCoins (no locked coins without vesting accounts). */
  spendableCoins(store: KVStoreReader, address: Uint8Array): Coins {
    return this.balances(store, address);
  }

  /** SpendableCoin. */
  spendableCoin(store: KVStoreReader, address: Uint8Array, denom: string): Coin {
    return this.balance(store, address, denom);
  }

  /** Every balance of every account: addresses in key order, each account's denoms sorted. */
  *allBalances(store: KVStoreReader): IterableIterator<{ readonly address: Uint8Array; readonly coin: Coin }> {
    for (const [[address, denom], amount] of Balances.entries(store)) yield { address, coin: Coin.unchecked(denom, amount) };
  }

  /** GetAccountsBalances: one entry per account, in key order. */
  accountsBalances(store: KVStoreReader): { readonly address: Uint8Array; readonly coins: Coins }[] {
    const out: { address: Uint8Array; coins: Coin[] }[] = [];
    let current: { address: Uint8Array; coins: Coin[] } | undefined;
    for (const { address, coin } of this.allBalances(store)) {
      if (current === undefined || bytesToHex(current.address) !== bytesToHex(address)) {
        current = { address, coins: [] };
        out.push(current);
      }
      current.coins.push(coin);
    }
    return out.map((e) => ({ address: e.address, coins: Coins.unchecked(e.coins) }));
  }

  /** GetSupply: a zero coin for an unknown denom. */
  supply(store: KVStoreReader, denom: string): Coin {
    return Coin.unchecked(denom, Supply.get(store, denom) ?? Int.zero());
  }

  hasSupply(store: KVStoreReader, denom: string): boolean {
    return Supply.has(store, denom);
  }

  /** The total supply of every denom, sorted by denom. */
  totalSupply(store: KVStoreReader): Coins {
    const coins: Coin[] = [];
    for (const [denom, amount] of Supply.entries(store)) coins.push(Coin.unchecked(denom, amount));
    return Coins.unchecked(coins);
  }

  denomMetadata(store: KVStoreReader, denom: string): Metadata | undefined {
    return DenomMetadata.get(store, denom);
  }

  /** All denom metadata, by base denom. */
  allDenomMetadata(store: KVStoreReader): Metadata[] {
    return [...DenomMetadata.entries(store)].map(([, m]) => m);
  }

  /** The per-denom override, if one is stored (getSendEnabled: a `has`, then a read only if present, as gas counts them). */
  sendEnabledEntry(store: KVStoreReader, denom: string): boolean | undefined {
    if (!SendEnabled.has(store, denom)) return undefined;
    return SendEnabled.get(store, denom);
  }

  /** Every per-denom override, by denom; denoms not listed use default_send_enabled. */
  sendEnabledEntries(store: KVStoreReader): { readonly denom: string; readonly enabled: boolean }[] {
    return [...SendEnabled.entries(store)].map(([denom, enabled]) => ({ denom, enabled }));
  }

  isSendEnabledDenom(store: KVStoreReader, denom: string): boolean {
    return this.sendEnabledEntry(store, denom) ?? this.params(store).defaultSendEnabled;
  }
}

export interface BankKeeperOptions {
  /**
   * Addresses that may not receive funds through MsgSend, MsgMultiSend or
   * sendCoinsFromModuleToAccount (simapp blocks every module account except gov's).
   */
  readonly blockedAddresses?: readonly Uint8Array[];
  /** The bech32 account allowed to run MsgUpdateParams and MsgSetSendEnabled; default: x/gov's module account. */
  readonly authority?: string;
}

/**
 * The sole writer of the "bank" store: balances, supply, denom metadata, send-enabled flags, params
 * (the SDK's BaseKeeper, v0.50 x/bank/keeper/{keeper,send}.go).
 *
 * Contract: a transfer that fails on funds or coin validity throws before its first balance write,
 * so no half transfer is ever visible. Like the SDK, a module account is created on first use even
 * if the operation then fails, and a panic (amount overflow) can stop midway: callers run on a
 * branch, as every tx does, and drop it on a throw. Errors carry the SDK's codes and texts; where
 * the SDK panics (unknown module account, missing permission) the throw is an ErrPanic-coded
 * AppError, as baseapp's panic recovery reports it.
 */
export class BankKeeper extends BankViewKeeper {
  readonly authority: string;
  private readonly blocked: ReadonlySet<string>;

  constructor(
    addresses: AddressCodec,
    private readonly accounts: AccountKeeper,
    options: BankKeeperOptions = {},
  ) {
    super(addresses);
    this.authority = options.authority ?? addresses.encodeAccount(moduleAddress("gov"));
    // NewBaseKeeper panics on an authority that does not decode.
    stringToBytes(addresses.account, this.authority);
    this.blocked = new Set((options.blockedAddresses ?? []).map(bytesToHex));
  }

  /** The bank store of this context, gas-metered. */
  store(ctx: Context): KVStore {
    return ctx.kvStore(BANK_STORE);
  }

  // --- params and flags -------------------------------------------------------------------------

  getParams(ctx: Context): Params {
    return this.params(this.store(ctx));
  }

  /**
   * SetParams: a (deprecated) send_enabled list inside params is moved to the per-denom entries
   * and left out of the stored params.
   */
  setParams(ctx: Context, params: Params): void {
    let stored = params;
    if (params.sendEnabled.length > 0) {
      this.setAllSendEnabled(ctx, params.sendEnabled);
      stored = Params.fromPartial({ sendEnabled: [], defaultSendEnabled: params.defaultSendEnabled });
    }
    ParamsItem.set(this.store(ctx), stored);
  }

  isSendEnabledCoin(ctx: Context, denom: string): boolean {
    return this.isSendEnabledDenom(this.store(ctx), denom);
  }

  /** IsSendEnabledCoins: ErrSendDisabled "<denom> transfers are currently disabled" for the first disabled coin. */
  assertSendEnabled(ctx: Context, coins: Coins): void {
    if (coins.isEmpty()) return;
    const store = this.store(ctx);
    const defaultEnabled = this.params(store).defaultSendEnabled;
    for (const coin of coins) {
      if (!(this.sendEnabledEntry(store, coin.denom) ?? defaultEnabled)) {
        throw ErrSendDisabled.wrap(`${coin.denom} transfers are currently disabled`);
      }
    }
  }

  setSendEnabled(ctx: Context, denom: string, enabled: boolean): void {
    SendEnabled.set(this.store(ctx), denom, enabled);
  }

  setAllSendEnabled(ctx: Context, entries: readonly { readonly denom: string; readonly enabled: boolean }[]): void {
    const store = this.store(ctx);
    for (const e of entries) SendEnabled.set(store, e.denom, e.enabled);
  }

  /** Removes overrides (the denoms go back to the default); unknown denoms are ignored. */
  deleteSendEnabled(ctx: Context, denoms: readonly string[]): void {
    const store = this.store(ctx);
    for (const denom of denoms) SendEnabled.delete(store, denom);
  }

  /** BlockedAddr: whether the address may not receive funds from users. */
  isBlockedAddress(address: Uint8Array): boolean {
    return this.blocked.has(bytesToHex(address));
  }

  setDenomMetadata(ctx: Context, metadata: Metadata): void {
    DenomMetadata.set(this.store(ctx), metadata.base, metadata);
  }

  getDenomMetadata(ctx: Context, denom: string): Metadata | undefined {
    return this.denomMetadata(this.store(ctx), denom);
  }

  // --- reads through the context ----------------------------------------------------------------

  getBalance(ctx: Context, address: Uint8Array, denom: string): Coin {
    return this.balance(this.store(ctx), address, denom);
  }

  getAllBalances(ctx: Context, address: Uint8Array): Coins {
    return this.balances(this.store(ctx), address);
  }

  getSpendableCoins(ctx: Context, address: Uint8Array): Coins {
    return this.spendableCoins(this.store(ctx), address);
  }

  /** HasBalance: at least `coin` of its denom. */
  hasBalance(ctx: Context, address: Uint8Array, coin: Coin): boolean {
    return this.getBalance(ctx, address, coin.denom).isGTE(coin);
  }

  getSupply(ctx: Context, denom: string): Coin {
    return this.supply(this.store(ctx), denom);
  }

  // --- transfers --------------------------------------------------------------------------------

  /**
   * SendCoins: moves `amount` from one account to another. Emits coin_spent, coin_received,
   * transfer{recipient, sender, amount} and message{sender}, in that order, and creates the
   * recipient's account (with the next account number) if it has none. Send-enabled and blocked
   * recipients are the msg server's checks, not this method's (module transfers bypass them).
   */
  sendCoins(ctx: Context, from: Uint8Array, to: Uint8Array, amount: Coins): void {
    this.subUnlockedCoins(ctx, from, amount);
    this.addCoins(ctx, to, amount);
    this.ensureAccount(ctx, to);
    const sender = this.addresses.encodeAccount(from);
    ctx.events.emit(transferEvent(this.addresses.encodeAccount(to), sender, amount));
    ctx.events.emit(messageSenderEvent(sender));
  }

  /**
   * InputOutputCoins: one input to many outputs. The caller has run validateInputOutputs (the
   * msg server does); each side's coins are still checked for validity by the debit and credit.
   * Emits coin_spent and message{sender} for the input, then coin_received and transfer per output.
   */
  inputOutputCoins(ctx: Context, input: CoinsAtAddress, outputs: readonly CoinsAtAddress[]): void {
    const from = stringToBytes(this.addresses.account, input.address);
    const recipients = outputs.map((o) => stringToBytes(this.addresses.account, o.address));
    this.subUnlockedCoins(ctx, from, input.coins);
    ctx.events.emit(messageSenderEvent(input.address));
    outputs.forEach((out, i) => {
      const to = recipients[i] as Uint8Array;
      this.addCoins(ctx, to, out.coins);
      ctx.events.emit(transferEvent(this.addresses.encodeAccount(to), input.address, out.coins));
      this.ensureAccount(ctx, to);
    });
  }

  /**
   * SendCoinsFromAccountToModule: the ante handler's fee payment (to "fee_collector") and deposits.
   * The module account is created on first use; an unknown module name panics.
   */
  sendCoinsFromAccountToModule(ctx: Context, sender: Uint8Array, recipientModule: string, amount: Coins): void {
    const recipient = this.requireModuleAccount(ctx, recipientModule);
    this.sendCoins(ctx, sender, recipient.address, amount);
  }

  /** SendCoinsFromModuleToAccount: refused (ErrUnauthorized) for a blocked recipient. */
  sendCoinsFromModuleToAccount(ctx: Context, senderModule: string, recipient: Uint8Array, amount: Coins): void {
    const sender = this.requireModuleAddress(senderModule);
    if (this.isBlockedAddress(recipient)) {
      throw ErrUnauthorized.wrap(`${this.addresses.encodeAccount(recipient)} is not allowed to receive funds`);
    }
    this.sendCoins(ctx, sender, recipient, amount);
  }

  sendCoinsFromModuleToModule(ctx: Context, senderModule: string, recipientModule: string, amount: Coins): void {
    const sender = this.requireModuleAddress(senderModule);
    const recipient = this.requireModuleAccount(ctx, recipientModule);
    this.sendCoins(ctx, sender, recipient.address, amount);
  }

  /**
   * DelegateCoinsFromAccountToModule: staking's bond from a delegator into a pool (module account
   * with the "staking" permission). Unlike a send it emits only coin_spent and coin_received, and
   * its shortfall error reads "failed to delegate; <balance> is smaller than <amount>".
   */
  delegateCoinsFromAccountToModule(ctx: Context, sender: Uint8Array, recipientModule: string, amount: Coins): void {
    const recipient = this.requireModuleAccount(ctx, recipientModule);
    if (!hasPermission(recipient, Permissions.staking)) {
      throw sdkPanic(ErrUnauthorized.wrap(`module account ${recipientModule} does not have permissions to receive delegated coins`).message);
    }
    // DelegateCoins reads the module account again, by address.
    this.requireAccount(ctx, recipient.address, "module account");
    if (!amount.isValid()) throw wrapExact(ErrInvalidCoins, amount.toString());
    const store = this.store(ctx);
    const updates: Coin[] = [];
    for (const coin of amount) {
      const balance = this.balance(store, sender, coin.denom);
      if (balance.amount.lt(coin.amount)) throw ErrInsufficientFunds.wrap(`failed to delegate; ${balance.toString()} is smaller than ${amount.toString()}`);
      updates.push(balance.sub(coin));
    }
    for (const coin of updates) this.setBalance(ctx, sender, coin);
    this.trackVesting(ctx, sender, "delegation");
    ctx.events.emit(coinSpentEvent(this.addresses.encodeAccount(sender), amount));
    this.addCoins(ctx, recipient.address, amount);
  }

  /**
   * UndelegateCoinsFromModuleToAccount: a pool pays a delegator back (unbonding completed).
   * Blocked recipients are not refused here, unlike SendCoinsFromModuleToAccount.
   */
  undelegateCoinsFromModuleToAccount(ctx: Context, senderModule: string, recipient: Uint8Array, amount: Coins): void {
    const sender = this.requireModuleAccount(ctx, senderModule);
    if (!hasPermission(sender, Permissions.staking)) {
      throw sdkPanic(ErrUnauthorized.wrap(`module account ${senderModule} does not have permissions to undelegate coins`).message);
    }
    // UndelegateCoins reads the module account again, by address.
    this.requireAccount(ctx, sender.address, "module account");
    if (!amount.isValid()) throw wrapExact(ErrInvalidCoins, amount.toString());
    this.subUnlockedCoins(ctx, sender.address, amount);
    this.trackVesting(ctx, recipient, "undelegation");
    this.addCoins(ctx, recipient, amount);
  }

  /** MintCoins: new coins into a module account holding the "minter" permission; raises the supply. */
  mintCoins(ctx: Context, moduleName: string, amounts: Coins): void {
    const account = this.requireModuleAccount(ctx, moduleName);
    if (!hasPermission(account, Permissions.minter)) {
      throw sdkPanic(ErrUnauthorized.wrap(`module account ${moduleName} does not have permissions to mint tokens`).message);
    }
    this.addCoins(ctx, account.address, amounts);
    for (const coin of amounts) this.setSupply(ctx, this.getSupply(ctx, coin.denom).add(coin));
    ctx.events.emit(coinMintEvent(this.addresses.encodeAccount(account.address), amounts));
  }

  /** BurnCoins: removes coins from a module account holding the "burner" permission; lowers the supply. */
  burnCoins(ctx: Context, moduleName: string, amounts: Coins): void {
    const account = this.requireModuleAccount(ctx, moduleName);
    if (!hasPermission(account, Permissions.burner)) {
      throw sdkPanic(ErrUnauthorized.wrap(`module account ${moduleName} does not have permissions to burn tokens`).message);
    }
    this.subUnlockedCoins(ctx, account.address, amounts);
    // Coin.sub panics on a negative supply, which only a broken invariant can cause.
    for (const coin of amounts) this.setSupply(ctx, this.getSupply(ctx, coin.denom).sub(coin));
    ctx.events.emit(coinBurnEvent(this.addresses.encodeAccount(account.address), amounts));
  }

  // --- genesis ----------------------------------------------------------------------------------

  /** Writes a balance as is (genesis); zero removes it. */
  setBalance(ctx: Context, address: Uint8Array, coin: Coin): void {
    if (!coin.isValid()) throw wrapExact(ErrInvalidCoins, coin.toString());
    const store = this.store(ctx);
    if (coin.isZero()) {
      Balances.delete(store, [address, coin.denom]);
      DenomOwnersIndex.delete(store, [coin.denom, address]);
    } else {
      Balances.set(store, [address, coin.denom], coin.amount);
      DenomOwnersIndex.set(store, [coin.denom, address], true);
    }
  }

  /** Writes a denom's supply (genesis); zero removes it, as the SDK's setSupply does. */
  setSupply(ctx: Context, coin: Coin): void {
    if (coin.isZero()) Supply.delete(this.store(ctx), coin.denom);
    else Supply.set(this.store(ctx), coin.denom, coin.amount);
  }

  // --- internals --------------------------------------------------------------------------------

  /**
   * subUnlockedCoins: ErrInsufficientFunds "spendable balance X is smaller than Y" for the first
   * coin that is short. Unlike the SDK, which writes coin by coin, every coin is checked before the
   * first write (same outcome once the tx branch is dropped, and safe without one). Emits coin_spent.
   */
  private subUnlockedCoins(ctx: Context, address: Uint8Array, amount: Coins): void {
    if (!amount.isValid()) throw wrapExact(ErrInvalidCoins, amount.toString());
    // LockedCoins reads the account to look for a vesting schedule; kept for the same store access.
    this.accounts.getAccount(ctx, address);
    const store = this.store(ctx);
    const updates: Coin[] = [];
    for (const coin of amount) {
      const balance = this.balance(store, address, coin.denom);
      if (balance.amount.lt(coin.amount)) {
        // With nothing spendable the SDK prints a zero coin rather than an empty set.
        throw ErrInsufficientFunds.wrap(`spendable balance ${balance.toString()} is smaller than ${coin.toString()}`);
      }
      updates.push(balance.sub(coin));
    }
    for (const coin of updates) this.setBalance(ctx, address, coin);
    ctx.events.emit(coinSpentEvent(this.addresses.encodeAccount(address), amount));
  }

  /** addCoins: emits coin_received. */
  private addCoins(ctx: Context, address: Uint8Array, amount: Coins): void {
    if (!amount.isValid()) throw wrapExact(ErrInvalidCoins, amount.toString());
    const store = this.store(ctx);
    const updates = amount.toArray().map((coin) => this.balance(store, address, coin.denom).add(coin));
    for (const coin of updates) this.setBalance(ctx, address, coin);
    ctx.events.emit(coinReceivedEvent(this.addresses.encodeAccount(address), amount));
  }

  /** The SDK's "<what> <address> does not exist" (sdk/9) when the account is missing. */
  private requireAccount(ctx: Context, address: Uint8Array, what: string): void {
    if (this.accounts.getAccount(ctx, address) === undefined) {
      throw ErrUnknownAddress.wrap(`${what} ${this.addresses.encodeAccount(address)} does not exist`);
    }
  }

  /**
   * trackDelegation / trackUndelegation: the SDK reads the delegator's account to update a vesting
   * schedule. plumed has no vesting accounts, so only the read (and its gas) and the missing
   * account error remain.
   */
  private trackVesting(ctx: Context, address: Uint8Array, what: "delegation" | "undelegation"): void {
    try {
      this.requireAccount(ctx, address, "account");
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      throw err.wrap(`failed to track ${what}`);
    }
  }

  /** Creates the account if missing (the SDK does this on every receive). */
  private ensureAccount(ctx: Context, address: Uint8Array): void {
    if (!this.accounts.hasAccount(ctx, address)) this.accounts.setAccount(ctx, this.accounts.newAccount(ctx, address));
  }

  /** GetModuleAddress; the SDK panics when the module has no account. */
  private requireModuleAddress(name: string): Uint8Array {
    if (!Object.prototype.hasOwnProperty.call(this.accounts.modulePermissions, name)) throw unknownModule(name);
    return moduleAddress(name);
  }

  /** GetModuleAccount (created on first use); the SDK panics when the module has no account. */
  private requireModuleAccount(ctx: Context, name: string): AccountLike {
    if (!Object.prototype.hasOwnProperty.call(this.accounts.modulePermissions, name)) throw unknownModule(name);
    return this.accounts.getModuleAccount(ctx, name);
  }
}

function hasPermission(account: AccountLike, permission: string): boolean {
  return account.module?.permissions.includes(permission) ?? false;
}

function unknownModule(name: string): Error {
  return sdkPanic(ErrUnknownAddress.wrap(`module account ${name} does not exist`).message);
}
