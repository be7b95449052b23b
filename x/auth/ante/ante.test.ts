/**
 * Each decorator's failure: code, codespace and log as the SDK v0.50 reports them, through the
 * whole pipeline (so the decorator order is exercised too).
 */
import { createMultisigThresholdPubkey, encodeEd25519Pubkey, encodeSecp256k1Pubkey, pubkeyToAddress } from "@cosmjs/amino";
import { Secp256k1, sha256 } from "@cosmjs/crypto";
import { encodePubkey, makeSignBytes, makeSignDoc, Registry } from "@cosmjs/proto-signing";
import { defaultRegistryTypes } from "@cosmjs/stargate";
import type { Coin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import { SignMode } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import { AuthInfo, TxBody, TxRaw, type SignerInfo } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import type { Any } from "cosmjs-types/google/protobuf/any";
import type { TxOutcome } from "../../../app/tx/executor";
import { SdkTx } from "../../../app/tx/tx";
import { DecCoins } from "../../../app/math/dec-coins";
import { chainAnteDecorators } from "./ante";
import { newDeductFeeDecorator, validatorMinGasPricesChecker } from "./deduct-fee";
import { CHAIN_ID, createHarness, fund, sendMsg, testAccount, type Harness, type TestAccount } from "../../../chain/tx-pipeline.fixture";

const registry = new Registry(defaultRegistryTypes);

interface BuildOpts {
  msgs: Any[];
  memo?: string;
  timeoutHeight?: bigint;
  extensionOptions?: Any[];
  signerInfos?: SignerInfo[];
  fee?: { amount?: Coin[]; gasLimit?: bigint; payer?: string; granter?: string } | null;
  /** Keys that sign (direct mode, in order); or raw signatures. */
  signWith?: { account: TestAccount; accountNumber: bigint }[];
  signatures?: Uint8Array[];
}

async function build(o: BuildOpts): Promise<Uint8Array> {
  const bodyBytes = TxBody.encode(TxBody.fromPartial({ messages: o.msgs, memo: o.memo ?? "", timeoutHeight: o.timeoutHeight ?? 0n, extensionOptions: o.extensionOptions ?? [] })).finish();
  const authInfo = AuthInfo.fromPartial({
    signerInfos: o.signerInfos ?? [],
    ...(o.fee === null ? {} : { fee: { amount: o.fee?.amount ?? [{ denom: "stake", amount: "1000" }], gasLimit: o.fee?.gasLimit ?? 200_000n, payer: o.fee?.payer ?? "", granter: o.fee?.granter ?? "" } }),
  });
  const authInfoBytes = AuthInfo.encode(authInfo).finish();
  let signatures = o.signatures ?? [];
  if (o.signWith) {
    signatures = [];
    for (const { account, accountNumber } of o.signWith) {
      const digest = sha256(makeSignBytes(makeSignDoc(bodyBytes, authInfoBytes, CHAIN_ID, Number(accountNumber))));
      const sig = Secp256k1.createSignature(digest, account.privkey);
      signatures.push(Uint8Array.from([...sig.r(32), ...sig.s(32)]));
    }
  }
  return TxRaw.encode({ bodyBytes, authInfoBytes, signatures }).finish();
}

const signerInfo = (pubkey: Any | undefined, sequence = 0n, mode = SignMode.SIGN_MODE_DIRECT): SignerInfo =>
  ({ publicKey: pubkey, sequence, modeInfo: { single: { mode } } });
const secpAny = (a: TestAccount): Any => encodePubkey(encodeSecp256k1Pubkey(a.pubkey));

describe("ante decorators", () => {
  let h: Harness;
  let a: TestAccount;
  let b: TestAccount;
  let accNum: bigint;
  const run = (tx: Uint8Array, mode: "check" | "recheck" | "finalize" = "finalize", maxGas?: bigint): TxOutcome =>
    h.executor.runTx(h.ctx(mode, { store: h.state.branch(), ...(maxGas === undefined ? {} : { maxGas }) }), tx);
  const send = (from: TestAccount = a, to: TestAccount = b): Any => registry.encodeAsAny(sendMsg(from.address, to.address, 1n));
  const signed = (over: Partial<BuildOpts> = {}): Promise<Uint8Array> =>
    build({ msgs: [send()], signerInfos: [signerInfo(secpAny(a))], signWith: [{ account: a, accountNumber: accNum }], ...over });

  beforeEach(async () => {
    h = createHarness();
    a = await testAccount(1);
    b = await testAccount(2);
    accNum = fund(h, a.bytes, 1_000_000n);
  });

  it("the baseline tx passes", async () => {
    expect(run(await signed())).toMatchObject({ code: 0, log: "" });
  });

  describe("SetUpContext", () => {
    it("refuses a gas limit above the block's max gas (sdk/41)", async () => {
      expect(run(await signed(), "finalize", 100_000n)).toMatchObject({ code: 41, codespace: "sdk", log: "tx gas limit 200000 exceeds block max gas 100000: invalid gas limit" });
    });

    it("panics on a tx without a fee, as the SDK dereferences it (undefined/111222)", async () => {
      expect(run(await signed({ fee: null }))).toMatchObject({ code: 111222, codespace: "undefined", log: "panic", gasUsed: 0n, gasWanted: 0n });
    });
  });

  describe("ExtensionOptions", () => {
    it("refuses any critical extension option (sdk/31)", async () => {
      expect(run(await signed({ extensionOptions: [send()] }))).toMatchObject({ code: 31, codespace: "sdk", log: "unknown extension options", events: [] });
    });
  });

  describe("ValidateBasic", () => {
    it("requires signatures (sdk/15)", async () => {
      expect(run(await signed({ signWith: [] }))).toMatchObject({ code: 15, log: "no signatures supplied" });
    });

    it("requires one signature per signer (sdk/4)", async () => {
      const tx = await signed({ signWith: undefined, signatures: [new Uint8Array(64), new Uint8Array(64)] });
      expect(run(tx)).toMatchObject({ code: 4, log: "wrong number of signers; expected 1, got 2: unauthorized" });
    });

    it("bounds the gas limit (sdk/18) and refuses negative or null fee amounts (sdk/13)", async () => {
      const huge = await signed({ fee: { gasLimit: 1n << 63n } });
      expect(run(huge)).toMatchObject({ code: 18, log: "invalid gas supplied; 9223372036854775808 > 9223372036854775807: invalid request" });
      expect(run(await signed({ fee: { amount: [{ denom: "stake", amount: "-5" }] } }))).toMatchObject({ code: 13, log: "invalid fee provided: -5stake: insufficient fee" });
      expect(run(await signed({ fee: { amount: [{ denom: "stake", amount: "" }] } }))).toMatchObject({ code: 13, log: "invalid fee provided: null: insufficient fee" });
    });

    it("refuses an invalid fee payer address (sdk/7)", async () => {
      const tx = await signed({ fee: { payer: "cosmos1invalid" } });
      const out = run(tx);
      expect(out.code).toBe(7);
      expect(out.log).toMatch(/^Invalid fee payer address \(.+\): invalid address$/);
    });

    it("is skipped on ReCheck", async () => {
      // Two signatures for one signer: only ValidateBasic notices it. On ReCheck (signatures not
      // verified, key already on the account) the tx passes.
      const tx = await signed({ signWith: undefined, signatures: [new Uint8Array(64), new Uint8Array(64)] });
      expect(run(tx, "check").code).toBe(4);
      h.auth.setAccount(h.ctx("check"), { ...(h.auth.getAccount(h.ctx("check"), a.bytes) as NonNullable<ReturnType<typeof h.auth.getAccount>>), pubKey: secpAny(a) });
      expect(run(tx, "recheck").code).toBe(0);
    });
  });

  describe("TxTimeoutHeight", () => {
    it("refuses a tx past its timeout height (sdk/30)", async () => {
      expect(run(await signed({ timeoutHeight: 4n }))).toMatchObject({ code: 30, log: "block height: 5, timeout height: 4: tx timeout height" });
      expect(run(await signed({ timeoutHeight: 5n })).code).toBe(0);
    });
  });

  describe("ValidateMemo", () => {
    it("counts the memo in bytes against max_memo_characters (sdk/12)", async () => {
      expect(run(await signed({ memo: "x".repeat(256) })).code).toBe(0);
      expect(run(await signed({ memo: "é".repeat(129) }))).toMatchObject({
        code: 12,
        log: "maximum number of characters is 256 but received 258 characters: memo too large",
      });
    });
  });

  describe("ConsumeGasForTxSize", () => {
    it("charges per byte and runs out of gas in location txSize (sdk/11)", async () => {
      // Enough for the circuit breaker lookup and reading the params (1,000 + 1,042), not for the bytes.
      const out = run(await signed({ fee: { gasLimit: 2500n } }));
      expect(out.code).toBe(11);
      expect(out.log).toMatch(/^out of gas in location: txSize; gasWanted: 2500, gasUsed: \d+: out of gas$/);
    });
  });

  describe("DeductFee", () => {
    it("requires positive gas outside simulation and genesis (sdk/41)", async () => {
      // In the full chain a zero gas limit runs out of gas before DeductFee; on its own it says why.
      const deductFee = newDeductFeeDecorator({ accountKeeper: h.auth, bankKeeper: h.bank, txFeeChecker: validatorMinGasPricesChecker(DecCoins.empty()) });
      const handler = chainAnteDecorators([deductFee]);
      const tx = new SdkTx(h.executor.decoder.decode(await signed({ fee: { gasLimit: 0n } })), h.addresses);
      const env = { tx, simulate: false, priority: 0n };
      expect(() => handler(h.ctx("finalize", { store: h.state.branch() }), env)).toThrow("must provide positive gas: invalid gas limit");
      expect(() => handler(h.ctx("finalize", { store: h.state.branch() }), { ...env, simulate: true })).not.toThrow();
      // At genesis zero gas passes this check, but the default fee checker's priority divides by
      // the gas: a Go panic, as in the SDK.
      expect(h.executor.runTx(h.ctx("genesis", { store: h.state.branch(), height: 0n }), await signed({ fee: { gasLimit: 0n } }))).toMatchObject({ code: 111222 });
    });

    it("refuses an unknown fee payer (sdk/9) and a payer who cannot pay (sdk/5 around the bank's error)", async () => {
      const poor = await testAccount(3);
      const tx = await build({ msgs: [send(poor)], signerInfos: [signerInfo(secpAny(poor))], signWith: [{ account: poor, accountNumber: 0n }] });
      expect(run(tx)).toMatchObject({ code: 9, log: `fee payer address: ${poor.address} does not exist: unknown address` });
      const pn = fund(h, poor.bytes, 10n);
      const tx2 = await build({ msgs: [send(poor)], signerInfos: [signerInfo(secpAny(poor))], signWith: [{ account: poor, accountNumber: pn }] });
      expect(run(tx2)).toMatchObject({ code: 5, log: "spendable balance 10stake is smaller than 1000stake: insufficient funds: insufficient funds", events: [] });
    });

    it("refuses a fee granter without x/feegrant (sdk/18) and an invalid fee set (sdk/13)", async () => {
      expect(run(await signed({ fee: { granter: b.address } }))).toMatchObject({ code: 18, log: "fee grants are not enabled: invalid request" });
      const unsorted = [{ denom: "zz", amount: "1" }, { denom: "aa", amount: "1" }];
      expect(run(await signed({ fee: { amount: unsorted } }))).toMatchObject({ code: 13, log: "invalid fee amount: 1zz,1aa: insufficient fee" });
    });

    it("charges nothing for a zero fee but still emits tx{fee, fee_payer}", async () => {
      const out = run(await signed({ fee: { amount: [] } }));
      expect(out.code).toBe(0);
      expect(out.events[0]).toEqual({ type: "tx", attributes: [{ key: "fee", value: "" }, { key: "fee_payer", value: a.address }] });
    });
  });

  describe("SetPubKey", () => {
    it("refuses a key that is not the signer's (sdk/8)", async () => {
      const tx = await build({ msgs: [send()], signerInfos: [signerInfo(secpAny(b))], signWith: [{ account: b, accountNumber: accNum }] });
      expect(run(tx)).toMatchObject({ code: 8, log: `pubKey does not match signer address ${a.address} with signer index: 0: invalid pubkey` });
    });

    it("emits acc_seq and signature events in order", async () => {
      const out = run(await signed());
      expect(out.events.slice(1, 3).map((e) => e.attributes[0]?.key)).toEqual(["acc_seq", "signature"]);
    });
  });

  describe("ValidateSigCount", () => {
    it("limits the keys in a tx to tx_sig_limit (sdk/14)", async () => {
      const keys = await Promise.all([...Array(8).keys()].map((i) => testAccount(20 + i)));
      const multisig = createMultisigThresholdPubkey(keys.map((k) => encodeSecp256k1Pubkey(k.pubkey)), 1);
      const address = pubkeyToAddress(multisig, "cosmos");
      fund(h, h.addresses.decodeAccount(address), 1_000_000n);
      const msg = registry.encodeAsAny(sendMsg(address, b.address, 1n));
      const tx = await build({ msgs: [msg], signerInfos: [signerInfo(encodePubkey(multisig))], signatures: [new Uint8Array(64)] });
      expect(run(tx)).toMatchObject({ code: 14, log: "signatures: 8, limit: 7: maximum number of signatures exceeded" });
    });
  });

  describe("SigGasConsume", () => {
    it("charges then refuses ed25519 keys (v0.50) with sdk/8", async () => {
      const edKey = new Uint8Array(32).fill(9);
      const edPub = encodeEd25519Pubkey(edKey);
      const address = pubkeyToAddress(edPub, "cosmos");
      fund(h, h.addresses.decodeAccount(address), 1_000_000n);
      const tx = await build({ msgs: [registry.encodeAsAny(sendMsg(address, b.address, 1n))], signerInfos: [signerInfo(encodePubkey(edPub))], signatures: [new Uint8Array(64)] });
      expect(run(tx)).toMatchObject({ code: 8, log: "ED25519 public keys are unsupported: invalid pubkey" });
    });

    it("refuses a signer whose account has no key and whose tx gives none (sdk/8)", async () => {
      const tx = await signed({ signerInfos: [signerInfo(undefined)] });
      expect(run(tx)).toMatchObject({ code: 8, log: "unrecognized public key type: <nil>: invalid pubkey" });
    });
  });

  describe("SigVerification", () => {
    it("requires one signer info per signer (sdk/4)", async () => {
      const tx = await signed({ signerInfos: [] });
      expect(run(tx)).toMatchObject({ code: 4, log: "invalid number of signer;  expected: 1, got 0: unauthorized" });
    });

    it("refuses an unsupported sign mode (sdk/4)", async () => {
      const tx = await signed({ signerInfos: [signerInfo(secpAny(a), 0n, SignMode.SIGN_MODE_TEXTUAL)] });
      expect(run(tx)).toMatchObject({
        code: 4,
        log: `signature verification failed; please verify account number (${accNum}) and chain-id (${CHAIN_ID}): (unsupported sign mode SIGN_MODE_TEXTUAL): unauthorized`,
      });
    });
  });

  describe("IncrementSequence", () => {
    it("increments every signer's sequence, also in CheckTx", async () => {
      const check = h.state.branch();
      expect(h.executor.runTx(h.ctx("check", { store: check }), await signed()).code).toBe(0);
      expect(h.auth.getAccount(h.ctx("check", { store: check }), a.bytes)?.sequence).toBe(1n);
    });
  });
});
