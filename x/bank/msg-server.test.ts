import { toBech32 } from "@cosmjs/encoding";
import { Params } from "cosmjs-types/cosmos/bank/v1beta1/bank";
import { MsgMultiSend, MsgSend, MsgSendResponse, MsgSetSendEnabled, MsgUpdateParams } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { moduleAddress } from "../../app/address";
import type { MsgHandlerDef } from "../../app/module";
import { BANK_STORE } from "./state-keys";
import { createTestEnv, eventsOf, testAddress, thrown, type TestEnv } from "./test-fixtures";

const alice = testAddress(1);
const bob = testAddress(2);

function handler<M>(env: TestEnv, typeUrl: string): MsgHandlerDef<M> {
  return env.msgs.handler(typeUrl) as MsgHandlerDef<M>;
}

function setup(): { env: TestEnv; send: MsgHandlerDef<MsgSend>; multi: MsgHandlerDef<MsgMultiSend>; a: string; b: string } {
  const env = createTestEnv();
  env.fund(alice, "100stake,10uatom");
  return {
    env,
    send: handler<MsgSend>(env, MsgSend.typeUrl),
    multi: handler<MsgMultiSend>(env, MsgMultiSend.typeUrl),
    a: env.bech32(alice),
    b: env.bech32(bob),
  };
}

const coin = (amount: string, denom = "stake"): { denom: string; amount: string } => ({ denom, amount });

describe("MsgSend", () => {
  it("sends, answers MsgSendResponse and names from_address as the signer", () => {
    const { env, send, a, b } = setup();
    const msg = MsgSend.fromPartial({ fromAddress: a, toAddress: b, amount: [coin("10"), coin("1", "uatom")] });
    expect(send.signers(msg)).toEqual([a]);
    const ctx = env.ctx();
    const res = send.handle(ctx, msg);
    expect(res).toEqual({ typeUrl: "/cosmos.bank.v1beta1.MsgSendResponse", value: MsgSendResponse.encode({}).finish() });
    expect(env.bank.getAllBalances(ctx, bob).toString()).toBe("10stake,1uatom");
    expect(eventsOf(ctx).map(([t]) => t)).toEqual(["coin_spent", "coin_received", "transfer", "message"]);
  });

  it.each([
    ["zero", [coin("0")], "0stake: invalid coins"],
    ["negative", [coin("-5")], "-5stake: invalid coins"],
    ["empty", [], ": invalid coins"],
    ["unsorted", [coin("1", "uatom"), coin("1")], "1uatom,1stake: invalid coins"],
    ["duplicated", [coin("1"), coin("2")], "1stake,2stake: invalid coins"],
    ["badly named", [coin("1", "x")], "1x: invalid coins"],
  ])("refuses %s amounts with ErrInvalidCoins (10) in the handler, before any state change", (_name, amount, log) => {
    const { env, send, a, b } = setup();
    const msg = MsgSend.fromPartial({ fromAddress: a, toAddress: b, amount });
    // No ValidateBasic on bank msgs in SDK v0.50: CheckTx lets it through...
    expect(() => send.validateBasic?.(msg)).not.toThrow();
    const ctx = env.ctx();
    const before = [...ctx.multiStore.getStore(BANK_STORE).iterate()];
    // ...and the msg fails in the block.
    expect(thrown(() => send.handle(ctx, msg))).toEqual({ codespace: "sdk", code: 10, log });
    expect([...ctx.multiStore.getStore(BANK_STORE).iterate()]).toEqual(before);
    expect(eventsOf(ctx)).toEqual([]);
  });

  it("rejects amounts the SDK's tx decoder cannot read (over 256 bits, bad syntax) as ErrTxDecode", () => {
    const { env, send, a, b } = setup();
    const overflow = MsgSend.fromPartial({ fromAddress: a, toAddress: b, amount: [coin((1n << 256n).toString())] });
    expect(thrown(() => send.validateBasic?.(overflow))).toEqual({ codespace: "sdk", code: 2, log: "integer out of range; got: 257, max: 256: tx parse error" });
    expect(thrown(() => send.handle(env.ctx(), overflow)).code).toBe(2);
    const maxInt = MsgSend.fromPartial({ fromAddress: a, toAddress: b, amount: [coin(((1n << 256n) - 1n).toString())] });
    expect(() => send.validateBasic?.(maxInt)).not.toThrow();
    expect(thrown(() => send.handle(env.ctx(), maxInt)).code).toBe(5);
    const syntax = MsgSend.fromPartial({ fromAddress: a, toAddress: b, amount: [coin("12abc")] });
    expect(thrown(() => send.validateBasic?.(syntax)).code).toBe(2);
    // An absent amount decodes (to a nil Int) and panics when used, as in Go.
    const nil = MsgSend.fromPartial({ fromAddress: a, toAddress: b, amount: [coin("")] });
    expect(() => send.validateBasic?.(nil)).not.toThrow();
    expect(thrown(() => send.handle(env.ctx(), nil)).code).toBe(111222);
  });

  it("refuses bad addresses with ErrInvalidAddress (7) and the address codec's text", () => {
    const { env, send, a, b } = setup();
    const badChecksum = `${b.slice(0, -1)}${b.endsWith("q") ? "p" : "q"}`;
    const r1 = thrown(() => send.handle(env.ctx(), MsgSend.fromPartial({ fromAddress: badChecksum, toAddress: b, amount: [coin("1")] })));
    expect(r1.code).toBe(7);
    expect(r1.log).toMatch(/^invalid from address: decoding bech32 failed: invalid checksum \(expected [a-z0-9]{6} got [a-z0-9]{6}\): invalid address$/);
    const cosmos = toBech32("cosmos", bob);
    expect(thrown(() => send.handle(env.ctx(), MsgSend.fromPartial({ fromAddress: a, toAddress: cosmos, amount: [coin("1")] })))).toEqual({
      codespace: "sdk",
      code: 7,
      log: "invalid to address: hrp does not match bech32 prefix: expected 'plume' got 'cosmos': internal logic error: invalid address",
    });
    expect(thrown(() => send.handle(env.ctx(), MsgSend.fromPartial({ toAddress: b, amount: [coin("1")] }))).log).toBe(
      "invalid from address: empty address string is not allowed: invalid address",
    );
  });

  it("refuses overdrafts (5), disabled denoms (bank/5) and blocked recipients (4), in the SDK's order", () => {
    const { env, send, a, b } = setup();
    expect(thrown(() => send.handle(env.ctx(), MsgSend.fromPartial({ fromAddress: a, toAddress: b, amount: [coin("101")] })))).toEqual({
      codespace: "sdk",
      code: 5,
      log: "spendable balance 100stake is smaller than 101stake: insufficient funds",
    });
    env.bank.setSendEnabled(env.ctx(), "stake", false);
    const feeCollector = env.bech32(moduleAddress("fee_collector"));
    // Send-enabled is checked before the recipient and the balance.
    expect(thrown(() => send.handle(env.ctx(), MsgSend.fromPartial({ fromAddress: a, toAddress: feeCollector, amount: [coin("101")] })))).toEqual({
      codespace: "bank",
      code: 5,
      log: "stake transfers are currently disabled: send transactions are disabled",
    });
    expect(thrown(() => send.handle(env.ctx(), MsgSend.fromPartial({ fromAddress: a, toAddress: feeCollector, amount: [coin("101", "uatom")] })))).toEqual({
      codespace: "sdk",
      code: 4,
      log: `${feeCollector} is not allowed to receive funds: unauthorized`,
    });
    // gov's account is not blocked.
    send.handle(env.ctx(), MsgSend.fromPartial({ fromAddress: a, toAddress: env.bech32(moduleAddress("gov")), amount: [coin("1", "uatom")] }));
  });
});

describe("MsgMultiSend", () => {
  it("sends from one input to several outputs; the input addresses are the signers", () => {
    const { env, multi, a, b } = setup();
    const c = env.bech32(testAddress(3));
    const msg = MsgMultiSend.fromPartial({
      inputs: [{ address: a, coins: [coin("30")] }],
      outputs: [
        { address: b, coins: [coin("10")] },
        { address: c, coins: [coin("20")] },
      ],
    });
    expect(multi.signers(msg)).toEqual([a]);
    const ctx = env.ctx();
    expect(multi.handle(ctx, msg).typeUrl).toBe("/cosmos.bank.v1beta1.MsgMultiSendResponse");
    expect(env.bank.getBalance(ctx, alice, "stake").toString()).toBe("70stake");
    expect(env.bank.getBalance(ctx, testAddress(3), "stake").toString()).toBe("20stake");
  });

  it("refuses the wrong shapes with the bank codes", () => {
    const { env, multi, a, b } = setup();
    const out = [{ address: b, coins: [coin("1")] }];
    const run = (msg: Partial<MsgMultiSend>): ReturnType<typeof thrown> => thrown(() => multi.handle(env.ctx(), MsgMultiSend.fromPartial(msg)));
    expect(run({ inputs: [], outputs: out })).toEqual({ codespace: "bank", code: 2, log: "no inputs to send transaction" });
    expect(run({ inputs: [{ address: a, coins: [coin("1")] }, { address: b, coins: [coin("1")] }], outputs: out })).toEqual({
      codespace: "bank",
      code: 9,
      log: "multiple senders not allowed",
    });
    expect(run({ inputs: [{ address: a, coins: [coin("1")] }], outputs: [] })).toEqual({ codespace: "bank", code: 3, log: "no outputs to send transaction" });
    expect(run({ inputs: [{ address: a, coins: [coin("2")] }], outputs: out })).toEqual({ codespace: "bank", code: 4, log: "sum inputs != sum outputs" });
    expect(run({ inputs: [{ address: a, coins: [coin("0")] }], outputs: out })).toEqual({ codespace: "sdk", code: 10, log: "0stake: invalid coins" });
    expect(run({ inputs: [{ address: toBech32("cosmos", alice), coins: [coin("1")] }], outputs: out })).toEqual({
      codespace: "sdk",
      code: 7,
      log: "invalid input address: invalid Bech32 prefix; expected plume, got cosmos: invalid address",
    });
    expect(run({ inputs: [{ address: a, coins: [coin("1")] }], outputs: [{ address: "", coins: [coin("1")] }] })).toEqual({
      codespace: "sdk",
      code: 7,
      log: "invalid output address: empty address string is not allowed: invalid address",
    });
    const gov = env.bech32(moduleAddress("distribution"));
    expect(run({ inputs: [{ address: a, coins: [coin("1")] }], outputs: [{ address: gov, coins: [coin("1")] }] })).toEqual({
      codespace: "sdk",
      code: 4,
      log: `${gov} is not allowed to receive funds: unauthorized`,
    });
    expect(env.bank.getBalance(env.ctx(), alice, "stake").toString()).toBe("100stake");
  });
});

describe("authority-gated msgs", () => {
  it("MsgUpdateParams needs the gov authority and valid params", () => {
    const { env, a } = setup();
    const update = handler<MsgUpdateParams>(env, MsgUpdateParams.typeUrl);
    const gov = env.bank.authority;
    expect(update.signers(MsgUpdateParams.fromPartial({ authority: gov }))).toEqual([gov]);
    expect(thrown(() => update.handle(env.ctx(), MsgUpdateParams.fromPartial({ authority: a, params: { defaultSendEnabled: false } })))).toEqual({
      codespace: "gov",
      code: 13,
      log: `invalid authority; expected ${gov}, got ${a}: expected gov account as only signer for proposal message`,
    });
    expect(
      thrown(() => update.handle(env.ctx(), MsgUpdateParams.fromPartial({ authority: gov, params: { sendEnabled: [{ denom: "stake", enabled: false }] } }))),
    ).toEqual({ codespace: "undefined", code: 1, log: "use of send_enabled in params is no longer supported" });
    const ctx = env.ctx();
    update.handle(ctx, MsgUpdateParams.fromPartial({ authority: gov, params: { defaultSendEnabled: false } }));
    expect(env.bank.getParams(ctx)).toEqual(Params.fromPartial({ defaultSendEnabled: false }));
  });

  it("MsgSetSendEnabled checks duplicates and denoms, then sets and clears entries", () => {
    const { env, a } = setup();
    const set = handler<MsgSetSendEnabled>(env, MsgSetSendEnabled.typeUrl);
    const gov = env.bank.authority;
    const run = (msg: Partial<MsgSetSendEnabled>): ReturnType<typeof thrown> => thrown(() => set.handle(env.ctx(), MsgSetSendEnabled.fromPartial(msg)));
    expect(run({ authority: a }).code).toBe(13);
    expect(run({ authority: gov, sendEnabled: [{ denom: "foo", enabled: true }, { denom: "foo", enabled: false }] })).toEqual({
      codespace: "sdk",
      code: 18,
      log: 'duplicate denom entries found for "foo": invalid request',
    });
    expect(run({ authority: gov, sendEnabled: [{ denom: "1x", enabled: true }] }).log).toBe('invalid SendEnabled denom "1x": invalid denom: 1x: invalid request');
    expect(run({ authority: gov, useDefaultFor: ["a"] }).log).toBe('invalid UseDefaultFor denom "a": invalid denom: a: invalid request');
    const ctx = env.ctx();
    set.handle(ctx, MsgSetSendEnabled.fromPartial({ authority: gov, sendEnabled: [{ denom: "stake", enabled: false }, { denom: "uatom", enabled: true }] }));
    set.handle(ctx, MsgSetSendEnabled.fromPartial({ authority: gov, useDefaultFor: ["uatom"] }));
    expect(env.bank.sendEnabledEntries(ctx.multiStore.getStore(BANK_STORE))).toEqual([{ denom: "stake", enabled: false }]);
  });
});

describe("registration", () => {
  it("registers the four bank msgs with amino converters", () => {
    const { env } = setup();
    const bankUrls = env.msgs.typeUrls().filter((u) => u.startsWith("/cosmos.bank."));
    expect(bankUrls).toEqual([
      "/cosmos.bank.v1beta1.MsgMultiSend",
      "/cosmos.bank.v1beta1.MsgSend",
      "/cosmos.bank.v1beta1.MsgSetSendEnabled",
      "/cosmos.bank.v1beta1.MsgUpdateParams",
    ]);
    expect(bankUrls.map((u) => env.msgs.handler(u).amino?.aminoType)).toEqual([
      "cosmos-sdk/MsgMultiSend",
      "cosmos-sdk/MsgSend",
      "cosmos-sdk/MsgSetSendEnabled",
      "cosmos-sdk/x/bank/MsgUpdateParams",
    ]);
  });
});
