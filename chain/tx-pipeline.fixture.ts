/**
 * Test-only fixtures for the tx pipeline (not used by production code): an in-memory multistore,
 * the real x/auth keeper, a fake bank keeper over the "bank" store, a MsgSend-shaped fake message
 * handler with the cosmjs amino converter's output, and cosmjs signers.
 */
import { blockHeader } from "../app/block-info";
import { MsgSend, MsgSendResponse } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { AddressCodec } from "../app/address";
import { Context, type BlockHeader, type ExecMode } from "../app/context";
import { ErrInsufficientFunds, ErrInvalidCoins } from "../app/errors";
import { event } from "../app/events";
import { silentLogger } from "../app/logger";
import { Coins } from "../app/math/coins";
import type { MsgHandlerDef } from "../app/module";
import { MsgRouter } from "../app/msg-router";
import type { CacheMultiStore, KVStore } from "../app/store/types";
import { memoryMultiStore as inMemoryMultiStore } from "../app/store/memory-multi-store";
import { AuthKeeper } from "../x/auth/keeper";
import { defaultAuthParams } from "../x/auth/params";
import type { BankKeeper } from "../x/auth/ante/expected-keepers";
import { createTxPipeline, type TxPipeline, type TxPipelineDeps } from "./tx-pipeline";

import { CHAIN_ID, DENOM, PREFIX } from "../app/tx/signing.fixture";

export { CHAIN_ID, DENOM, PREFIX, defaultFee, sendMsg, signTx, testAccount, type TestAccount } from "../app/tx/signing.fixture";
export const BANK_STORE = "bank";
export const STORE_NAMES = ["acc", BANK_STORE];

/** Root stores in memory, with a branch on top standing for the committed state. */
export function memoryMultiStore(names: readonly string[] = STORE_NAMES): CacheMultiStore {
  return inMemoryMultiStore(names);
}

const balanceKey = (address: Uint8Array, denom: string): Uint8Array => Uint8Array.from([...address, 0, ...new TextEncoder().encode(denom)]);

/** Balances in the "bank" store (so that branches keep or drop them like real state). */
export class FakeBank implements BankKeeper {
  constructor(private readonly auth: AuthKeeper) {}

  private store(ctx: Context): KVStore {
    return ctx.kvStore(BANK_STORE);
  }

  balance(ctx: Context, address: Uint8Array, denom = DENOM): bigint {
    const v = this.store(ctx).get(balanceKey(address, denom));
    return v === undefined ? 0n : BigInt(new TextDecoder().decode(v));
  }

  setBalance(ctx: Context, address: Uint8Array, amount: bigint, denom = DENOM): void {
    this.store(ctx).set(balanceKey(address, denom), new TextEncoder().encode(amount.toString()));
  }

  send(ctx: Context, from: Uint8Array, to: Uint8Array, amount: Coins): void {
    for (const c of amount) {
      const have = this.balance(ctx, from, c.denom);
      if (have < c.amount.toBigInt()) {
        throw ErrInsufficientFunds.wrap(`spendable balance ${have}${c.denom} is smaller than ${c.amount.toString()}${c.denom}`);
      }
      this.setBalance(ctx, from, have - c.amount.toBigInt(), c.denom);
      this.setBalance(ctx, to, this.balance(ctx, to, c.denom) + c.amount.toBigInt(), c.denom);
    }
  }

  sendCoinsFromAccountToModule(ctx: Context, sender: Uint8Array, recipientModule: string, amount: Coins): void {
    this.auth.getModuleAccount(ctx, recipientModule);
    this.send(ctx, sender, this.auth.moduleAddress(recipientModule), amount);
  }
}

/** MsgSend, handled by the fake bank, with cosmjs' "cosmos-sdk/MsgSend" amino form. */
export function fakeMsgSend(addresses: AddressCodec, bank: FakeBank, auth: AuthKeeper): MsgHandlerDef<MsgSend> {
  return {
    typeUrl: "/cosmos.bank.v1beta1.MsgSend",
    codec: MsgSend,
    signers: (msg) => [msg.fromAddress],
    validateBasic(msg) {
      if (msg.amount.length === 0) throw ErrInvalidCoins.wrap("empty amount");
    },
    handle(ctx, msg) {
      const from = addresses.decodeAccount(msg.fromAddress);
      const to = addresses.decodeAccount(msg.toAddress);
      const amount = Coins.fromProto(msg.amount);
      bank.send(ctx, from, to, amount);
      if (!auth.hasAccount(ctx, to)) auth.setAccount(ctx, auth.newAccount(ctx, to));
      ctx.events.emit(event("transfer", { recipient: msg.toAddress, sender: msg.fromAddress, amount: amount.toString() }));
      return { typeUrl: "/cosmos.bank.v1beta1.MsgSendResponse", value: MsgSendResponse.encode({}).finish() };
    },
    amino: {
      aminoType: "cosmos-sdk/MsgSend",
      toAmino: (msg) => ({
        from_address: msg.fromAddress,
        to_address: msg.toAddress,
        amount: msg.amount.map((c) => ({ denom: c.denom, amount: c.amount })),
      }),
    },
  };
}

export interface Harness {
  readonly addresses: AddressCodec;
  readonly auth: AuthKeeper;
  readonly bank: FakeBank;
  readonly router: MsgRouter;
  readonly executor: TxPipeline;
  /** The "committed" state the tests run against (check and block states are branches of it). */
  readonly state: CacheMultiStore;
  ctx(mode: ExecMode, opts?: { height?: bigint; store?: CacheMultiStore; maxGas?: bigint }): Context;
}

export function createHarness(overrides: Partial<TxPipelineDeps> = {}, extraMsgs: MsgHandlerDef<never>[] = []): Harness {
  const addresses = new AddressCodec(PREFIX);
  const auth = new AuthKeeper(addresses, { fee_collector: [] });
  const bank = new FakeBank(auth);
  const router = new MsgRouter();
  router.register(fakeMsgSend(addresses, bank, auth));
  for (const m of extraMsgs) router.register(m);
  const executor = createTxPipeline({ msgs: router, addresses, accountKeeper: auth, bankKeeper: bank, ...overrides });
  const state = memoryMultiStore();
  const ctx = (mode: ExecMode, opts: { height?: bigint; store?: CacheMultiStore; maxGas?: bigint } = {}): Context => {
    const header: BlockHeader = blockHeader({ chainId: CHAIN_ID, height: opts.height ?? 5n, time: { seconds: 1_700_000_000n, nanos: 0 } });
    const c = new Context(opts.store ?? state, header, mode, silentLogger);
    return opts.maxGas === undefined ? c : c.withConsensusParams({ block: { maxBytes: 22020096n, maxGas: opts.maxGas } });
  };
  const genesis = ctx("genesis");
  auth.setParams(genesis, defaultAuthParams());
  return { addresses, auth, bank, router, executor, state, ctx };
}

/** Creates the account (next account number) and funds it, on the harness state. */
export function fund(h: Harness, address: Uint8Array, amount: bigint): bigint {
  const ctx = h.ctx("genesis");
  const acc = h.auth.getAccount(ctx, address) ?? h.auth.newAccount(ctx, address);
  h.auth.setAccount(ctx, acc);
  h.bank.setBalance(ctx, address, amount);
  return acc.accountNumber;
}

