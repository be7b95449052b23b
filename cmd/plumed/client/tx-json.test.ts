import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { SignMode } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import { AuthInfo, Tx, TxBody } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import type { JsonValue } from "../../../app/module";
import { sdkTxJson } from "./tx-json";

// What `simd tx bank send ... --generate-only` (v0.50) prints, then signed by `simd tx sign`.
const SIMD_SIGNED = {
  body: {
    messages: [
      {
        "@type": "/cosmos.bank.v1beta1.MsgSend",
        from_address: "cosmos1pkptre7fdkl6gfrzlesjjvhxhlc3r4gmmk8rs6",
        to_address: "cosmos10dyr9899g6t0pelew4nvf4j5c3jcgv0r73qga5",
        amount: [{ denom: "stake", amount: "10" }],
      },
    ],
    memo: "hello",
    timeout_height: "0",
    extension_options: [],
    non_critical_extension_options: [],
  },
  auth_info: {
    signer_infos: [
      {
        public_key: { "@type": "/cosmos.crypto.secp256k1.PubKey", key: "A08EGB7ro1ORuFhjOnZcSgwYlpe0DSFjVNUIkNNQxwKQ" },
        mode_info: { single: { mode: "SIGN_MODE_DIRECT" } },
        sequence: "3",
      },
    ],
    fee: { amount: [{ denom: "stake", amount: "500" }], gas_limit: "200000", payer: "", granter: "" },
    tip: null,
  },
  signatures: ["3q2+7w=="],
};

describe("SDK tx JSON", () => {
  it("reads simd's JSON and writes it back identically", () => {
    const tx = sdkTxJson.fromJson(SIMD_SIGNED);
    const body = tx.body as TxBody;
    expect(body.memo).toBe("hello");
    expect(MsgSend.decode(body.messages[0]?.value as Uint8Array)).toEqual({
      fromAddress: "cosmos1pkptre7fdkl6gfrzlesjjvhxhlc3r4gmmk8rs6",
      toAddress: "cosmos10dyr9899g6t0pelew4nvf4j5c3jcgv0r73qga5",
      amount: [{ denom: "stake", amount: "10" }],
    });
    const authInfo = tx.authInfo as AuthInfo;
    expect(authInfo.signerInfos[0]?.modeInfo?.single?.mode).toBe(SignMode.SIGN_MODE_DIRECT);
    expect(authInfo.signerInfos[0]?.sequence).toBe(3n);
    expect(authInfo.fee?.gasLimit).toBe(200000n);
    expect(Buffer.from(tx.signatures[0] as Uint8Array).toString("hex")).toBe("deadbeef");
    expect(sdkTxJson.toJson(tx)).toEqual(SIMD_SIGNED);
    // Key order too: what simd prints, byte for byte.
    expect(JSON.stringify(sdkTxJson.toJson(tx))).toBe(JSON.stringify(SIMD_SIGNED));
  });

  it("survives a protobuf round trip", () => {
    const tx = sdkTxJson.fromJson(SIMD_SIGNED);
    const again = Tx.decode(Tx.encode(tx).finish());
    expect(sdkTxJson.toJson(again)).toEqual(SIMD_SIGNED);
  });

  it("fills defaults for missing fields, as protojson does", () => {
    const tx = sdkTxJson.fromJson({ body: { messages: [] } });
    expect(sdkTxJson.toJson(tx)).toEqual({
      body: { messages: [], memo: "", timeout_height: "0", extension_options: [], non_critical_extension_options: [] },
      auth_info: { signer_infos: [], fee: { amount: [], gas_limit: "0", payer: "", granter: "" }, tip: null },
      signatures: [],
    });
  });

  it("names the offending field of bad JSON", () => {
    const bad = (mutate: (j: Record<string, JsonValue>) => void): Record<string, JsonValue> => {
      const j = JSON.parse(JSON.stringify(SIMD_SIGNED)) as Record<string, JsonValue>;
      mutate(j);
      return j;
    };
    expect(() => sdkTxJson.fromJson(bad((j) => ((j["body"] as Record<string, JsonValue[]>)["messages"] = [{ "@type": "/x.Msg" }])))).toThrow(/^body\.messages\[0\]: unsupported type \/x\.Msg/);
    expect(() => sdkTxJson.fromJson(bad((j) => ((j["auth_info"] as Record<string, Record<string, JsonValue>>)["fee"]!["gas_limit"] = "-1")))).toThrow(/^auth_info\.fee\.gas_limit: expected an unsigned integer/);
    expect(() => sdkTxJson.fromJson(bad((j) => ((j["signatures"] as JsonValue[])[0] = "not base64!")))).toThrow(/^signatures\[0\]: expected base64/);
    expect(() =>
      sdkTxJson.fromJson(bad((j) => (((j["auth_info"] as Record<string, JsonValue[]>)["signer_infos"]![0] as Record<string, JsonValue>)["mode_info"] = { multi: { mode_infos: [] } }))),
    ).toThrow(/multisig transactions are not supported/);
    expect(() =>
      sdkTxJson.fromJson(bad((j) => (((j["auth_info"] as Record<string, JsonValue[]>)["signer_infos"]![0] as Record<string, JsonValue>)["mode_info"] = { single: { mode: "SIGN_MODE_NOPE" } }))),
    ).toThrow(/unknown sign mode "SIGN_MODE_NOPE"/);
    expect(() => sdkTxJson.fromJson(bad((j) => ((j["body"] as Record<string, JsonValue>)["unordered"] = true)))).toThrow(/unordered transactions/);
    expect(() => sdkTxJson.fromJson([])).toThrow(/^tx: expected an object/);
  });

  it("tells the signers of known messages, and writes unknown ones only when lenient", () => {
    const tx = sdkTxJson.fromJson(SIMD_SIGNED);
    expect(sdkTxJson.signers(tx.body as TxBody)).toEqual(["cosmos1pkptre7fdkl6gfrzlesjjvhxhlc3r4gmmk8rs6"]);
    const unknown = Tx.fromPartial({ body: { messages: [{ typeUrl: "/x.y.MsgZ", value: new Uint8Array([1, 2]) }] } });
    expect(() => sdkTxJson.toJson(unknown)).toThrow("cannot write /x.y.MsgZ as JSON: this client does not know that type");
    expect((sdkTxJson.toJson(unknown, true)["body"] as { messages: JsonValue[] }).messages[0]).toEqual({ "@type": "/x.y.MsgZ", value: "AQI=" });
    expect(() => sdkTxJson.signers(unknown.body as TxBody)).toThrow(/cannot tell who must sign \/x\.y\.MsgZ/);
  });
});
