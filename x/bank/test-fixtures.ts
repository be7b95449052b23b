/**
 * Test fixtures for x/bank and x/auth unit tests (not used by the app): real keepers over
 * in-memory stores, a finalize-mode context, and a query router for round trips through the codecs.
 */
import { blockHeader } from "../../app/block-info";
import { AddressCodec, moduleAddress } from "../../app/address";
import type { ProtoCodec } from "../../app/codec";
import { Context } from "../../app/context";
import type { AppEvent } from "../../app/events";
import { silentLogger } from "../../app/logger";
import { Coin, Coins } from "../../app/math";
import type { QueryContext } from "../../app/module";
import { MsgRouter } from "../../app/msg-router";
import { QueryRouter } from "../../app/query-router";
import { BranchMultiStore, CacheKVStore, newMemoryKVStore } from "../../app/store";
import { AuthKeeper, type ModuleAccountPermissions } from "../auth/keeper";
import { defaultAuthGenesisJson } from "../auth/genesis";
import { authModule } from "../auth/module";
import { bankModule } from "./module";
import { BankKeeper } from "./keeper";

export const PREFIX = "plume";

/** The simapp-like module accounts the tests use. */
export const TEST_MODULE_PERMISSIONS: ModuleAccountPermissions = {
  fee_collector: [],
  mint: ["minter"],
  bonded_tokens_pool: ["burner", "staking"],
  not_bonded_tokens_pool: ["burner", "staking"],
  gov: ["burner"],
  distribution: [],
};

/** Deterministic 20-byte test addresses. */
export function testAddress(n: number): Uint8Array {
  return Uint8Array.from({ length: 20 }, (_, i) => (n * 31 + i) & 0xff);
}

export function coins(text: string): Coins {
  if (text === "") return Coins.empty();
  return Coins.of(
    ...text.split(",").map((part) => {
      const m = /^(\d+)(.+)$/.exec(part);
      if (!m) throw new Error(`bad coin ${part}`);
      return Coin.of(m[2] as string, BigInt(m[1] as string));
    }),
  );
}

export interface TestEnv {
  readonly addresses: AddressCodec;
  readonly auth: AuthKeeper;
  readonly bank: BankKeeper;
  readonly root: BranchMultiStore;
  readonly msgs: MsgRouter;
  readonly queries: QueryRouter;
  /** A fresh finalize-mode context over the shared state (its own event sink). */
  ctx(): Context;
  /** Mints `amount` and sends it to `address` (as genesis would have), outside any event sink. */
  fund(address: Uint8Array, amount: string): void;
  queryContext(): QueryContext;
  query<Req, Res>(path: string, reqCodec: ProtoCodec<Req>, resCodec: ProtoCodec<Res>, request: Req): Res;
  bech32(address: Uint8Array): string;
}

export function createTestEnv(options: { readonly blockAllModules?: boolean; readonly skipGenesis?: boolean } = {}): TestEnv {
  const addresses = new AddressCodec(PREFIX);
  const auth = new AuthKeeper(addresses, TEST_MODULE_PERMISSIONS);
  // simapp's BlockedAddresses: every module account except gov's.
  const blocked = Object.keys(TEST_MODULE_PERMISSIONS)
    .filter((name) => options.blockAllModules === true || name !== "gov")
    .map(moduleAddress);
  const bank = new BankKeeper(addresses, auth, { blockedAddresses: blocked });
  const stores = new Map([
    ["acc", new CacheKVStore(newMemoryKVStore())],
    ["bank", new CacheKVStore(newMemoryKVStore())],
  ]);
  const root = new BranchMultiStore((name) => {
    const store = stores.get(name);
    if (store === undefined) throw new Error(`unknown store ${name}`);
    return store;
  });
  const header = blockHeader({ chainId: "plume-test", height: 5n, time: { seconds: 1_700_000_000n, nanos: 0 }, proposerAddress: new Uint8Array(20) });
  const ctx = (): Context => new Context(root, header, "finalize", silentLogger);
  const msgs = new MsgRouter();
  const queries = new QueryRouter();
  const registrar = { registerMsg: msgs.register.bind(msgs), registerQuery: queries.register.bind(queries) };
  authModule(auth).registerServices?.(registrar);
  bankModule(bank).registerServices?.(registrar);
  if (options.skipGenesis !== true) {
    const genesisCtx = ctx();
    // A section without params would be Go's zero params, which validation refuses.
    authModule(auth).initGenesis?.(genesisCtx, defaultAuthGenesisJson());
    bankModule(bank).initGenesis?.(genesisCtx, { params: { default_send_enabled: true } });
  }
  const queryContext = (): QueryContext => ({ height: 5n, chainId: "plume-test", store: (name) => root.getStore(name) });
  return {
    addresses,
    auth,
    bank,
    root,
    msgs,
    queries,
    ctx,
    fund(address, amount) {
      const c = ctx();
      bank.mintCoins(c, "mint", coins(amount));
      // Straight from the mint account, so that blocked module accounts can be funded too.
      bank.sendCoins(c, moduleAddress("mint"), address, coins(amount));
    },
    queryContext,
    query(path, reqCodec, resCodec, request) {
      return resCodec.decode(queries.queryBytes(path, queryContext(), reqCodec.encode(request).finish()));
    },
    bech32: (address) => addresses.encodeAccount(address),
  };
}

/** Events as [type, {key: value}] pairs, for compact assertions. */
export function eventsOf(ctx: Context): [string, Record<string, string>][] {
  return ctx.events.events().map((e: AppEvent) => [e.type, Object.fromEntries(e.attributes.map((a) => [a.key, a.value]))]);
}

/** Runs `f` and returns the AppError it throws as {codespace, code, log}. */
export function thrown(f: () => unknown): { codespace: string; code: number; log: string } {
  try {
    f();
  } catch (err) {
    const e = err as { codespace?: string; code?: number; message: string };
    return { codespace: e.codespace ?? "?", code: e.code ?? -1, log: e.message };
  }
  throw new Error("expected a throw");
}
