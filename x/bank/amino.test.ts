import { makeSignDoc, serializeSignDoc, type AminoMsg } from "@cosmjs/amino";
import { createBankAminoConverters } from "@cosmjs/stargate";
import { MsgMultiSend, MsgSend, MsgSetSendEnabled, MsgUpdateParams } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import type { AminoConverter } from "../../app/amino";
import { msgMultiSendAmino, msgSendAmino, msgSetSendEnabledAmino, msgUpdateParamsAmino } from "./amino";

const cosmjs = createBankAminoConverters();

function aminoMsg<M>(converter: AminoConverter<M>, msg: M): AminoMsg {
  return { type: converter.aminoType, value: converter.toAmino(msg) as AminoMsg["value"] };
}

function signBytes(msgs: readonly AminoMsg[]): string {
  const doc = makeSignDoc(msgs, { amount: [{ denom: "stake", amount: "5" }], gas: "200000" }, "plume-1", "memo <&>", 7, 3);
  return new TextDecoder().decode(serializeSignDoc(doc));
}

/** Sorted-key compact JSON, the form of the SDK's aminojson encoder output. */
function sortedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(sortedJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${sortedJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

const sends: MsgSend[] = [
  MsgSend.fromPartial({ fromAddress: "plume1a", toAddress: "plume1b", amount: [{ denom: "stake", amount: "10" }, { denom: "uatom", amount: "3" }] }),
  MsgSend.fromPartial({ fromAddress: "plume1a", toAddress: "plume1b", amount: [] }),
  MsgSend.fromPartial({ fromAddress: "", toAddress: "", amount: [{ denom: "ibc/ABC", amount: "0" }] }),
];
const multiSends: MsgMultiSend[] = [
  MsgMultiSend.fromPartial({
    inputs: [{ address: "plume1a", coins: [{ denom: "stake", amount: "10" }] }],
    outputs: [
      { address: "plume1b", coins: [{ denom: "stake", amount: "10" }] },
      { address: "plume1c", coins: [] },
    ],
  }),
  MsgMultiSend.fromPartial({ inputs: [], outputs: [] }),
];

describe("amino JSON of MsgSend and MsgMultiSend is what @cosmjs/stargate produces", () => {
  it.each(sends.map((m, i) => [i, m] as const))("MsgSend #%d", (_i, msg) => {
    const ours = aminoMsg(msgSendAmino, msg);
    const theirs = cosmjs["/cosmos.bank.v1beta1.MsgSend"];
    expect(ours.type).toBe(theirs?.aminoType);
    expect(JSON.stringify(ours.value)).toBe(JSON.stringify(theirs?.toAmino(msg)));
    expect(signBytes([ours])).toBe(signBytes([{ type: theirs?.aminoType as string, value: theirs?.toAmino(msg) }]));
  });

  it.each(multiSends.map((m, i) => [i, m] as const))("MsgMultiSend #%d", (_i, msg) => {
    const ours = aminoMsg(msgMultiSendAmino, msg);
    const theirs = cosmjs["/cosmos.bank.v1beta1.MsgMultiSend"];
    expect(ours.type).toBe(theirs?.aminoType);
    expect(JSON.stringify(ours.value)).toBe(JSON.stringify(theirs?.toAmino(msg)));
    expect(signBytes([ours])).toBe(signBytes([{ type: theirs?.aminoType as string, value: theirs?.toAmino(msg) }]));
  });
});

describe("amino JSON matches the SDK's x/tx aminojson encoder", () => {
  // Outputs of cosmossdk.io/x/tx v0.13.7 aminojson.NewEncoder(...).Marshal for the same messages.
  it.each<[string, AminoMsg, string]>([
    [
      "MsgUpdateParams",
      aminoMsg(msgUpdateParamsAmino, MsgUpdateParams.fromPartial({ authority: "plume1gov", params: { defaultSendEnabled: true } })),
      '{"type":"cosmos-sdk/x/bank/MsgUpdateParams","value":{"authority":"plume1gov","params":{"default_send_enabled":true}}}',
    ],
    [
      "MsgUpdateParams with false (params stay, emptied)",
      aminoMsg(msgUpdateParamsAmino, MsgUpdateParams.fromPartial({ authority: "plume1gov", params: {} })),
      '{"type":"cosmos-sdk/x/bank/MsgUpdateParams","value":{"authority":"plume1gov","params":{}}}',
    ],
    [
      "MsgUpdateParams with deprecated entries",
      aminoMsg(msgUpdateParamsAmino, MsgUpdateParams.fromPartial({ params: { sendEnabled: [{ denom: "a", enabled: true }, { denom: "b", enabled: false }] } })),
      '{"type":"cosmos-sdk/x/bank/MsgUpdateParams","value":{"params":{"send_enabled":[{"denom":"a","enabled":true},{"denom":"b"}]}}}',
    ],
    [
      "MsgSetSendEnabled",
      aminoMsg(
        msgSetSendEnabledAmino,
        MsgSetSendEnabled.fromPartial({
          authority: "plume1gov",
          sendEnabled: [{ denom: "stake", enabled: false }, { denom: "uatom", enabled: true }],
          useDefaultFor: ["foo", "bar"],
        }),
      ),
      '{"type":"cosmos-sdk/MsgSetSendEnabled","value":{"authority":"plume1gov","send_enabled":[{"denom":"stake"},{"denom":"uatom","enabled":true}],"use_default_for":["foo","bar"]}}',
    ],
    ["MsgSetSendEnabled, bare", aminoMsg(msgSetSendEnabledAmino, MsgSetSendEnabled.fromPartial({ authority: "plume1gov" })), '{"type":"cosmos-sdk/MsgSetSendEnabled","value":{"authority":"plume1gov"}}'],
    ["MsgSetSendEnabled, empty", aminoMsg(msgSetSendEnabledAmino, MsgSetSendEnabled.fromPartial({})), '{"type":"cosmos-sdk/MsgSetSendEnabled","value":{}}'],
    [
      "MsgSend",
      aminoMsg(msgSendAmino, sends[0] as MsgSend),
      '{"type":"cosmos-sdk/MsgSend","value":{"amount":[{"amount":"10","denom":"stake"},{"amount":"3","denom":"uatom"}],"from_address":"plume1a","to_address":"plume1b"}}',
    ],
    ["MsgSend without coins", aminoMsg(msgSendAmino, sends[1] as MsgSend), '{"type":"cosmos-sdk/MsgSend","value":{"amount":[],"from_address":"plume1a","to_address":"plume1b"}}'],
    [
      "MsgMultiSend",
      aminoMsg(msgMultiSendAmino, multiSends[0] as MsgMultiSend),
      '{"type":"cosmos-sdk/MsgMultiSend","value":{"inputs":[{"address":"plume1a","coins":[{"amount":"10","denom":"stake"}]}],"outputs":[{"address":"plume1b","coins":[{"amount":"10","denom":"stake"}]},{"address":"plume1c","coins":[]}]}}',
    ],
  ])("%s", (_name, msg, goJson) => {
    expect(sortedJson(msg)).toBe(goJson);
  });
});
