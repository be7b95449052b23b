import { createMultisigThresholdPubkey, encodeSecp256k1Pubkey, pubkeyToAddress } from "@cosmjs/amino";
import { encodePubkey, Registry } from "@cosmjs/proto-signing";
import { defaultRegistryTypes, makeMultisignedTxBytes, SigningStargateClient } from "@cosmjs/stargate";
jest.mock("@cosmjs/encoding", () => {
  // cosmjs' multisig helper calls fromBech32 without a length limit, which the installed
  // @scure/base refuses; give it the limit (as app/address.ts does).
  const actual = jest.requireActual<typeof import("@cosmjs/encoding")>("@cosmjs/encoding");
  return { ...actual, fromBech32: (address: string, limit = 256) => actual.fromBech32(address, limit) };
});

import { TxMsgData } from "cosmjs-types/cosmos/base/abci/v1beta1/abci";
import { SignMode } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import { AuthInfo, Fee, Tx, TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import type { AppEvent } from "../app/events";
import type { MsgHandlerDef } from "../app/module";
import { parseDecCoins } from "../app/math/parse-coins";
import { MsgMultiSend, MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { CHAIN_ID, createHarness, defaultFee, fund, sendMsg, signTx, testAccount, type Harness, type TestAccount } from "./tx-pipeline.fixture";

const attrs = (e: AppEvent): Record<string, string> => Object.fromEntries(e.attributes.map((a) => [a.key, a.value]));

async function setup(overrides = {}): Promise<{ h: Harness; a: TestAccount; b: TestAccount; accNum: bigint }> {
  const h = createHarness(overrides);
  const a = await testAccount(1);
  const b = await testAccount(2);
  const accNum = fund(h, a.bytes, 1_000_000n);
  return { h, a, b, accNum };
}

describe("runTx in CheckTx", () => {
  it("runs only the ante handler: fee and sequence on the check state, no events, messages not executed", async () => {
    const { h, a, b, accNum } = await setup();
    const tx = await signTx(a.direct, a.address, [sendMsg(a.address, b.address, 100n)], { accountNumber: accNum, sequence: 0n });
    const check = h.state.branch();
    const out = h.executor.runTx(h.ctx("check", { store: check }), tx);
    expect(out).toMatchObject({ code: 0, codespace: "", log: "", gasWanted: 200_000n, events: [] });
    expect(out.gasUsed).toBeGreaterThan(0n);
    const ctx = h.ctx("check", { store: check });
    expect(h.auth.getAccount(ctx, a.bytes)?.sequence).toBe(1n);
    expect(h.bank.balance(ctx, a.bytes)).toBe(1_000_000n - 1000n);
    expect(h.bank.balance(ctx, b.bytes)).toBe(0n);
    // Nothing reached the committed state.
    expect(h.auth.getAccount(h.ctx("check"), a.bytes)?.sequence).toBe(0n);
  });

  it("accepts several txs of one account in a row (sequence carried on the check state)", async () => {
    const { h, a, b, accNum } = await setup();
    const check = h.state.branch();
    for (let seq = 0n; seq < 3n; seq++) {
      const tx = await signTx(a.direct, a.address, [sendMsg(a.address, b.address, 1n)], { accountNumber: accNum, sequence: seq });
      expect(h.executor.runTx(h.ctx("check", { store: check }), tx).code).toBe(0);
    }
  });

  it("enforces min gas prices in CheckTx only (sdk/13, ceil and IsAnyGTE)", async () => {
    const { h: plain, a, b, accNum } = await setup();
    void plain;
    const h = createHarness({ minGasPrices: parseDecCoins("0.0051stake,1uatom") });
    fund(h, a.bytes, 1_000_000n);
    const cheap = await signTx(a.direct, a.address, [sendMsg(a.address, b.address, 1n)], { accountNumber: accNum, sequence: 0n, fee: defaultFee(200_000n, 1019n) });
    const out = h.executor.runTx(h.ctx("check", { store: h.state.branch() }), cheap);
    expect(out).toMatchObject({ code: 13, codespace: "sdk", log: "insufficient fees; got: 1019stake required: 1020stake,200000uatom: insufficient fee" });
    // ceil(0.0051 * 200000) = 1020 is enough; the other denom does not matter (any one suffices).
    const enough = await signTx(a.direct, a.address, [sendMsg(a.address, b.address, 1n)], { accountNumber: accNum, sequence: 0n, fee: defaultFee(200_000n, 1020n) });
    expect(h.executor.runTx(h.ctx("check", { store: h.state.branch() }), enough).code).toBe(0);
    // A block does not apply the node's own minimum.
    expect(h.executor.runTx(h.ctx("finalize", { store: h.state.branch() }), cheap).code).toBe(0);
  });

  it("sets the priority from the fee's gas price", async () => {
    const { h, a, b, accNum } = await setup();
    const tx = await signTx(a.direct, a.address, [sendMsg(a.address, b.address, 1n)], { accountNumber: accNum, sequence: 0n, fee: defaultFee(100_000n, 500_000n) });
    expect(h.executor.runTx(h.ctx("check", { store: h.state.branch() }), tx).priority).toBe(5n);
  });
});

describe("runTx in FinalizeBlock", () => {
  it("executes the messages with the SDK's events, msg_index and TxMsgData", async () => {
    const { h, a, b, accNum } = await setup();
    const tx = await signTx(a.direct, a.address, [sendMsg(a.address, b.address, 100n)], { accountNumber: accNum, sequence: 0n, memo: "hi" });
    const block = h.state.branch();
    const out = h.executor.runTx(h.ctx("finalize", { store: block }), tx);
    expect(out.code).toBe(0);
    expect(out.log).toBe("");
    expect(out.events.map((e) => e.type)).toEqual(["tx", "tx", "tx", "message", "transfer"]);
    expect(attrs(out.events[0] as AppEvent)).toEqual({ fee: "1000stake", fee_payer: a.address });
    expect(attrs(out.events[1] as AppEvent)).toEqual({ acc_seq: `${a.address}/0` });
    expect(Object.keys(attrs(out.events[2] as AppEvent))).toEqual(["signature"]);
    expect((out.events[3] as AppEvent).attributes).toEqual([
      { key: "action", value: "/cosmos.bank.v1beta1.MsgSend" },
      { key: "sender", value: a.address },
      { key: "module", value: "bank" },
      { key: "msg_index", value: "0" },
    ]);
    expect(attrs(out.events[4] as AppEvent)).toEqual({ recipient: b.address, sender: a.address, amount: "100stake", msg_index: "0" });
    expect(TxMsgData.decode(out.data).msgResponses).toEqual([{ typeUrl: "/cosmos.bank.v1beta1.MsgSendResponse", value: new Uint8Array() }]);
    const ctx = h.ctx("finalize", { store: block });
    expect(h.bank.balance(ctx, b.bytes)).toBe(100n);
    expect(h.bank.balance(ctx, a.bytes)).toBe(1_000_000n - 1000n - 100n);
    expect(h.bank.balance(ctx, h.auth.moduleAddress("fee_collector"))).toBe(1000n);
  });

  it("numbers the events of each message and keeps one message event per message", async () => {
    const { h, a, b, accNum } = await setup();
    const tx = await signTx(a.direct, a.address, [sendMsg(a.address, b.address, 1n), sendMsg(a.address, b.address, 2n)], { accountNumber: accNum, sequence: 0n });
    const out = h.executor.runTx(h.ctx("finalize", { store: h.state.branch() }), tx);
    expect(out.code).toBe(0);
    const msgEvents = out.events.slice(3);
    expect(msgEvents.map((e) => [e.type, attrs(e)["msg_index"]])).toEqual([
      ["message", "0"],
      ["transfer", "0"],
      ["message", "1"],
      ["transfer", "1"],
    ]);
    expect(TxMsgData.decode(out.data).msgResponses).toHaveLength(2);
  });

  it("keeps fee and sequence when a message fails, drops the message writes, reports the ante events only", async () => {
    const { h, a, b, accNum } = await setup();
    const tx = await signTx(a.direct, a.address, [sendMsg(a.address, b.address, 1n), sendMsg(a.address, b.address, 5_000_000n)], { accountNumber: accNum, sequence: 0n });
    const block = h.state.branch();
    const out = h.executor.runTx(h.ctx("finalize", { store: block }), tx);
    expect(out).toMatchObject({
      code: 5,
      codespace: "sdk",
      log: "failed to execute message; message index: 1: spendable balance 998999stake is smaller than 5000000stake: insufficient funds",
      data: new Uint8Array(),
      gasWanted: 200_000n,
    });
    expect(out.events.map((e) => e.type)).toEqual(["tx", "tx", "tx"]);
    const ctx = h.ctx("finalize", { store: block });
    expect(h.auth.getAccount(ctx, a.bytes)?.sequence).toBe(1n);
    expect(h.bank.balance(ctx, a.bytes)).toBe(1_000_000n - 1000n);
    expect(h.bank.balance(ctx, b.bytes)).toBe(0n); // the first message's transfer is dropped too
  });

  it("turns a handler bug (a thrown TypeError) into a deterministic panic result, fee kept", async () => {
    const { h: base, a } = await setup();
    void base;
    const buggy: MsgHandlerDef<MsgMultiSend> = {
      typeUrl: "/cosmos.bank.v1beta1.MsgMultiSend",
      codec: MsgMultiSend,
      signers: (m) => m.inputs.map((i) => i.address),
      handle: () => {
        throw new TypeError("cannot read properties of undefined");
      },
    };
    const h = createHarness({}, [buggy as MsgHandlerDef<never>]);
    const accNum = fund(h, a.bytes, 1_000_000n);
    const client = await SigningStargateClient.offline(a.direct);
    const multiSend = MsgMultiSend.fromPartial({ inputs: [{ address: a.address }] });
    const raw = await client.sign(a.address, [{ typeUrl: "/cosmos.bank.v1beta1.MsgMultiSend", value: multiSend }], defaultFee(), "", {
      accountNumber: accNum,
      sequence: 0,
      chainId: CHAIN_ID,
    });
    const block = h.state.branch();
    const out = h.executor.runTx(h.ctx("finalize", { store: block }), TxRaw.encode(raw).finish());
    expect(out).toMatchObject({ code: 111222, codespace: "undefined", log: "panic" });
    expect(out.events.map((e) => e.type)).toEqual(["tx", "tx", "tx"]);
    expect(h.bank.balance(h.ctx("finalize", { store: block }), a.bytes)).toBe(1_000_000n - 1000n);
  });

  it("fails a tx it cannot decode with sdk/2 \"tx parse error\", no gas, no events", async () => {
    const { h } = await setup();
    const garbage = Uint8Array.of(0x0a, 0x05, 0x01);
    expect(h.executor.runTx(h.ctx("finalize", { store: h.state.branch() }), garbage)).toEqual({
      code: 2,
      codespace: "sdk",
      log: "tx parse error",
      data: new Uint8Array(),
      gasWanted: 0n,
      gasUsed: 0n,
      events: [],
    });
    const check = h.executor.runTx(h.ctx("check", { store: h.state.branch() }), garbage);
    expect(check.code).toBe(2);
    expect(check.log).toMatch(/: tx parse error$/);
  });

  it("reports out of gas in the messages as sdk/11 with the SDK's text, ante writes kept", async () => {
    const { h, a, b, accNum } = await setup();
    const probe = await signTx(a.direct, a.address, [sendMsg(a.address, b.address, 1n)], { accountNumber: accNum, sequence: 0n, fee: defaultFee(1_000_000n) });
    const anteGas = h.executor.runTx(h.ctx("check", { store: h.state.branch() }), probe).gasUsed;
    // Same varint width for the gas limit, so the tx size (and so the ante gas) is the same.
    const limit = anteGas + 100n;
    const tx = await signTx(a.direct, a.address, [sendMsg(a.address, b.address, 1n)], { accountNumber: accNum, sequence: 0n, fee: defaultFee(limit) });
    const block = h.state.branch();
    const out = h.executor.runTx(h.ctx("finalize", { store: block }), tx);
    expect(out.code).toBe(11);
    expect(out.codespace).toBe("sdk");
    expect(out.log).toMatch(new RegExp(`^out of gas in location: \\w+; gasWanted: ${limit}, gasUsed: ${out.gasUsed}: out of gas$`));
    expect(out.gasUsed).toBeGreaterThan(limit);
    expect(out.gasWanted).toBe(limit);
    expect(out.events.map((e) => e.type)).toEqual(["tx", "tx", "tx"]);
    expect(h.auth.getAccount(h.ctx("finalize", { store: block }), a.bytes)?.sequence).toBe(1n);
  });

  it("reports out of gas in the ante handler as sdk/11 with no events and nothing kept", async () => {
    const { h, a, b, accNum } = await setup();
    const tx = await signTx(a.direct, a.address, [sendMsg(a.address, b.address, 1n)], { accountNumber: accNum, sequence: 0n, fee: defaultFee(3000n) });
    const block = h.state.branch();
    const out = h.executor.runTx(h.ctx("finalize", { store: block }), tx);
    expect(out).toMatchObject({ code: 11, gasWanted: 3000n, events: [] });
    expect(out.log).toMatch(/^out of gas in location: txSize; gasWanted: 3000, gasUsed: \d+: out of gas$/);
    expect(h.auth.getAccount(h.ctx("finalize", { store: block }), a.bytes)?.sequence).toBe(0n);
  });

  it("refuses a wrong sequence with sdk/32", async () => {
    const { h, a, b, accNum } = await setup();
    const tx = await signTx(a.direct, a.address, [sendMsg(a.address, b.address, 1n)], { accountNumber: accNum, sequence: 1n });
    const out = h.executor.runTx(h.ctx("finalize", { store: h.state.branch() }), tx);
    expect(out).toMatchObject({ code: 32, codespace: "sdk", log: "account sequence mismatch, expected 0, got 1: incorrect account sequence", events: [] });
  });

  it("refuses a bad signature, a wrong chain id and a wrong account number with sdk/4", async () => {
    const { h, a, b, accNum } = await setup();
    const good = await signTx(a.direct, a.address, [sendMsg(a.address, b.address, 1n)], { accountNumber: accNum, sequence: 0n });
    const raw = TxRaw.decode(good);
    const sig = Uint8Array.from(raw.signatures[0] as Uint8Array);
    sig[10] = (sig[10] as number) ^ 0xff;
    const tampered = TxRaw.encode({ ...raw, signatures: [sig] }).finish();
    const expected = `signature verification failed; please verify account number (${accNum}) and chain-id (${CHAIN_ID}): (unable to verify single signer signature): unauthorized`;
    expect(h.executor.runTx(h.ctx("finalize", { store: h.state.branch() }), tampered)).toMatchObject({ code: 4, codespace: "sdk", log: expected });
    const otherChain = await signTx(a.direct, a.address, [sendMsg(a.address, b.address, 1n)], { accountNumber: accNum, sequence: 0n, chainId: "other-chain" });
    expect(h.executor.runTx(h.ctx("finalize", { store: h.state.branch() }), otherChain)).toMatchObject({ code: 4, log: expected });
    const otherNumber = await signTx(a.direct, a.address, [sendMsg(a.address, b.address, 1n)], { accountNumber: accNum + 7n, sequence: 0n });
    expect(h.executor.runTx(h.ctx("finalize", { store: h.state.branch() }), otherNumber)).toMatchObject({ code: 4, log: expected });
  });

  it("verifies LEGACY_AMINO_JSON signatures, and reports their failures with the amino wording", async () => {
    const { h, a, b, accNum } = await setup();
    const tx = await signTx(a.amino, a.address, [sendMsg(a.address, b.address, 7n)], { accountNumber: accNum, sequence: 0n, memo: "a & b <c>", timeoutHeight: 100n });
    expect(h.executor.runTx(h.ctx("finalize", { store: h.state.branch() }), tx).code).toBe(0);
    const wrongChain = await signTx(a.amino, a.address, [sendMsg(a.address, b.address, 7n)], { accountNumber: accNum, sequence: 0n, chainId: "x" });
    expect(h.executor.runTx(h.ctx("finalize", { store: h.state.branch() }), wrongChain)).toMatchObject({
      code: 4,
      log: `signature verification failed; please verify account number (${accNum}), sequence (0) and chain-id (${CHAIN_ID}): unauthorized`,
    });
  });

  it("signs with account number 0 at genesis", async () => {
    const h = createHarness();
    const [a, b, first] = await Promise.all([testAccount(1), testAccount(2), testAccount(3)]);
    fund(h, first.bytes, 1n);
    const accNum = fund(h, a.bytes, 1_000_000n);
    expect(accNum).toBeGreaterThan(0n);
    const genesisTx = await signTx(a.direct, a.address, [sendMsg(a.address, b.address, 1n)], { accountNumber: 0n, sequence: 0n });
    expect(h.executor.runTx(h.ctx("genesis", { store: h.state.branch(), height: 0n }), genesisTx).code).toBe(0);
    expect(h.executor.runTx(h.ctx("finalize", { store: h.state.branch() }), genesisTx).code).toBe(4);
  });

  it("accepts a 2-of-3 multisig built with cosmjs' multisig helpers", async () => {
    const h = createHarness();
    const keys = await Promise.all([testAccount(11), testAccount(12), testAccount(13)]);
    const multisig = createMultisigThresholdPubkey(
      keys.map((k) => encodeSecp256k1Pubkey(k.pubkey)),
      2,
    );
    const msigAddress = pubkeyToAddress(multisig, "cosmos");
    const msigBytes = h.addresses.decodeAccount(msigAddress);
    const accNum = fund(h, msigBytes, 1_000_000n);
    const b = await testAccount(2);
    const msgs = [sendMsg(msigAddress, b.address, 5n)];
    const fee = defaultFee();
    const signatures = new Map<string, Uint8Array>();
    let bodyBytes: Uint8Array = new Uint8Array();
    for (const k of [keys[0], keys[2]] as TestAccount[]) {
      const client = await SigningStargateClient.offline(k.amino, { registry: new Registry(defaultRegistryTypes) });
      const signed = await client.sign(k.address, msgs, fee, "multisig", { accountNumber: accNum, sequence: 0, chainId: CHAIN_ID });
      signatures.set(k.address, signed.signatures[0] as Uint8Array);
      bodyBytes = signed.bodyBytes;
    }
    const txBytes = makeMultisignedTxBytes(multisig, 0, fee, bodyBytes, signatures);
    const block = h.state.branch();
    const out = h.executor.runTx(h.ctx("finalize", { store: block }), txBytes);
    expect(out.log).toBe("");
    expect(out.code).toBe(0);
    // Events: the two signatures and their aggregate.
    expect(out.events.filter((e) => e.type === "tx" && e.attributes[0]?.key === "signature")).toHaveLength(3);
    expect(h.bank.balance(h.ctx("finalize", { store: block }), b.bytes)).toBe(5n);

    // One signature is not enough for a threshold of 2.
    const one = makeMultisignedTxBytes(multisig, 0, fee, bodyBytes, new Map([[keys[0]?.address, signatures.get(keys[0]?.address) as Uint8Array]]));
    const failed = h.executor.runTx(h.ctx("finalize", { store: h.state.branch() }), one);
    expect(failed.code).toBe(4);
    expect(failed.log).toMatch(/^signature verification failed; please verify account number \(\d+\), sequence \(0\) and chain-id/);
  });

  it("consumes block gas when max_gas > 0 and fails a tx that does not fit", async () => {
    const { h, a, b, accNum } = await setup();
    const block = h.state.branch();
    const first = await signTx(a.direct, a.address, [sendMsg(a.address, b.address, 1n)], { accountNumber: accNum, sequence: 0n, fee: defaultFee(100_000n) });
    const second = await signTx(a.direct, a.address, [sendMsg(a.address, b.address, 1n)], { accountNumber: accNum, sequence: 1n, fee: defaultFee(100_000n) });
    // Measure both in a block without a gas limit, then give the block one gas unit too few.
    const dry = h.state.branch();
    const g1 = h.executor.runTx(h.ctx("finalize", { store: dry }), first).gasUsed;
    const g2 = h.executor.runTx(h.ctx("finalize", { store: dry }), second).gasUsed;
    const maxGas = g1 + g2 - 1n;
    const one = h.executor.runTx(h.ctx("finalize", { store: block, maxGas }), first);
    expect(one.code).toBe(0);
    const two = h.executor.runTx(h.ctx("finalize", { store: block, maxGas }), second);
    expect(two.code).toBe(11);
    expect(two.log).toBe(`out of gas in location: block gas meter; gasWanted: 100000, gasUsed: ${g2}: out of gas`);
    // Its ante writes stay (sequence 2), its message did not run (b got 1 from the first tx only).
    const ctx = h.ctx("finalize", { store: block });
    expect(h.auth.getAccount(ctx, a.bytes)?.sequence).toBe(2n);
    expect(h.bank.balance(ctx, b.bytes)).toBe(1n);
    // The block meter is now full: the next tx is refused before it runs.
    const third = await signTx(a.direct, a.address, [sendMsg(a.address, b.address, 1n)], { accountNumber: accNum, sequence: 2n, fee: defaultFee(100_000n) });
    expect(h.executor.runTx(h.ctx("finalize", { store: block, maxGas }), third)).toMatchObject({
      code: 11,
      log: "no block gas left to run tx: out of gas",
      gasUsed: 0n,
    });
    // A tx above the block's max gas is refused by SetUpContext.
    const big = await signTx(a.direct, a.address, [sendMsg(a.address, b.address, 1n)], { accountNumber: accNum, sequence: 1n, fee: defaultFee(200_000n) });
    expect(h.executor.runTx(h.ctx("finalize", { store: h.state.branch(), maxGas: 160_000n }), big)).toMatchObject({
      code: 41,
      log: "tx gas limit 200000 exceeds block max gas 160000: invalid gas limit",
      gasWanted: 200_000n,
      gasUsed: 0n,
    });
  });
});

describe("simulation", () => {
  /** A tx as cosmjs' simulate builds it: SIGN_MODE_UNSPECIFIED, an empty signature, Fee{}. */
  function cosmjsSimulationTx(a: TestAccount, to: string, sequence: bigint): Uint8Array {
    const registry = new Registry(defaultRegistryTypes);
    const tx = Tx.fromPartial({
      authInfo: AuthInfo.fromPartial({
        fee: Fee.fromPartial({}),
        signerInfos: [{ publicKey: encodePubkey(encodeSecp256k1Pubkey(a.pubkey)), sequence, modeInfo: { single: { mode: SignMode.SIGN_MODE_UNSPECIFIED } } }],
      }),
      body: TxBody.fromPartial({ messages: [registry.encodeAsAny(sendMsg(a.address, to, 10n))], memo: "" }),
      signatures: [new Uint8Array()],
    });
    return Tx.encode(tx).finish();
  }

  it("accepts cosmjs' simulation tx (no key on the account, gas 0) and persists nothing", async () => {
    const { h, a, b } = await setup();
    const sim = h.state.branch();
    const out = h.executor.runTx(h.ctx("simulate", { store: sim }), cosmjsSimulationTx(a, b.address, 0n));
    expect(out.log).toBe("");
    expect(out.code).toBe(0);
    expect(out.gasWanted).toBe((1n << 64n) - 1n);
    expect(out.gasUsed).toBeGreaterThan(50_000n);
    expect(out.events.some((e) => e.type === "transfer")).toBe(true);
    expect(h.auth.getAccount(h.ctx("check"), a.bytes)?.pubKey).toBeUndefined();
  });

  it("charges the simulated signature size when the signature is missing", async () => {
    const { h, a, b, accNum } = await setup();
    const simulated = h.executor.runTx(h.ctx("simulate", { store: h.state.branch() }), cosmjsSimulationTx(a, b.address, 0n));
    // The same tx signed for real, run in simulation: its signature is complete, so no estimate is added.
    const signed = await signTx(a.direct, a.address, [sendMsg(a.address, b.address, 10n)], { accountNumber: accNum, sequence: 0n, fee: { amount: [], gas: "0" } });
    const real = h.executor.runTx(h.ctx("simulate", { store: h.state.branch() }), signed);
    expect(real.code).toBe(0);
    // 10 * (106 + 6) for the missing secp256k1 signature plus reading the signer's account, less
    // the bytes the signed tx has in addition (its 64-byte signature...).
    const sizeDiff = BigInt(signed.length - cosmjsSimulationTx(a, b.address, 0n).length);
    const extra = simulated.gasUsed - real.gasUsed + 10n * sizeDiff;
    expect(extra).toBeGreaterThan(10n * 112n + 1000n);
    expect(extra).toBeLessThan(10n * 112n + 1000n + 3n * 200n);
  });

  it("still checks the sequence", async () => {
    const { h, a, b } = await setup();
    const out = h.executor.runTx(h.ctx("simulate", { store: h.state.branch() }), cosmjsSimulationTx(a, b.address, 3n));
    expect(out.code).toBe(32);
  });
});

describe("signature cache", () => {
  it("skips the curve arithmetic in FinalizeBlock for a signature verified in CheckTx, but still checks sequences", async () => {
    const { h, a, b, accNum } = await setup();
    const spy = jest.spyOn(h.executor.verifier.backend, "verifyDigest");
    const tx = await signTx(a.direct, a.address, [sendMsg(a.address, b.address, 1n)], { accountNumber: accNum, sequence: 0n });
    expect(h.executor.runTx(h.ctx("check", { store: h.state.branch() }), tx).code).toBe(0);
    expect(spy).toHaveBeenCalledTimes(1);
    const block = h.state.branch();
    expect(h.executor.runTx(h.ctx("finalize", { store: block }), tx).code).toBe(0);
    expect(spy).toHaveBeenCalledTimes(1);
    expect(h.executor.signatureCache.stats().hits).toBe(1);
    // The same tx again in the block: a cache hit, yet the sequence is checked.
    expect(h.executor.runTx(h.ctx("finalize", { store: block }), tx)).toMatchObject({ code: 32 });
    // A tx never seen in CheckTx is verified.
    const other = await signTx(a.direct, a.address, [sendMsg(a.address, b.address, 2n)], { accountNumber: accNum, sequence: 1n });
    expect(h.executor.runTx(h.ctx("finalize", { store: block }), other).code).toBe(0);
    expect(spy).toHaveBeenCalledTimes(2);
    spy.mockRestore();
  });

  it("does not verify signatures on ReCheck, but checks sequences", async () => {
    const { h, a, b, accNum } = await setup();
    const tx = await signTx(a.direct, a.address, [sendMsg(a.address, b.address, 1n)], { accountNumber: accNum, sequence: 0n });
    const raw = TxRaw.decode(tx);
    const bad = TxRaw.encode({ ...raw, signatures: [new Uint8Array(64).fill(1)] }).finish();
    // The key must be on the account already (it was stored by an earlier CheckTx).
    const check = h.state.branch();
    expect(h.executor.runTx(h.ctx("check", { store: check }), tx).code).toBe(0);
    const recheckState = h.state.branch();
    const withKey = h.ctx("check", { store: recheckState });
    const acc = h.auth.getAccount(h.ctx("check", { store: check }), a.bytes);
    h.auth.setAccount(withKey, { ...(acc as NonNullable<typeof acc>), sequence: 0n });
    expect(h.executor.runTx(h.ctx("recheck", { store: recheckState }), bad).code).toBe(0);
    expect(h.executor.runTx(h.ctx("check", { store: h.state.branch() }), bad).code).toBe(4);
  });
});

describe("errors before the ante handler", () => {
  it("refuses a tx without messages (sdk/18) and a failing message validateBasic, with no gas", async () => {
    const { h, a, accNum } = await setup();
    const empty = await signTx(a.direct, a.address, [], { accountNumber: accNum, sequence: 0n });
    expect(h.executor.runTx(h.ctx("check", { store: h.state.branch() }), empty)).toMatchObject({
      code: 18,
      log: "must contain at least one message: invalid request",
      gasWanted: 0n,
      gasUsed: 0n,
    });
    const noCoins = await signTx(a.direct, a.address, [{ typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: MsgSend.fromPartial({ fromAddress: a.address, toAddress: a.address }) }], {
      accountNumber: accNum,
      sequence: 0n,
    });
    expect(h.executor.runTx(h.ctx("check", { store: h.state.branch() }), noCoins)).toMatchObject({ code: 10, log: "empty amount: invalid coins" });
  });
});
