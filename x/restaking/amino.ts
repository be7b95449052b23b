/**
 * Legacy amino JSON for x/restaking's messages, by the rules of the SDK's x/tx aminojson encoder
 * (the bytes a LEGACY_AMINO_JSON signature covers): the proto field names, zero values omitted
 * (false, "", 0) except where the proto says dont_omitempty (params), int64 as a string.
 */
import type { AminoConverter } from "../../app/amino";
import type { JsonValue } from "../../app/module";
import type { MsgRestakeRewards, MsgSetAutoCompound, MsgUpdateParams } from "../../proto/plume/restaking/v1/tx";

export const msgSetAutoCompoundAmino: AminoConverter<MsgSetAutoCompound> = {
  aminoType: "plume/x/restaking/MsgSetAutoCompound",
  toAmino: (m) => {
    const out: Record<string, JsonValue> = {};
    if (m.delegatorAddress !== "") out["delegator_address"] = m.delegatorAddress;
    if (m.validatorAddress !== "") out["validator_address"] = m.validatorAddress;
    if (m.enabled) out["enabled"] = true;
    return out;
  },
};

export const msgRestakeRewardsAmino: AminoConverter<MsgRestakeRewards> = {
  aminoType: "plume/x/restaking/MsgRestakeRewards",
  toAmino: (m) => {
    const out: Record<string, JsonValue> = {};
    if (m.delegatorAddress !== "") out["delegator_address"] = m.delegatorAddress;
    if (m.validatorAddress !== "") out["validator_address"] = m.validatorAddress;
    return out;
  },
};

export const msgUpdateParamsAmino: AminoConverter<MsgUpdateParams> = {
  aminoType: "plume/x/restaking/MsgUpdateParams",
  toAmino: (m) => {
    const params: Record<string, JsonValue> = {};
    if (m.params.compoundInterval !== 0n) params["compound_interval"] = m.params.compoundInterval.toString();
    const out: Record<string, JsonValue> = { params };
    if (m.authority !== "") out["authority"] = m.authority;
    return out;
  },
};
