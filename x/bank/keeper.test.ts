import { blockHeader } from "../../app/block-info";
import { Params } from "cosmjs-types/cosmos/bank/v1beta1/bank";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Context } from "../../app/context";
import { silentLogger } from "../../app/logger";
import { openCommitMultiStore, PRUNE_NOTHING } from "../../app/store";
import { moduleAddress } from "../../app/address";
import { Coin, Coins } from "../../app/math";
import { nonnegativeOutstandingInvariant, totalSupplyInvariant } from "./invariants";
import { BANK_STORE } from "./state-keys";
import { coins, createTestEnv, eventsOf, testAddress, thrown } from "./test-fixtures";

const alice = testAddress(1);
const bob = testAddress(2);
const carol = testAddress(3);

describe("BankKeeper.sendCoins", () => {
  it("moves the coins and emits coin_spent, coin_received, transfer, message in the SDK's order", () => {
    const env = createTestEnv();
    env.fund(alice, "100stake,50uatom");
    env.auth.setAccount(env.ctx(), env.auth.newAccount(env.ctx(), bob));
    const ctx = env.ctx();
    env.bank.sendCoins(ctx, alice, bob, coins("10stake,5uatom"));
    expect(env.bank.getAllBalances(ctx, alice).toString()).toBe("90stake,45uatom");
    expect(env.bank.getAllBalances(ctx, bob).toString()).toBe("10stake,5uatom");
    expect(eventsOf(ctx)).toEqual([
      ["coin_spent", { spender: env.bech32(alice), amount: "10stake,5uatom" }],
      ["coin_received", { receiver: env.bech32(bob), amount: "10stake,5uatom" }],
      ["transfer", { recipient: env.bech32(bob), sender: env.bech32(alice), amount: "10stake,5uatom" }],
      ["message", { sender: env.bech32(alice) }],
    ]);
    expect(ctx.events.events()[2]?.attributes.map((a) => a.key)).toEqual(["recipient", "sender", "amount"]);
  });

  it("creates the recipient's account with the next account number, once", () => {
    const env = createTestEnv();
    env.fund(alice, "100stake");
    const ctx = env.ctx();
    expect(env.auth.hasAccount(ctx, carol)).toBe(false);
    const next = env.auth.peekNextAccountNumber(ctx);
    env.bank.sendCoins(ctx, alice, carol, coins("1stake"));
    expect(env.auth.getAccount(ctx, carol)).toEqual({ address: carol, pubKey: undefined, accountNumber: next, sequence: 0n });
    env.bank.sendCoins(ctx, alice, carol, coins("1stake"));
    expect(env.auth.getAccount(ctx, carol)?.accountNumber).toBe(next);
    expect(env.auth.peekNextAccountNumber(ctx)).toBe(next + 1n);
  });

  it("refuses to overdraw with the SDK's text and writes nothing, not even for the coins that were covered", () => {
    const env = createTestEnv();
    env.fund(alice, "100stake,5uatom");
    const ctx = env.ctx();
    const before = [...ctx.multiStore.getStore(BANK_STORE).iterate()];
    expect(thrown(() => env.bank.sendCoins(ctx, alice, bob, coins("10stake,6uatom")))).toEqual({
      codespace: "sdk",
      code: 5,
      log: "spendable balance 5uatom is smaller than 6uatom: insufficient funds",
    });
    expect([...ctx.multiStore.getStore(BANK_STORE).iterate()]).toEqual(before);
    expect(env.bank.getBalance(ctx, alice, "stake").toString()).toBe("100stake");
    expect(env.auth.hasAccount(ctx, bob)).toBe(false);
    expect(eventsOf(ctx)).toEqual([]);
  });

  it("prints a zero coin, not an empty set, when nothing of the denom is held", () => {
    const env = createTestEnv();
    expect(thrown(() => env.bank.sendCoins(env.ctx(), alice, bob, coins("1stake"))).log).toBe("spendable balance 0stake is smaller than 1stake: insufficient funds");
  });

  it("refuses invalid coins as ErrInvalidCoins with the coins as context", () => {
    const env = createTestEnv();
    env.fund(alice, "10stake");
    const unsorted = Coins.unchecked([Coin.of("uatom", 1n), Coin.of("stake", 1n)]);
    expect(thrown(() => env.bank.sendCoins(env.ctx(), alice, bob, unsorted))).toEqual({ codespace: "sdk", code: 10, log: "1uatom,1stake: invalid coins" });
    const zero = Coins.unchecked([Coin.of("stake", 0n)]);
    expect(thrown(() => env.bank.sendCoins(env.ctx(), alice, bob, zero)).log).toBe("0stake: invalid coins");
  });

  it("sends nothing for empty coins but still creates the account and emits the events", () => {
    const env = createTestEnv();
    const ctx = env.ctx();
    env.bank.sendCoins(ctx, alice, bob, Coins.empty());
    expect(env.auth.hasAccount(ctx, bob)).toBe(true);
    expect(eventsOf(ctx).map(([t, a]) => [t, a["amount"] ?? null])).toEqual([
      ["coin_spent", ""],
      ["coin_received", ""],
      ["transfer", ""],
      ["message", null],
    ]);
  });
});

describe("BankKeeper.inputOutputCoins", () => {
  it("debits the input once and credits each output, with the SDK's events", () => {
    const env = createTestEnv();
    env.fund(alice, "100stake");
    const ctx = env.ctx();
    env.bank.inputOutputCoins(ctx, { address: env.bech32(alice), coins: coins("30stake") }, [
      { address: env.bech32(bob), coins: coins("10stake") },
      { address: env.bech32(carol), coins: coins("20stake") },
    ]);
    expect(env.bank.getBalance(ctx, alice, "stake").toString()).toBe("70stake");
    expect(env.bank.getBalance(ctx, carol, "stake").toString()).toBe("20stake");
    expect(env.auth.hasAccount(ctx, bob) && env.auth.hasAccount(ctx, carol)).toBe(true);
    expect(eventsOf(ctx)).toEqual([
      ["coin_spent", { spender: env.bech32(alice), amount: "30stake" }],
      ["message", { sender: env.bech32(alice) }],
      ["coin_received", { receiver: env.bech32(bob), amount: "10stake" }],
      ["transfer", { recipient: env.bech32(bob), sender: env.bech32(alice), amount: "10stake" }],
      ["coin_received", { receiver: env.bech32(carol), amount: "20stake" }],
      ["transfer", { recipient: env.bech32(carol), sender: env.bech32(alice), amount: "20stake" }],
    ]);
  });
});

describe("module account transfers", () => {
  it("pays into a module account (the ante handler's fee path) and creates it on first use", () => {
    const env = createTestEnv();
    env.fund(alice, "100stake");
    const ctx = env.ctx();
    env.bank.sendCoinsFromAccountToModule(ctx, alice, "fee_collector", coins("7stake"));
    expect(env.bank.getBalance(ctx, moduleAddress("fee_collector"), "stake").toString()).toBe("7stake");
    expect(env.auth.getAccount(ctx, moduleAddress("fee_collector"))?.module?.name).toBe("fee_collector");
    // A module account may receive from a user through this path even though it is blocked for MsgSend.
    expect(env.bank.isBlockedAddress(moduleAddress("fee_collector"))).toBe(true);
  });

  it("panics (ErrPanic) for an unknown module, as the SDK does", () => {
    const env = createTestEnv();
    env.fund(alice, "1stake");
    expect(thrown(() => env.bank.sendCoinsFromAccountToModule(env.ctx(), alice, "nope", coins("1stake")))).toEqual({
      codespace: "undefined",
      code: 111222,
      log: "module account nope does not exist: unknown address: panic",
    });
    expect(thrown(() => env.bank.sendCoinsFromModuleToAccount(env.ctx(), "toString", alice, coins("1stake"))).code).toBe(111222);
  });

  it("refuses to pay a blocked address from a module", () => {
    const env = createTestEnv();
    env.fund(moduleAddress("distribution"), "5stake");
    const target = moduleAddress("bonded_tokens_pool");
    expect(thrown(() => env.bank.sendCoinsFromModuleToAccount(env.ctx(), "distribution", target, coins("1stake")))).toEqual({
      codespace: "sdk",
      code: 4,
      log: `${env.bech32(target)} is not allowed to receive funds: unauthorized`,
    });
    // gov is not blocked in simapp.
    env.bank.sendCoinsFromModuleToAccount(env.ctx(), "distribution", moduleAddress("gov"), coins("1stake"));
    env.bank.sendCoinsFromModuleToModule(env.ctx(), "distribution", "bonded_tokens_pool", coins("1stake"));
    expect(env.bank.getBalance(env.ctx(), target, "stake").toString()).toBe("1stake");
  });
});

describe("mint and burn", () => {
  it("mints into a minter module account, raises the supply and emits coin_received then coinbase", () => {
    const env = createTestEnv();
    const ctx = env.ctx();
    env.bank.mintCoins(ctx, "mint", coins("1000stake"));
    expect(env.bank.getSupply(ctx, "stake").toString()).toBe("1000stake");
    expect(env.bank.getBalance(ctx, moduleAddress("mint"), "stake").toString()).toBe("1000stake");
    expect(eventsOf(ctx)).toEqual([
      ["coin_received", { receiver: env.bech32(moduleAddress("mint")), amount: "1000stake" }],
      ["coinbase", { minter: env.bech32(moduleAddress("mint")), amount: "1000stake" }],
    ]);
  });

  it("refuses to mint or burn without the permission (a panic in the SDK)", () => {
    const env = createTestEnv();
    expect(thrown(() => env.bank.mintCoins(env.ctx(), "distribution", coins("1stake")))).toEqual({
      codespace: "undefined",
      code: 111222,
      log: "module account distribution does not have permissions to mint tokens: unauthorized: panic",
    });
    env.bank.mintCoins(env.ctx(), "mint", coins("5stake"));
    expect(thrown(() => env.bank.burnCoins(env.ctx(), "mint", coins("1stake"))).log).toBe(
      "module account mint does not have permissions to burn tokens: unauthorized: panic",
    );
  });

  it("burns from a burner module account, lowering the supply (to nothing: the entry goes)", () => {
    const env = createTestEnv();
    env.fund(moduleAddress("gov"), "10stake");
    const ctx = env.ctx();
    env.bank.burnCoins(ctx, "gov", coins("4stake"));
    expect(env.bank.getSupply(ctx, "stake").toString()).toBe("6stake");
    expect(eventsOf(ctx)).toEqual([
      ["coin_spent", { spender: env.bech32(moduleAddress("gov")), amount: "4stake" }],
      ["burn", { burner: env.bech32(moduleAddress("gov")), amount: "4stake" }],
    ]);
    env.bank.burnCoins(ctx, "gov", coins("6stake"));
    expect(env.bank.hasSupply(ctx.multiStore.getStore(BANK_STORE), "stake")).toBe(false);
    expect(thrown(() => env.bank.burnCoins(env.ctx(), "gov", coins("1stake"))).code).toBe(5);
  });

  it("keeps the supply equal to the sum of balances through every operation", () => {
    const env = createTestEnv();
    env.fund(alice, "100stake,7uatom");
    env.fund(moduleAddress("gov"), "30stake");
    const ctx = env.ctx();
    env.bank.sendCoins(ctx, alice, bob, coins("40stake,7uatom"));
    env.bank.sendCoinsFromAccountToModule(ctx, bob, "fee_collector", coins("1stake"));
    env.bank.burnCoins(ctx, "gov", coins("30stake"));
    env.bank.mintCoins(ctx, "mint", coins("3uatom"));
    const store = ctx.multiStore.getStore(BANK_STORE);
    expect(totalSupplyInvariant(env.bank, store).broken).toBe(false);
    expect(nonnegativeOutstandingInvariant(env.bank, store).broken).toBe(false);
    expect(env.bank.totalSupply(store).toString()).toBe("100stake,10uatom");
    // Tampering is caught.
    env.bank.setBalance(ctx, carol, Coin.of("stake", 1n));
    const broken = totalSupplyInvariant(env.bank, store);
    expect(broken.broken).toBe(true);
    expect(broken.message).toContain("sum of accounts coins: 101stake,10uatom");
  });
});

describe("send enabled and params", () => {
  it("uses the per-denom override, else the default", () => {
    const env = createTestEnv();
    const ctx = env.ctx();
    env.bank.setSendEnabled(ctx, "stake", false);
    expect(thrown(() => env.bank.assertSendEnabled(ctx, coins("1stake,1uatom")))).toEqual({
      codespace: "bank",
      code: 5,
      log: "stake transfers are currently disabled: send transactions are disabled",
    });
    env.bank.assertSendEnabled(ctx, coins("1uatom"));
    env.bank.setParams(ctx, Params.fromPartial({ defaultSendEnabled: false }));
    expect(thrown(() => env.bank.assertSendEnabled(ctx, coins("1uatom"))).log).toMatch(/^uatom transfers are currently disabled/);
    env.bank.setSendEnabled(ctx, "uatom", true);
    env.bank.assertSendEnabled(ctx, coins("1uatom"));
    env.bank.deleteSendEnabled(ctx, ["uatom", "never-set"]);
    expect(env.bank.isSendEnabledCoin(ctx, "uatom")).toBe(false);
  });

  it("moves a deprecated send_enabled list out of params into entries", () => {
    const env = createTestEnv();
    const ctx = env.ctx();
    env.bank.setParams(ctx, Params.fromPartial({ defaultSendEnabled: true, sendEnabled: [{ denom: "foo", enabled: false }] }));
    expect(env.bank.getParams(ctx)).toEqual(Params.fromPartial({ defaultSendEnabled: true, sendEnabled: [] }));
    expect(env.bank.sendEnabledEntries(ctx.multiStore.getStore(BANK_STORE))).toEqual([{ denom: "foo", enabled: false }]);
  });

  it("defaults the authority to the gov module account and refuses one that does not decode", () => {
    const env = createTestEnv();
    expect(env.bank.authority).toBe(env.bech32(moduleAddress("gov")));
    expect(() => new (env.bank.constructor as typeof import("./keeper").BankKeeper)(env.addresses, env.auth, { authority: "cosmos1xyz" })).toThrow();
  });
});

describe("state on the committed store", () => {
  it("commits, reopens and reads back balances, supply and send-enabled flags (false is an empty value)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "plumed-bank-"));
    try {
      const env = createTestEnv();
      const header = blockHeader({ chainId: "c", height: 1n, proposerAddress: new Uint8Array(20) });
      const open = (): ReturnType<typeof openCommitMultiStore> => openCommitMultiStore({ path: dir, storeNames: ["acc", "bank"], pruning: PRUNE_NOTHING });
      const cms = open();
      const block = cms.branch();
      const ctx = new Context(block, header, "finalize", silentLogger);
      env.bank.mintCoins(ctx, "mint", coins("50stake"));
      env.bank.sendCoinsFromModuleToAccount(ctx, "mint", alice, coins("20stake"));
      env.bank.setSendEnabled(ctx, "stake", false);
      env.bank.setSendEnabled(ctx, "uatom", true);
      block.write();
      cms.commit();
      await cms.close();
      const again = open();
      const store = again.viewAt(1).getReader(BANK_STORE);
      expect(env.bank.balance(store, alice, "stake").toString()).toBe("20stake");
      expect(env.bank.totalSupply(store).toString()).toBe("50stake");
      expect(env.bank.sendEnabledEntries(store)).toEqual([
        { denom: "stake", enabled: false },
        { denom: "uatom", enabled: true },
      ]);
      expect(totalSupplyInvariant(env.bank, store).broken).toBe(false);
      await again.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("is deterministic: the same operations give byte-identical stores", () => {
    const run = (): [string, string][] => {
      const env = createTestEnv();
      env.fund(alice, "100stake,9uatom");
      const ctx = env.ctx();
      env.bank.sendCoins(ctx, alice, bob, coins("7stake,2uatom"));
      env.bank.sendCoins(ctx, bob, carol, coins("1uatom"));
      env.bank.sendCoinsFromAccountToModule(ctx, carol, "fee_collector", coins("1uatom"));
      return ["acc", BANK_STORE].flatMap((name) =>
        [...ctx.multiStore.getStore(name).iterate()].map(({ key, value }): [string, string] => [Buffer.from(key).toString("hex"), Buffer.from(value).toString("hex")]),
      );
    };
    expect(run()).toEqual(run());
  });
});
