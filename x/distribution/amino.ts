/**
 * Legacy amino JSON of x/distribution's messages.
 *
 * The four messages @cosmjs/stargate converts (createDistributionAminoConverters) are shaped as
 * cosmjs shapes them, so that what a cosmjs wallet signed is what plumed rebuilds:
 * `cosmos-sdk/MsgModifyWithdrawAddress`, `cosmos-sdk/MsgWithdrawDelegationReward`,
 * `cosmos-sdk/MsgFundCommunityPool`, and `cosmos-sdk/MsgWithdrawValidatorCommission`. The last one
 * is where cosmjs and the SDK disagree: the SDK's amino name is `cosmos-sdk/MsgWithdrawValCommission`,
 * so a Go node refuses a cosmjs amino-signed commission withdrawal; plumed accepts cosmjs' (the
 * clients it serves), a deviation written down in docs/distribution.md.
 *
 * The other three follow the SDK's x/tx aminojson encoder: empty strings omitted, coins with
 * `legacy_coins` and dont_omitempty ([] when empty), LegacyDec params as 18-decimal strings, always
 * present.
 */
import type { Coin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import type {
  MsgCommunityPoolSpend,
  MsgDepositValidatorRewardsPool,
  MsgFundCommunityPool,
  MsgSetWithdrawAddress,
  MsgUpdateParams,
  MsgWithdrawDelegatorReward,
  MsgWithdrawValidatorCommission,
} from "cosmjs-types/cosmos/distribution/v1beta1/tx";
import type { AminoConverter } from "../../app/amino";
import type { JsonObject, JsonValue } from "../../app/module";
import { decOf } from "./params";

const coinsJson = (coins: readonly Coin[]): JsonValue => coins.map((c) => ({ denom: c.denom, amount: c.amount }));

function withoutEmpty(entries: readonly (readonly [string, JsonValue | undefined])[]): JsonObject {
  const out: Record<string, JsonValue> = {};
  for (const [key, value] of entries) if (value !== undefined) out[key] = value;
  return out;
}

const nonEmpty = (s: string): string | undefined => (s === "" ? undefined : s);

export const msgSetWithdrawAddressAmino: AminoConverter<MsgSetWithdrawAddress> = {
  aminoType: "cosmos-sdk/MsgModifyWithdrawAddress",
  toAmino: (m) => ({ delegator_address: m.delegatorAddress, withdraw_address: m.withdrawAddress }),
};

export const msgWithdrawDelegatorRewardAmino: AminoConverter<MsgWithdrawDelegatorReward> = {
  aminoType: "cosmos-sdk/MsgWithdrawDelegationReward",
  toAmino: (m) => ({ delegator_address: m.delegatorAddress, validator_address: m.validatorAddress }),
};

export const msgWithdrawValidatorCommissionAmino: AminoConverter<MsgWithdrawValidatorCommission> = {
  aminoType: "cosmos-sdk/MsgWithdrawValidatorCommission",
  toAmino: (m) => ({ validator_address: m.validatorAddress }),
};

export const msgFundCommunityPoolAmino: AminoConverter<MsgFundCommunityPool> = {
  aminoType: "cosmos-sdk/MsgFundCommunityPool",
  toAmino: (m) => ({ amount: coinsJson(m.amount), depositor: m.depositor }),
};

export const msgUpdateParamsAmino: AminoConverter<MsgUpdateParams> = {
  aminoType: "cosmos-sdk/distribution/MsgUpdateParams",
  toAmino: (m) =>
    withoutEmpty([
      ["authority", nonEmpty(m.authority)],
      [
        "params",
        withoutEmpty([
          ["community_tax", decOf(m.params.communityTax).toString()],
          ["base_proposer_reward", decOf(m.params.baseProposerReward).toString()],
          ["bonus_proposer_reward", decOf(m.params.bonusProposerReward).toString()],
          ["withdraw_addr_enabled", m.params.withdrawAddrEnabled ? true : undefined],
        ]),
      ],
    ]),
};

export const msgCommunityPoolSpendAmino: AminoConverter<MsgCommunityPoolSpend> = {
  aminoType: "cosmos-sdk/distr/MsgCommunityPoolSpend",
  toAmino: (m) =>
    withoutEmpty([
      ["authority", nonEmpty(m.authority)],
      ["recipient", nonEmpty(m.recipient)],
      ["amount", coinsJson(m.amount)],
    ]),
};

export const msgDepositValidatorRewardsPoolAmino: AminoConverter<MsgDepositValidatorRewardsPool> = {
  aminoType: "cosmos-sdk/distr/MsgDepositValRewards",
  toAmino: (m) =>
    withoutEmpty([
      ["depositor", nonEmpty(m.depositor)],
      ["validator_address", nonEmpty(m.validatorAddress)],
      ["amount", coinsJson(m.amount)],
    ]),
};
