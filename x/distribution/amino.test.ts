import { createDistributionAminoConverters } from "@cosmjs/stargate";
import {
  msgCommunityPoolSpendAmino,
  msgDepositValidatorRewardsPoolAmino,
  msgFundCommunityPoolAmino,
  msgSetWithdrawAddressAmino,
  msgUpdateParamsAmino,
  msgWithdrawDelegatorRewardAmino,
  msgWithdrawValidatorCommissionAmino,
} from "./amino";
import { defaultDistributionParams } from "./params";

const DEL = "plume1qyqszqgpqyqszqgpqyqszqgpqyqszqgp4xr0hn";
const VAL = "plumevaloper1qyqszqgpqyqszqgpqyqszqgpqyqszqgpv3nvf3";
const coins = [
  { denom: "uatom", amount: "5" },
  { denom: "uplume", amount: "1000" },
];

describe("x/distribution amino JSON", () => {
  const cosmjs = createDistributionAminoConverters();
  const same = (typeUrl: string, ours: { aminoType: string; toAmino: (m: never) => unknown }, msg: object): void => {
    const theirs = cosmjs[typeUrl];
    if (theirs === undefined) throw new Error(`cosmjs has no converter for ${typeUrl}`);
    expect(ours.aminoType).toBe(theirs.aminoType);
    expect(JSON.stringify((ours.toAmino as (m: object) => unknown)(msg))).toBe(JSON.stringify(theirs.toAmino(msg)));
  };

  it("is byte-identical with cosmjs' converters for the four messages it converts", () => {
    same("/cosmos.distribution.v1beta1.MsgSetWithdrawAddress", msgSetWithdrawAddressAmino, { delegatorAddress: DEL, withdrawAddress: DEL });
    same("/cosmos.distribution.v1beta1.MsgWithdrawDelegatorReward", msgWithdrawDelegatorRewardAmino, { delegatorAddress: DEL, validatorAddress: VAL });
    same("/cosmos.distribution.v1beta1.MsgWithdrawValidatorCommission", msgWithdrawValidatorCommissionAmino, { validatorAddress: VAL });
    same("/cosmos.distribution.v1beta1.MsgFundCommunityPool", msgFundCommunityPoolAmino, { amount: coins, depositor: DEL });
  });

  it("follows x/tx's aminojson for the messages cosmjs does not convert", () => {
    expect([msgUpdateParamsAmino.aminoType, msgUpdateParamsAmino.toAmino({ authority: DEL, params: defaultDistributionParams() })]).toEqual([
      "cosmos-sdk/distribution/MsgUpdateParams",
      {
        authority: DEL,
        params: { community_tax: "0.020000000000000000", base_proposer_reward: "0.000000000000000000", bonus_proposer_reward: "0.000000000000000000", withdraw_addr_enabled: true },
      },
    ]);
    expect(msgUpdateParamsAmino.toAmino({ authority: "", params: { ...defaultDistributionParams(), withdrawAddrEnabled: false } })).toEqual({
      params: { community_tax: "0.020000000000000000", base_proposer_reward: "0.000000000000000000", bonus_proposer_reward: "0.000000000000000000" },
    });
    expect([msgCommunityPoolSpendAmino.aminoType, msgCommunityPoolSpendAmino.toAmino({ authority: DEL, recipient: DEL, amount: [] })]).toEqual([
      "cosmos-sdk/distr/MsgCommunityPoolSpend",
      { authority: DEL, recipient: DEL, amount: [] },
    ]);
    expect([msgDepositValidatorRewardsPoolAmino.aminoType, msgDepositValidatorRewardsPoolAmino.toAmino({ depositor: DEL, validatorAddress: VAL, amount: coins })]).toEqual([
      "cosmos-sdk/distr/MsgDepositValRewards",
      { depositor: DEL, validator_address: VAL, amount: coins },
    ]);
  });
});
