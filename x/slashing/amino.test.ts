import type { JsonValue } from "../../app/module";
import { Dec } from "../../app/math";
import { correlationMsgUpdateParamsAmino, msgUnjailAmino, msgUpdateParamsAmino } from "./amino";
import { decToBytes } from "./params";

/** The sign doc's form of a message: {type, value} with keys sorted (cosmjs' sortedJsonStringify). */
function signDocMsg(type: string, value: JsonValue): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]));
    return v;
  };
  return JSON.stringify(sort({ type, value }));
}

/**
 * Expected strings: cosmossdk.io/x/tx v0.13.7 aminojson.NewEncoder(...).Marshal of the same
 * messages (cosmossdk.io/api v0.7.6 types), printed by a Go program.
 */
describe("amino JSON of x/slashing's messages, as the SDK's x/tx encoder writes it", () => {
  it("MsgUnjail: cosmos-sdk/MsgUnjail with its field named address, kept when empty", () => {
    const valoper = "plumevaloper1qyqszqgpqyqszqgpqyqszqgpqyqszqgp8wl3a7";
    expect(signDocMsg(msgUnjailAmino.aminoType, msgUnjailAmino.toAmino({ validatorAddr: valoper }))).toBe(
      '{"type":"cosmos-sdk/MsgUnjail","value":{"address":"plumevaloper1qyqszqgpqyqszqgpqyqszqgpqyqszqgp8wl3a7"}}',
    );
    expect(signDocMsg(msgUnjailAmino.aminoType, msgUnjailAmino.toAmino({ validatorAddr: "" }))).toBe('{"type":"cosmos-sdk/MsgUnjail","value":{"address":""}}');
  });

  it("MsgUpdateParams: decimals as text, the duration in nanoseconds, zero values as x/tx writes them", () => {
    const msg = {
      authority: "plume10d07y265gmmuvt4z0w9aw880jnsr700jv8ds4u",
      params: {
        signedBlocksWindow: 10n,
        minSignedPerWindow: decToBytes(Dec.fromString("0.5")),
        downtimeJailDuration: { seconds: 15n, nanos: 0 },
        slashFractionDoubleSign: decToBytes(Dec.fromString("0.05")),
        slashFractionDowntime: decToBytes(Dec.fromString("0.01")),
      },
    };
    expect(signDocMsg(msgUpdateParamsAmino.aminoType, msgUpdateParamsAmino.toAmino(msg))).toBe(
      '{"type":"cosmos-sdk/x/slashing/MsgUpdateParams","value":{"authority":"plume10d07y265gmmuvt4z0w9aw880jnsr700jv8ds4u","params":{"downtime_jail_duration":"15000000000","min_signed_per_window":"0.500000000000000000","signed_blocks_window":"10","slash_fraction_double_sign":"0.050000000000000000","slash_fraction_downtime":"0.010000000000000000"}}}',
    );
    const empty = {
      authority: "",
      params: { signedBlocksWindow: 0n, minSignedPerWindow: new Uint8Array(), downtimeJailDuration: { seconds: 0n, nanos: 0 }, slashFractionDoubleSign: new Uint8Array(), slashFractionDowntime: new Uint8Array() },
    };
    expect(signDocMsg(msgUpdateParamsAmino.aminoType, msgUpdateParamsAmino.toAmino(empty))).toBe(
      '{"type":"cosmos-sdk/x/slashing/MsgUpdateParams","value":{"params":{"downtime_jail_duration":"0","min_signed_per_window":"0","slash_fraction_double_sign":"0","slash_fraction_downtime":"0"}}}',
    );
  });

  it("plume.slashing.v1.MsgUpdateParams follows the same rules", () => {
    expect(signDocMsg(correlationMsgUpdateParamsAmino.aminoType, correlationMsgUpdateParamsAmino.toAmino({ authority: "plume1x", params: { enabled: true, correlationWindow: 1000n } }))).toBe(
      '{"type":"plume/x/slashing/MsgUpdateParams","value":{"authority":"plume1x","params":{"correlation_window":"1000","enabled":true}}}',
    );
    expect(signDocMsg(correlationMsgUpdateParamsAmino.aminoType, correlationMsgUpdateParamsAmino.toAmino({ authority: "", params: { enabled: false, correlationWindow: 0n } }))).toBe(
      '{"type":"plume/x/slashing/MsgUpdateParams","value":{"params":{}}}',
    );
  });
});
