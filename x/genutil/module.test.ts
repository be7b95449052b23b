import { RequestFinalizeBlock, RequestInitChain, type ValidatorUpdate } from "cosmjs-types/tendermint/abci/types";
import { blockProvision, decOf, MINT_STORE } from "../mint";
import { moduleAddress } from "../../app/address";
import type { JsonObject, JsonValue } from "../../app/module";
import { BANK_STORE } from "../bank/state-keys";
import { appStateWith, CHAIN_ID, openTestApp, operator, signedGenTx, type TestApp, type TestOperator } from "./gentx.fixture";
import { genutilModule } from "./module";
import { validateGenutilGenesis, parseGenutilGenesis } from "./genesis";

const TIME = { seconds: 1_700_000_000n, nanos: 0 };
const FUNDS = 1_000_000_000n;

function initChain(t: TestApp, appState: Record<string, JsonValue>, validators: ValidatorUpdate[] = []) {
  return t.app.baseApp.initChain(
    RequestInitChain.fromPartial({ chainId: CHAIN_ID, time: TIME, initialHeight: 1n, validators, appStateBytes: new TextEncoder().encode(JSON.stringify(appState)) }),
  );
}

describe("x/genutil InitGenesis: gentxs through the tx pipeline", () => {
  let t: TestApp;
  let a: TestOperator;
  let b: TestOperator;

  beforeAll(async () => {
    a = await operator("a");
    b = await operator("b");
  });
  beforeEach(async () => {
    t = await openTestApp();
  });
  afterEach(async () => {
    await t.close();
  });

  it("creates the validators and returns them, with power from their stake, as InitChain's validator set", async () => {
    const state = appStateWith([[a.account, FUNDS], [b.account, FUNDS]], [await signedGenTx(a, { moniker: "a" }), await signedGenTx(b, { moniker: "b", amount: "250000000", fee: "500" })]);
    const res = initChain(t, state);
    const byKey = (v: ValidatorUpdate): string => Buffer.from(v.pubKey?.ed25519 ?? []).toString("hex");
    expect(res.validators.map((v) => [byKey(v), v.power]).sort()).toEqual(
      [
        [Buffer.from(a.consensusKey).toString("hex"), 100n],
        [Buffer.from(b.consensusKey).toString("hex"), 250n],
      ].sort(),
    );
    // What the gentxs did is in the block state InitChain leaves for the first block.
    const k = t.app.keepers;
    t.app.baseApp.finalizeBlock(RequestFinalizeBlock.fromPartial({ height: 1n, time: { seconds: TIME.seconds + 1n, nanos: 0 } }));
    t.app.baseApp.commit({});
    const view = t.app.baseApp.contextAt(1n);
    const bank = (addr: Uint8Array): bigint => k.bank.balance(view.multiStore.getStore(BANK_STORE), addr, "uplume").amount.toBigInt();
    expect(bank(a.address)).toBe(FUNDS - 100_000_000n);
    // b paid its fee at genesis, as the SDK charges fees at height 0.
    expect(bank(b.address)).toBe(FUNDS - 250_000_000n - 500n);
    // Block 1's mint went to the fee collector too (distribution shares nothing out at height 1).
    const mintStore = view.multiStore.getStore(MINT_STORE);
    const minted = blockProvision(decOf(k.mint.minter(mintStore).annualProvisions), k.mint.params(mintStore)).amount.toBigInt();
    expect(minted).toBeGreaterThan(0n);
    expect(bank(moduleAddress("fee_collector"))).toBe(500n + minted);
    expect(bank(moduleAddress("bonded_tokens_pool"))).toBe(350_000_000n);
    const validators = k.staking.getBondedValidatorsByPower(view).map((v) => [v.operatorAddress, v.tokens, v.description.moniker]);
    expect(validators).toEqual([
      [b.valoper, "250000000", "b"],
      [a.valoper, "100000000", "a"],
    ]);
    // The signer's account got its public key and its sequence moved on, as for any tx.
    const account = k.auth.getAccount(view, a.address);
    expect(account?.sequence).toBe(1n);
    // Export writes no gentxs: after genesis they are staking state.
    expect(t.app.modules.exportGenesis(view)["genutil"]).toEqual({ gen_txs: [] });
  });

  it("accepts CometBFT genesis validators identical to the gentxs' and refuses different ones", async () => {
    const genTxs = [await signedGenTx(a)];
    const state = appStateWith([[a.account, FUNDS]], genTxs);
    const same = [{ pubKey: { ed25519: a.consensusKey }, power: 100n }];
    expect(initChain(t, state, same).validators).toHaveLength(1);
    const other = await openTestApp();
    try {
      expect(() => initChain(other, state, [{ pubKey: { ed25519: a.consensusKey }, power: 10n }])).toThrow(/genesisValidators\[0\] != req.Validators\[0\]/);
    } finally {
      await other.close();
    }
    const third = await openTestApp();
    try {
      expect(() => initChain(third, state, [...same, { pubKey: { ed25519: b.consensusKey }, power: 100n }])).toThrow(/len\(RequestInitChain.Validators\) != len\(GenesisValidators\) \(2 != 1\)/);
    } finally {
      await third.close();
    }
  });

  it.each([
    ["signed by another key", async () => signedGenTx(b, { signer: a }), /gen_txs\[0\] of validator plumevaloper1.* \(moniker "v"\): .*signature verification failed.*\(code sdk\/4\)|pubKey does not match signer address.*\(code sdk\/8\)/],
    ["signed with the account's real number instead of 0", async () => signedGenTx(b, { accountNumber: 1n }), /signature verification failed; please verify account number \(0\).*\(code sdk\/4\)/],
    ["signed for another chain", async () => signedGenTx(b, { chainId: "other-chain" }), /chain-id \(genutil-test-1\).*\(code sdk\/4\)/],
    ["with a wrong sequence", async () => signedGenTx(b, { sequence: 3n }), /account sequence mismatch, expected 0, got 3.*\(code sdk\/32\)/],
    ["delegating more than the operator has", async () => signedGenTx(b, { amount: "2000000000" }), /failed to execute message; message index: 0: .*insufficient funds \(code sdk\/5\)/],
    ["in another denom than the bond denom", async () => signedGenTx(b, { denom: "stake" }), /invalid coin denomination.*\(code sdk\/18\)/],
    ["reusing a consensus key", async () => signedGenTx(b, { consensusKey: a.consensusKey }), /validator already exist for this pubkey.*\(code staking\/5\)/],
  ])("fails InitChain with an error naming a gentx %s", async (_what, make, error) => {
    const state = appStateWith([[a.account, FUNDS], [b.account, FUNDS]], [await signedGenTx(a), await make()]);
    expect(() => initChain(t, state)).toThrow(/^failed to execute DeliverTx for gentx genutil\.gen_txs\[1\]/);
    const again = await openTestApp();
    try {
      expect(() => initChain(again, state)).toThrow(error);
    } finally {
      await again.close();
    }
  });

  it("with no gentxs leaves the validator set to the staking genesis (none here)", () => {
    expect(initChain(t, appStateWith([[a.account, FUNDS]], [])).validators).toEqual([]);
  });
});

describe("x/genutil ValidateGenesis (ValidateAndGetGenTx)", () => {
  const module = genutilModule({
    staking: { applyAndReturnValidatorSetUpdates: () => [] },
    txHandler: { executeGenesisTx: () => ({ code: 0, codespace: "", log: "" }) },
  });

  it("accepts signed MsgCreateValidator gentxs and the empty default", async () => {
    const gentx = await signedGenTx(await operator("a"));
    expect(() => module.validateGenesis?.({ gen_txs: [gentx] })).not.toThrow();
    expect(module.defaultGenesis?.()).toEqual({ gen_txs: [] });
    expect(() => module.validateGenesis?.({})).not.toThrow();
  });

  it("refuses what is not one MsgCreateValidator, naming the entry", async () => {
    const a = await operator("a");
    const good = (await signedGenTx(a)) as { body: { messages: JsonObject[] } } & JsonObject;
    const send = { "@type": "/cosmos.bank.v1beta1.MsgSend", from_address: a.account, to_address: a.account, amount: [] };
    const twoMsgs = { ...good, body: { ...good.body, messages: [...good.body.messages, ...good.body.messages] } };
    const wrongType = { ...good, body: { ...good.body, messages: [send] } };
    const check = (g: JsonValue): void => validateGenutilGenesis(parseGenutilGenesis({ gen_txs: [good, g] }));
    expect(() => check(twoMsgs)).toThrow("genutil.gen_txs[1]: unexpected number of GenTx messages; got: 2, expected: 1");
    expect(() => check(wrongType)).toThrow("genutil.gen_txs[1]: unexpected GenTx message type; expected: MsgCreateValidator, got: /cosmos.bank.v1beta1.MsgSend");
    expect(() => check({ body: { no_such_field: 1 } })).toThrow(/^genutil\.gen_txs\[1\]: failed to decode gentx: \{"body":\{"no_such_field":1\}\}, error: /);
    expect(() => module.validateGenesis?.({ gen_txs: ["not a tx"] })).toThrow("genutil.gen_txs[0]: expected an object");
  });
});
