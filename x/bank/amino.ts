/**
 * LEGACY_AMINO_JSON forms of x/bank's messages (amino names from x/bank/types/codec.go).
 *
 * MsgSend and MsgMultiSend are shaped exactly as @cosmjs/stargate's createBankAminoConverters()
 * shapes them (same keys in the same order, coins as {denom, amount}), so a sign doc a cosmjs
 * wallet signed is the one we rebuild. cosmjs has no converters for MsgUpdateParams and
 * MsgSetSendEnabled; those follow the SDK's x/tx aminojson encoder: proto field names, empty
 * scalars and lists omitted unless `(amino.dont_omitempty)` (MsgUpdateParams.params is always
 * present), nested messages not wrapped in {type, value}.
 */
import type { Coin as ProtoCoin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import type { Params, SendEnabled } from "cosmjs-types/cosmos/bank/v1beta1/bank";
import type { MsgMultiSend, MsgSend, MsgSetSendEnabled, MsgUpdateParams } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import type { AminoConverter } from "../../app/amino";
import type { JsonObject, JsonValue } from "../../app/module";

export const AminoTypes = {
  MsgSend: "cosmos-sdk/MsgSend",
  MsgMultiSend: "cosmos-sdk/MsgMultiSend",
  MsgUpdateParams: "cosmos-sdk/x/bank/MsgUpdateParams",
  MsgSetSendEnabled: "cosmos-sdk/MsgSetSendEnabled",
} as const;

const coinsJson = (coins: readonly ProtoCoin[]): JsonValue => coins.map((c) => ({ denom: c.denom, amount: c.amount }));

export const msgSendAmino: AminoConverter<MsgSend> = {
  aminoType: AminoTypes.MsgSend,
  toAmino: (msg) => ({ from_address: msg.fromAddress, to_address: msg.toAddress, amount: coinsJson(msg.amount) }),
};

export const msgMultiSendAmino: AminoConverter<MsgMultiSend> = {
  aminoType: AminoTypes.MsgMultiSend,
  toAmino: (msg) => ({
    inputs: msg.inputs.map((i) => ({ address: i.address, coins: coinsJson(i.coins) })),
    outputs: msg.outputs.map((o) => ({ address: o.address, coins: coinsJson(o.coins) })),
  }),
};

/** Fields in the encoder's (sorted) order; omitempty applied. */
function withoutEmpty(entries: readonly (readonly [string, JsonValue | undefined])[]): JsonObject {
  const out: Record<string, JsonValue> = {};
  for (const [key, value] of entries) if (value !== undefined) out[key] = value;
  return out;
}

const nonEmptyString = (s: string): string | undefined => (s === "" ? undefined : s);
const trueOnly = (b: boolean): true | undefined => (b ? true : undefined);

function sendEnabledJson(entries: readonly SendEnabled[]): JsonValue | undefined {
  if (entries.length === 0) return undefined;
  return entries.map((e) => withoutEmpty([["denom", nonEmptyString(e.denom)], ["enabled", trueOnly(e.enabled)]]));
}

function paramsJson(p: Params): JsonValue {
  return withoutEmpty([["default_send_enabled", trueOnly(p.defaultSendEnabled)], ["send_enabled", sendEnabledJson(p.sendEnabled)]]);
}

export const msgUpdateParamsAmino: AminoConverter<MsgUpdateParams> = {
  aminoType: AminoTypes.MsgUpdateParams,
  toAmino: (msg) => withoutEmpty([["authority", nonEmptyString(msg.authority)], ["params", paramsJson(msg.params)]]),
};

export const msgSetSendEnabledAmino: AminoConverter<MsgSetSendEnabled> = {
  aminoType: AminoTypes.MsgSetSendEnabled,
  toAmino: (msg) =>
    withoutEmpty([
      ["authority", nonEmptyString(msg.authority)],
      ["send_enabled", sendEnabledJson(msg.sendEnabled)],
      ["use_default_for", msg.useDefaultFor.length === 0 ? undefined : [...msg.useDefaultFor]],
    ]),
};
