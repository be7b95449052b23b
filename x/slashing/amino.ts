/**
 * Legacy amino JSON for x/slashing's messages, as the SDK's x/tx aminojson encoder writes them
 * (the bytes a Go node verifies a LEGACY_AMINO_JSON signature against):
 * - MsgUnjail is `cosmos-sdk/MsgUnjail` with its one field named `address` (the proto's
 *   `(amino.field_name) = "address"`, always present). @cosmjs/stargate declares an
 *   AminoMsgUnjail with `validator_addr` but ships no converter for it
 *   (createSlashingAminoConverters throws "Not implemented"): a wallet signing MsgUnjail in amino
 *   mode must use `address`, as here, to be accepted by a Go node and by plumed alike.
 * - MsgUpdateParams: int64 as a string (omitted when 0), LegacyDec fields as 18-decimal strings
 *   ("0" when empty) and the duration as nanoseconds in a string (both dont_omitempty), authority
 *   omitted when empty.
 * amino.test.ts holds the bytes x/tx v0.13.7's encoder gives for the same messages.
 */
import type { MsgUnjail, MsgUpdateParams } from "cosmjs-types/cosmos/slashing/v1beta1/tx";
import type { AminoConverter } from "../../app/amino";
import type { JsonValue } from "../../app/module";
import type { MsgUpdateParams as CorrelationMsgUpdateParams } from "../../proto/plume/slashing/v1/tx";
import { decFromBytes, durationNanos } from "./params";

/** x/tx's cosmosDecEncoder for a LegacyDec `bytes` field: "0" when empty, else the 18-decimal text. */
function aminoDec(b: Uint8Array): string {
  return b.length === 0 ? "0" : decFromBytes(b).toString();
}

export const msgUnjailAmino: AminoConverter<MsgUnjail> = {
  aminoType: "cosmos-sdk/MsgUnjail",
  toAmino: (m) => ({ address: m.validatorAddr }),
};

export const msgUpdateParamsAmino: AminoConverter<MsgUpdateParams> = {
  aminoType: "cosmos-sdk/x/slashing/MsgUpdateParams",
  toAmino: (m) => {
    const p = m.params;
    const params: Record<string, JsonValue> = {};
    if (p.signedBlocksWindow !== 0n) params["signed_blocks_window"] = p.signedBlocksWindow.toString();
    params["min_signed_per_window"] = aminoDec(p.minSignedPerWindow);
    params["downtime_jail_duration"] = durationNanos(p.downtimeJailDuration).toString();
    params["slash_fraction_double_sign"] = aminoDec(p.slashFractionDoubleSign);
    params["slash_fraction_downtime"] = aminoDec(p.slashFractionDowntime);
    const out: Record<string, JsonValue> = { params };
    if (m.authority !== "") out["authority"] = m.authority;
    return out;
  },
};

/** plume.slashing.v1.MsgUpdateParams, by the same x/tx aminojson rules. */
export const correlationMsgUpdateParamsAmino: AminoConverter<CorrelationMsgUpdateParams> = {
  aminoType: "plume/x/slashing/MsgUpdateParams",
  toAmino: (m) => {
    const params: Record<string, JsonValue> = {};
    if (m.params.enabled) params["enabled"] = true;
    if (m.params.correlationWindow !== 0n) params["correlation_window"] = m.params.correlationWindow.toString();
    const out: Record<string, JsonValue> = { params };
    if (m.authority !== "") out["authority"] = m.authority;
    return out;
  },
};
