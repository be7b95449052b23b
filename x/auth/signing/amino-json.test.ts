import { makeSignDoc, serializeSignDoc, type AminoMsg, type StdFee } from "@cosmjs/amino";
import { AminoTypes, createBankAminoConverters } from "@cosmjs/stargate";
import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import type { JsonValue, MsgHandlerDef } from "../../../app/module";
import type { DecodedMsg, DecodedTx, FeeCoin } from "../../../app/tx/decode";
import { aminoJsonSignBytes } from "./amino-json";
import type { SignerData } from "./signer-data";

type Doc = Pick<DecodedTx, "body" | "authInfo" | "msgs" | "bodyHasUnknownNonCriticals">;

/** A test-only message whose amino form exercises sorting, escaping and nesting. */
function fakeMsg(value: JsonValue, aminoType = "plumed/MsgTest"): DecodedMsg {
  const def: MsgHandlerDef<unknown> = {
    typeUrl: "/plumed.test.v1.MsgTest",
    codec: MsgSend,
    signers: () => [],
    handle: () => ({ typeUrl: "", value: new Uint8Array() }),
    amino: { aminoType, toAmino: () => value },
  };
  return { typeUrl: def.typeUrl, value: new Uint8Array(), msg: {}, def };
}

function bankMsg(msg: MsgSend): DecodedMsg {
  const def: MsgHandlerDef<MsgSend> = {
    typeUrl: "/cosmos.bank.v1beta1.MsgSend",
    codec: MsgSend,
    signers: (m) => [m.fromAddress],
    handle: () => ({ typeUrl: "", value: new Uint8Array() }),
    amino: {
      aminoType: "cosmos-sdk/MsgSend",
      toAmino: (m) => ({ from_address: m.fromAddress, to_address: m.toAddress, amount: m.amount.map((c) => ({ denom: c.denom, amount: c.amount })) }),
    },
  };
  return { typeUrl: def.typeUrl, value: MsgSend.encode(msg).finish(), msg, def };
}

function doc(msgs: DecodedMsg[], opts: { memo?: string; timeoutHeight?: bigint; fee?: StdFee } = {}): Doc {
  const fee = opts.fee ?? { amount: [{ denom: "stake", amount: "5000" }], gas: "200000" };
  const amount: FeeCoin[] = fee.amount.map((c) => ({ denom: c.denom, rawAmount: c.amount, amount: undefined }));
  return {
    body: {
      messages: [],
      memo: opts.memo ?? "",
      memoByteLength: 0,
      timeoutHeight: opts.timeoutHeight ?? 0n,
      extensionOptions: [],
      nonCriticalExtensionOptions: [],
    },
    authInfo: { signerInfos: [], fee: { amount, gasLimit: BigInt(fee.gas), payer: fee.payer ?? "", granter: fee.granter ?? "" }, tip: undefined },
    msgs,
    bodyHasUnknownNonCriticals: false,
  };
}

const signer = (over: Partial<SignerData> = {}): SignerData => ({
  address: "cosmos1addr",
  chainId: "plume-1",
  accountNumber: 7n,
  sequence: 3n,
  pubKey: undefined,
  ...over,
});

const cosmjsBytes = (msgs: AminoMsg[], fee: StdFee, s: SignerData, memo: string, timeoutHeight?: bigint): Uint8Array =>
  serializeSignDoc(makeSignDoc(msgs, fee, s.chainId, memo, s.accountNumber.toString(), s.sequence.toString(), timeoutHeight));

const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe("SIGN_MODE_LEGACY_AMINO_JSON sign bytes", () => {
  const from = "cosmos1qypqxpq9qcrsszg2pvxq6rs0zqg3yyc5lzv7xu";
  const to = "cosmos1qyfkm2y3ltqdzhedf5r8k6qm5qv6w3ml4xu8d0";

  it("match @cosmjs/amino for a bank send converted by cosmjs' own converter", () => {
    const msg = MsgSend.fromPartial({ fromAddress: from, toAddress: to, amount: [{ denom: "ustake", amount: "12345" }] });
    const cosmjsMsg = new AminoTypes(createBankAminoConverters()).toAmino({ typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: msg });
    const fee: StdFee = { amount: [{ denom: "stake", amount: "5000" }], gas: "200000" };
    const ours = aminoJsonSignBytes(signer(), doc([bankMsg(msg)], { fee }));
    expect(text(ours)).toBe(text(cosmjsBytes([cosmjsMsg], fee, signer(), "")));
    expect(text(ours)).toBe(
      '{"account_number":"7","chain_id":"plume-1","fee":{"amount":[{"amount":"5000","denom":"stake"}],"gas":"200000"},"memo":"",' +
        `"msgs":[{"type":"cosmos-sdk/MsgSend","value":{"amount":[{"amount":"12345","denom":"ustake"}],"from_address":"${from}","to_address":"${to}"}}],"sequence":"3"}`,
    );
  });

  const samples: [string, JsonValue, { memo?: string; timeoutHeight?: bigint; fee?: StdFee }, Partial<SignerData>][] = [
    ["nested objects with unsorted keys, arrays, numbers, booleans, null", { z: 1, a: { y: [{ d: true, c: null }], x: "s" }, m: [3, 2, 1] }, {}, {}],
    ["HTML-significant characters escaped in every string", { "a&b": "<script>&amp;</script>", note: "1 > 0 & 0 < 1" }, { memo: "<&>" }, { chainId: "c&<>" }],
    ["unicode, quotes, backslashes and control characters", { s: 'é€𝄞 "q" \\ \n\t\u0001' }, { memo: "ünïcødé ✓" }, {}],
    ["timeout height, payer and granter present", { k: "v" }, { timeoutHeight: 123456789n, fee: { amount: [], gas: "0", payer: "cosmos1payer", granter: "cosmos1granter" } }, {}],
    ["zero account number, sequence and an empty fee", {}, { fee: { amount: [], gas: "1" } }, { accountNumber: 0n, sequence: 0n }],
    ["large numbers as strings", { amount: "340282366920938463463374607431768211455" }, { fee: { amount: [{ denom: "a", amount: "1" }, { denom: "b", amount: "2" }], gas: "9007199254740991" } }, { accountNumber: 9007199254740991n }],
  ];

  it.each(samples)("match @cosmjs/amino: %s", (_name, value, opts, signerOver) => {
    const s = signer(signerOver);
    const fee = opts.fee ?? { amount: [{ denom: "stake", amount: "5000" }], gas: "200000" };
    const ours = aminoJsonSignBytes(s, doc([fakeMsg(value), fakeMsg({ second: "msg" }, "plumed/Other")], { ...opts, fee }));
    const theirs = cosmjsBytes(
      [
        { type: "plumed/MsgTest", value: value as Record<string, unknown> },
        { type: "plumed/Other", value: { second: "msg" } },
      ],
      fee,
      s,
      opts.memo ?? "",
      opts.timeoutHeight,
    );
    expect(ours).toEqual(theirs);
  });

  it("escapes & < > as \\u0026 \\u003c \\u003e", () => {
    const out = text(aminoJsonSignBytes(signer(), doc([fakeMsg({ x: "<&>" })], { memo: "a>b" })));
    expect(out).toContain('"x":"\\u003c\\u0026\\u003e"');
    expect(out).toContain('"memo":"a\\u003eb"');
  });

  it("refuses extension options, unknown non-critical body fields and messages without an amino form", () => {
    const base = doc([fakeMsg({})]);
    expect(() => aminoJsonSignBytes(signer(), { ...base, body: { ...base.body, nonCriticalExtensionOptions: [{ typeUrl: "/x", value: new Uint8Array() }] } })).toThrow(
      "SIGN_MODE_LEGACY_AMINO_JSON does not support protobuf extension options: invalid request",
    );
    expect(() => aminoJsonSignBytes(signer(), { ...base, bodyHasUnknownNonCriticals: true })).toThrow(/non-critical/);
    const noAmino = fakeMsg({});
    const { amino: _ignored, ...defWithout } = noAmino.def;
    expect(() => aminoJsonSignBytes(signer(), doc([{ ...noAmino, def: defWithout }]))).toThrow(/no amino name/);
  });
});
