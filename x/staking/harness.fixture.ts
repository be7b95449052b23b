/**
 * Test harness for x/staking (not production code): an in-memory multistore, fake auth and bank
 * keepers implementing staking's expected keepers (bank state lives in a store, so a failed tx's
 * branch drops it too), blocks with explicit heights and times, and helpers for messages.
 */
import { blockHeader } from "../../app/block-info";
import { PubKey as Ed25519PubKey } from "cosmjs-types/cosmos/crypto/ed25519/keys";
import type { MsgCreateValidator } from "cosmjs-types/cosmos/staking/v1beta1/tx";
import type { Params } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import type { Any } from "cosmjs-types/google/protobuf/any";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import type { ValidatorUpdate } from "cosmjs-types/tendermint/abci/types";
import { ConsensusParams } from "cosmjs-types/tendermint/types/params";
import { AddressCodec, moduleAddress } from "../../app/address";
import { Context } from "../../app/context";
import { ErrInsufficientFunds, ErrInvalidCoins } from "../../app/errors";
import { event, EventManager, type AppEvent } from "../../app/events";
import { infiniteGasMeter } from "../../app/gas";
import { silentLogger } from "../../app/logger";
import type { MsgResponse, QueryContext } from "../../app/module";
import { BranchMultiStore, CacheKVStore, newMemoryKVStore } from "../../app/store";
import type { KVStore } from "../../app/store/types";
import { Coin, Coins, Dec } from "../../app/math";
import { defaultCapParams } from "./cap";
import type { StakingAccountKeeper, StakingBankKeeper, StakingBankQuerier } from "./expected-keepers";
import { defaultStakingGenesisJson, initStakingGenesis, parseStakingGenesis } from "./genesis";
import { StakingHooksRegistry } from "./hooks";
import { BONDED_POOL_NAME, NOT_BONDED_POOL_NAME, StakingKeeper } from "./keeper";
import { stakingMsgHandlers } from "./msg-server";
import { defaultStakingParams } from "./params";
import { ED25519_TYPE_URL } from "./pubkey";
import { STAKING_STORE } from "./state-keys";

export const BOND_DENOM = "stake";
export const addresses = new AddressCodec("plume");
export const GOV_AUTHORITY = addresses.encodeAccount(moduleAddress("gov"));
export const FAKE_BANK_STORE = "fakebank";
export const GENESIS_TIME: Timestamp = { seconds: 1_700_000_000n, nanos: 0 };
export const DAY = 86_400n;

/** Operator account i (also its valoper bytes). Lower i sorts lower as bytes. */
export const operator = (i: number): Uint8Array => new Uint8Array(20).fill(0x10 + i);
export const valoper = (i: number): string => addresses.encodeValidator(operator(i));
/** Delegator account i. */
export const delegator = (i: number): Uint8Array => new Uint8Array(20).fill(0x80 + i);
export const delAddr = (i: number): string => addresses.encodeAccount(delegator(i));

export function consensusKey(i: number): Any {
  return { typeUrl: ED25519_TYPE_URL, value: Ed25519PubKey.encode({ key: new Uint8Array(32).fill(0xc0 + i) }).finish() };
}

const MODULES_WITH_STAKING_PERMISSION = new Set([BONDED_POOL_NAME, NOT_BONDED_POOL_NAME]);
/** Module accounts allowed to burn: the pools, and gov (deposits) for x/gov's harness. */
const MODULES_WITH_BURNER_PERMISSION = new Set([BONDED_POOL_NAME, NOT_BONDED_POOL_NAME, "gov"]);
const hex = (a: Uint8Array): string => Buffer.from(a).toString("hex");
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

/** A bank keeper with the SDK's semantics for what staking calls, its state in a store. */
export class FakeBank implements StakingBankKeeper, StakingBankQuerier {
  private store(ctx: Context): KVStore {
    return ctx.kvStore(FAKE_BANK_STORE);
  }

  private key(address: Uint8Array, denom: string): Uint8Array {
    return enc(`b/${hex(address)}/${denom}`);
  }

  private amount(ctx: Context, address: Uint8Array, denom: string): bigint {
    const raw = this.store(ctx).get(this.key(address, denom));
    return raw === undefined ? 0n : BigInt(dec(raw));
  }

  getBalance(ctx: Context, address: Uint8Array, denom: string): Coin {
    return Coin.of(denom, this.amount(ctx, address, denom));
  }

  balanceAt(ctx: QueryContext, address: Uint8Array, denom: string): bigint {
    const raw = ctx.store(FAKE_BANK_STORE).get(this.key(address, denom));
    return raw === undefined ? 0n : BigInt(dec(raw));
  }

  getAllBalances(ctx: Context, address: Uint8Array): Coins {
    const prefix = enc(`b/${hex(address)}/`);
    const out: Coin[] = [];
    for (const { key, value } of this.store(ctx).iterate(prefix, enc(`b/${hex(address)}0`))) out.push(Coin.of(dec(key.subarray(prefix.length)), BigInt(dec(value))));
    return Coins.of(...out);
  }

  getSupply(ctx: Context, denom: string): Coin {
    const raw = this.store(ctx).get(enc(`s/${denom}`));
    return Coin.of(denom, raw === undefined ? 0n : BigInt(dec(raw)));
  }

  private setSupply(ctx: Context, denom: string, amount: bigint): void {
    this.store(ctx).set(enc(`s/${denom}`), enc(amount.toString()));
  }

  private set(ctx: Context, address: Uint8Array, denom: string, amount: bigint): void {
    if (amount < 0n) throw new Error("negative balance");
    if (amount === 0n) this.store(ctx).delete(this.key(address, denom));
    else this.store(ctx).set(this.key(address, denom), enc(amount.toString()));
  }

  /** Genesis-style minting into an account. */
  mint(ctx: Context, address: Uint8Array, coins: Coins): void {
    for (const c of coins) {
      this.set(ctx, address, c.denom, this.amount(ctx, address, c.denom) + c.amount.toBigInt());
      this.setSupply(ctx, c.denom, this.getSupply(ctx, c.denom).amount.toBigInt() + c.amount.toBigInt());
    }
  }

  private sub(ctx: Context, address: Uint8Array, coins: Coins, what: string): void {
    for (const c of coins) {
      const have = this.amount(ctx, address, c.denom);
      if (have < c.amount.toBigInt()) throw ErrInsufficientFunds.wrap(`${what}; ${have}${c.denom} is smaller than ${coins.toString()}`);
      this.set(ctx, address, c.denom, have - c.amount.toBigInt());
    }
    ctx.events.emit(event("coin_spent", { spender: addresses.encodeAccount(address), amount: coins.toString() }));
  }

  private add(ctx: Context, address: Uint8Array, coins: Coins): void {
    for (const c of coins) this.set(ctx, address, c.denom, this.amount(ctx, address, c.denom) + c.amount.toBigInt());
    ctx.events.emit(event("coin_received", { receiver: addresses.encodeAccount(address), amount: coins.toString() }));
  }

  delegateCoinsFromAccountToModule(ctx: Context, sender: Uint8Array, recipientModule: string, amount: Coins): void {
    if (!MODULES_WITH_STAKING_PERMISSION.has(recipientModule)) throw new Error(`module account ${recipientModule} does not have permissions to receive delegated coins`);
    if (!amount.isValid()) throw ErrInvalidCoins.wrap(amount.toString());
    this.sub(ctx, sender, amount, "failed to delegate");
    this.add(ctx, moduleAddress(recipientModule), amount);
  }

  undelegateCoinsFromModuleToAccount(ctx: Context, senderModule: string, recipient: Uint8Array, amount: Coins): void {
    this.sub(ctx, moduleAddress(senderModule), amount, "spendable balance");
    this.add(ctx, recipient, amount);
  }

  sendCoinsFromModuleToModule(ctx: Context, senderModule: string, recipientModule: string, amount: Coins): void {
    this.sub(ctx, moduleAddress(senderModule), amount, "spendable balance");
    this.add(ctx, moduleAddress(recipientModule), amount);
    ctx.events.emit(event("transfer", { recipient: addresses.encodeAccount(moduleAddress(recipientModule)), sender: addresses.encodeAccount(moduleAddress(senderModule)), amount: amount.toString() }));
  }

  sendCoinsFromAccountToModule(ctx: Context, sender: Uint8Array, recipientModule: string, amount: Coins): void {
    this.sub(ctx, sender, amount, "spendable balance");
    this.add(ctx, moduleAddress(recipientModule), amount);
  }

  sendCoinsFromModuleToAccount(ctx: Context, senderModule: string, recipient: Uint8Array, amount: Coins): void {
    this.sub(ctx, moduleAddress(senderModule), amount, "spendable balance");
    this.add(ctx, recipient, amount);
  }

  burnCoins(ctx: Context, moduleName: string, amounts: Coins): void {
    if (!MODULES_WITH_BURNER_PERMISSION.has(moduleName)) throw new Error(`module account ${moduleName} does not have permissions to burn tokens`);
    this.sub(ctx, moduleAddress(moduleName), amounts, "spendable balance");
    for (const c of amounts) this.setSupply(ctx, c.denom, this.getSupply(ctx, c.denom).amount.toBigInt() - c.amount.toBigInt());
    ctx.events.emit(event("burn", { burner: addresses.encodeAccount(moduleAddress(moduleName)), amount: amounts.toString() }));
  }
}

export class FakeAuth implements StakingAccountKeeper {
  readonly created: string[] = [];

  getModuleAccount(_ctx: Context, name: string): { readonly address: Uint8Array } {
    if (!this.created.includes(name)) this.created.push(name);
    return { address: moduleAddress(name) };
  }
}

export interface TxResult<T> {
  readonly result: T | undefined;
  readonly error: unknown;
  readonly events: readonly AppEvent[];
}

export interface HarnessOptions {
  readonly params?: Partial<Params>;
  /** The cap, as a decimal string ("0" turns it off); default: the module default (0.20). */
  readonly cap?: string;
  readonly hooks?: StakingHooksRegistry;
  readonly consensusParams?: ConsensusParams;
}

export class Harness {
  private readonly roots = new Map<string, CacheKVStore>();
  readonly ms: BranchMultiStore;
  readonly bank = new FakeBank();
  readonly auth = new FakeAuth();
  readonly keeper: StakingKeeper;
  readonly handlers: ReturnType<typeof stakingMsgHandlers>;
  height = 1n;
  time: Timestamp = GENESIS_TIME;
  consensusParams: ConsensusParams;

  constructor(options: HarnessOptions = {}) {
    this.ms = new BranchMultiStore((name) => {
      let s = this.roots.get(name);
      if (s === undefined) {
        s = newMemoryKVStore() as CacheKVStore;
        this.roots.set(name, s);
      }
      return s;
    });
    this.keeper = new StakingKeeper({
      addresses,
      accountKeeper: this.auth,
      bankKeeper: this.bank,
      authority: GOV_AUTHORITY,
      ...(options.hooks !== undefined ? { hooks: options.hooks } : {}),
    });
    this.handlers = stakingMsgHandlers(this.keeper);
    this.consensusParams = options.consensusParams ?? ConsensusParams.fromPartial({ validator: { pubKeyTypes: ["ed25519"] } });
    const genesis = parseStakingGenesis(defaultStakingGenesisJson(BOND_DENOM));
    const params = { ...defaultStakingParams(BOND_DENOM), ...(options.params ?? {}) };
    initStakingGenesis(this.ctx(), this.keeper, { ...genesis, params });
    const cap = options.cap === undefined ? defaultCapParams() : { maxValidatorPowerShare: Dec.fromString(options.cap).toProto() };
    this.keeper.setCapParams(this.ctx(), cap);
  }

  ctx(events: EventManager = new EventManager()): Context {
    return new Context(
      this.ms,
      blockHeader({
        chainId: "plume-test",
        height: this.height,
        time: this.time,
        proposerAddress: new Uint8Array(20),
        // Stand-ins for what CometBFT sends: distinct per height, so tests can tell them apart.
        nextValidatorsHash: new Uint8Array(32).fill(Number(this.height % 256n)),
        lastAppHash: new Uint8Array(32).fill(Number((this.height + 255n) % 256n)),
      }),
      "finalize",
      silentLogger,
      { gasMeter: infiniteGasMeter(), events, consensusParams: this.consensusParams },
    );
  }

  /** Runs `fn` on a branch: written on success, dropped (with its events) on failure. */
  tx<T>(fn: (ctx: Context) => T): TxResult<T> {
    const ctx = this.ctx().branch();
    try {
      const result = fn(ctx);
      ctx.multiStore.write();
      return { result, error: undefined, events: ctx.events.events() };
    } catch (error) {
      return { result: undefined, error, events: [] };
    }
  }

  /** Like tx, but rethrows the failure. */
  must<T>(fn: (ctx: Context) => T): T {
    const r = this.tx(fn);
    if (r.error !== undefined) throw r.error;
    return r.result as T;
  }

  /** A message through its handler, as the tx pipeline runs it. */
  deliver<M>(handler: { handle(ctx: Context, msg: M): MsgResponse }, msg: M): TxResult<MsgResponse> {
    return this.tx((ctx) => handler.handle(ctx, msg));
  }

  fund(address: Uint8Array, amount: bigint, denom = BOND_DENOM): void {
    this.bank.mint(this.ctx(), address, Coins.of(Coin.of(denom, amount)));
  }

  balance(address: Uint8Array, denom = BOND_DENOM): bigint {
    return this.bank.getBalance(this.ctx(), address, denom).amount.toBigInt();
  }

  bondedPool(): bigint {
    return this.balance(this.keeper.bondedPoolAddress);
  }

  notBondedPool(): bigint {
    return this.balance(this.keeper.notBondedPoolAddress);
  }

  /** EndBlock at the current height and time. */
  endBlock(): { updates: ValidatorUpdate[]; events: readonly AppEvent[] } {
    const events = new EventManager();
    const updates = this.keeper.blockValidatorUpdates(this.ctx(events));
    return { updates, events: events.events() };
  }

  beginBlock(): void {
    this.keeper.trackHistoricalInfo(this.ctx());
  }

  /** Ends this block, then starts the next one `seconds` later. */
  nextBlock(seconds = 5n): { updates: ValidatorUpdate[]; events: readonly AppEvent[] } {
    const end = this.endBlock();
    this.height += 1n;
    this.time = { seconds: this.time.seconds + seconds, nanos: this.time.nanos };
    this.beginBlock();
    return end;
  }

  /** Every key and value of the staking and bank stores: equal snapshots mean no state change. */
  snapshot(): string {
    const out: string[] = [];
    for (const name of [STAKING_STORE, FAKE_BANK_STORE]) {
      for (const { key, value } of this.ms.getStore(name).iterate()) out.push(`${name}:${hex(key)}=${hex(value)}`);
    }
    return out.join("\n");
  }

  createValidatorMsg(
    i: number,
    amount: bigint,
    opts: { rate?: string; maxRate?: string; maxChangeRate?: string; minSelfDelegation?: string; key?: Any; denom?: string } = {},
  ): MsgCreateValidator {
    return {
      description: { moniker: `validator-${i}`, identity: "", website: "", securityContact: "", details: "" },
      commission: {
        rate: Dec.fromString(opts.rate ?? "0.1").toProto(),
        maxRate: Dec.fromString(opts.maxRate ?? "0.2").toProto(),
        maxChangeRate: Dec.fromString(opts.maxChangeRate ?? "0.01").toProto(),
      },
      minSelfDelegation: opts.minSelfDelegation ?? "1",
      delegatorAddress: "",
      validatorAddress: valoper(i),
      pubkey: opts.key ?? consensusKey(i),
      value: { denom: opts.denom ?? BOND_DENOM, amount: amount.toString() },
    };
  }

  /** Funds operator i and creates its validator; throws on failure. */
  createValidator(i: number, amount: bigint, opts: Parameters<Harness["createValidatorMsg"]>[2] = {}): void {
    this.fund(operator(i), amount);
    const r = this.deliver(this.handlers.createValidator, this.createValidatorMsg(i, amount, opts));
    if (r.error !== undefined) throw r.error;
  }

  delegate(d: number, v: number, amount: bigint): TxResult<MsgResponse> {
    return this.deliver(this.handlers.delegate, { delegatorAddress: delAddr(d), validatorAddress: valoper(v), amount: { denom: BOND_DENOM, amount: amount.toString() } });
  }

  undelegate(d: Uint8Array, v: number, amount: bigint): TxResult<MsgResponse> {
    return this.deliver(this.handlers.undelegate, {
      delegatorAddress: addresses.encodeAccount(d),
      validatorAddress: valoper(v),
      amount: { denom: BOND_DENOM, amount: amount.toString() },
    });
  }

  redelegate(d: Uint8Array, src: number, dst: number, amount: bigint): TxResult<MsgResponse> {
    return this.deliver(this.handlers.beginRedelegate, {
      delegatorAddress: addresses.encodeAccount(d),
      validatorSrcAddress: valoper(src),
      validatorDstAddress: valoper(dst),
      amount: { denom: BOND_DENOM, amount: amount.toString() },
    });
  }
}
