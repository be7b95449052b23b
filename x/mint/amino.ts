/**
 * Legacy amino JSON of x/mint's MsgUpdateParams, as the SDK's x/tx aminojson encoder writes it
 * (cosmjs has no converter for it): `cosmos-sdk/x/mint/MsgUpdateParams`, authority omitted when
 * empty, params always present; in params mint_denom omitted when empty, the four LegacyDec fields
 * always present (dont_omitempty) as 18-decimal strings, blocks_per_year a string omitted when 0.
 */
import type { MsgUpdateParams } from "cosmjs-types/cosmos/mint/v1beta1/tx";
import type { AminoConverter } from "../../app/amino";
import type { JsonValue } from "../../app/module";
import { decOf } from "./params";

export const msgUpdateParamsAmino: AminoConverter<MsgUpdateParams> = {
  aminoType: "cosmos-sdk/x/mint/MsgUpdateParams",
  toAmino: (m) => {
    const p = m.params;
    const params: Record<string, JsonValue> = {};
    if (p.mintDenom !== "") params["mint_denom"] = p.mintDenom;
    params["inflation_rate_change"] = decOf(p.inflationRateChange).toString();
    params["inflation_max"] = decOf(p.inflationMax).toString();
    params["inflation_min"] = decOf(p.inflationMin).toString();
    params["goal_bonded"] = decOf(p.goalBonded).toString();
    if (p.blocksPerYear !== 0n) params["blocks_per_year"] = p.blocksPerYear.toString();
    const out: Record<string, JsonValue> = {};
    if (m.authority !== "") out["authority"] = m.authority;
    out["params"] = params;
    return out;
  },
};
