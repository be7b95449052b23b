import type { JsonValue } from "../../../app/module";
import type { MsgRestakeRewards, MsgSetAutoCompound } from "../../../proto/plume/restaking/v1/tx";
import { msgRestakeRewardsAmino, msgSetAutoCompoundAmino } from "../../../x/restaking/amino";

/**
 * Amino converters for plumed's restaking messages, for cosmjs' AminoTypes: the chain's own
 * `toAmino` (x/restaking/amino.ts, what plumed verifies an amino-json signature against) and its
 * inverse.
 */
type AminoJson = Record<string, JsonValue>;
const text = (j: AminoJson, key: string): string => {
  const v = j[key];
  return typeof v === "string" ? v : "";
};

export const restakingAminoConverters = {
  "/plume.restaking.v1.MsgSetAutoCompound": {
    aminoType: msgSetAutoCompoundAmino.aminoType,
    toAmino: (m: MsgSetAutoCompound): JsonValue => msgSetAutoCompoundAmino.toAmino(m),
    fromAmino: (j: AminoJson): MsgSetAutoCompound => ({ delegatorAddress: text(j, "delegator_address"), validatorAddress: text(j, "validator_address"), enabled: j["enabled"] === true }),
  },
  "/plume.restaking.v1.MsgRestakeRewards": {
    aminoType: msgRestakeRewardsAmino.aminoType,
    toAmino: (m: MsgRestakeRewards): JsonValue => msgRestakeRewardsAmino.toAmino(m),
    fromAmino: (j: AminoJson): MsgRestakeRewards => ({ delegatorAddress: text(j, "delegator_address"), validatorAddress: text(j, "validator_address") }),
  },
};
