import { msgRestakeRewardsAmino, msgSetAutoCompoundAmino, msgUpdateParamsAmino } from "./amino";

describe("amino JSON of x/restaking's messages (x/tx aminojson rules: zero values omitted)", () => {
  it("MsgSetAutoCompound: plume/x/restaking/MsgSetAutoCompound, enabled only when true", () => {
    const m = { delegatorAddress: "plume1d", validatorAddress: "plumevaloper1v", enabled: true };
    expect(msgSetAutoCompoundAmino.aminoType).toBe("plume/x/restaking/MsgSetAutoCompound");
    expect(msgSetAutoCompoundAmino.toAmino(m)).toEqual({ delegator_address: "plume1d", validator_address: "plumevaloper1v", enabled: true });
    expect(msgSetAutoCompoundAmino.toAmino({ ...m, enabled: false })).toEqual({ delegator_address: "plume1d", validator_address: "plumevaloper1v" });
  });

  it("MsgRestakeRewards: plume/x/restaking/MsgRestakeRewards", () => {
    expect(msgRestakeRewardsAmino.aminoType).toBe("plume/x/restaking/MsgRestakeRewards");
    expect(msgRestakeRewardsAmino.toAmino({ delegatorAddress: "plume1d", validatorAddress: "plumevaloper1v" })).toEqual({ delegator_address: "plume1d", validator_address: "plumevaloper1v" });
  });

  it("MsgUpdateParams: params always present, the interval as a string", () => {
    expect(msgUpdateParamsAmino.aminoType).toBe("plume/x/restaking/MsgUpdateParams");
    expect(msgUpdateParamsAmino.toAmino({ authority: "plume1gov", params: { compoundInterval: 10n } })).toEqual({ authority: "plume1gov", params: { compound_interval: "10" } });
    expect(msgUpdateParamsAmino.toAmino({ authority: "", params: { compoundInterval: 0n } })).toEqual({ params: {} });
  });
});
