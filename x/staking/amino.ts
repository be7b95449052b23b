/**
 * Legacy amino JSON for x/staking's messages, byte-identical (after sign-doc key sorting) to
 * @cosmjs/stargate's createStakingAminoConverters() (packages/stargate/src/modules/staking/
 * aminomessages.ts), which is what wallets sign. Where cosmjs and the SDK's x/tx encoder would
 * differ, cosmjs wins, since its signature is the one to verify:
 * - commission rates and MsgEditValidator.commission_rate are proto atomics turned into
 *   18-decimal strings ("0.100000000000000000");
 * - MsgCreateValidator always carries delegator_address and min_self_delegation, even empty;
 * - MsgEditValidator omits commission_rate / min_self_delegation when unset ("" in proto);
 * - the consensus key is the amino {type: "tendermint/PubKeyEd25519", value: base64} form;
 * - creation_height is a string.
 * cosmjs has no converter for MsgUpdateParams; those follow the SDK's x/tx aminojson rules.
 */
import type {
  MsgBeginRedelegate,
  MsgCancelUnbondingDelegation,
  MsgCreateValidator,
  MsgDelegate,
  MsgEditValidator,
  MsgUndelegate,
  MsgUpdateParams,
} from "cosmjs-types/cosmos/staking/v1beta1/tx";
import type { Coin as ProtoCoin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import type { Description } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import type { Any } from "cosmjs-types/google/protobuf/any";
import type { AminoConverter } from "../../app/amino";
import { bytesToBase64 } from "../../app/encoding";
import { Dec } from "../../app/math";
import type { JsonObject, JsonValue } from "../../app/module";
import type { MsgUpdateParams as CapMsgUpdateParams } from "../../proto/plume/staking/v1/tx";
import { decodeConsensusPubKey } from "./pubkey";
import { durationToNanos } from "./time";

/** cosmjs' protoDecimalToJson: atomics -> 18-decimal string. */
function protoDecimalToJson(atomics: string): string {
  return Dec.fromAtomics(atomics).toString();
}

function coin(c: ProtoCoin | undefined, what: string): JsonObject {
  if (c === undefined) throw new Error(`missing ${what}`);
  return { denom: c.denom, amount: c.amount };
}

function description(d: Description | undefined): JsonObject {
  if (d === undefined) throw new Error("missing description");
  return { moniker: d.moniker, identity: d.identity, website: d.website, security_contact: d.securityContact, details: d.details };
}

/** cosmjs' decodePubkey for consensus keys: the amino JSON pubkey. */
function aminoPubkey(any: Any | undefined): JsonObject {
  if (any === undefined) throw new Error("missing pubkey");
  const pk = decodeConsensusPubKey(any);
  return { type: pk.type === "ed25519" ? "tendermint/PubKeyEd25519" : "tendermint/PubKeySecp256k1", value: bytesToBase64(pk.key) };
}

export function stakingAminoConverters(): {
  createValidator: AminoConverter<MsgCreateValidator>;
  editValidator: AminoConverter<MsgEditValidator>;
  delegate: AminoConverter<MsgDelegate>;
  beginRedelegate: AminoConverter<MsgBeginRedelegate>;
  undelegate: AminoConverter<MsgUndelegate>;
  cancelUnbondingDelegation: AminoConverter<MsgCancelUnbondingDelegation>;
  updateParams: AminoConverter<MsgUpdateParams>;
} {
  return {
    createValidator: {
      aminoType: "cosmos-sdk/MsgCreateValidator",
      toAmino: (m) => {
        if (m.commission === undefined) throw new Error("missing commission");
        return {
          description: description(m.description),
          commission: {
            rate: protoDecimalToJson(m.commission.rate),
            max_rate: protoDecimalToJson(m.commission.maxRate),
            max_change_rate: protoDecimalToJson(m.commission.maxChangeRate),
          },
          min_self_delegation: m.minSelfDelegation,
          delegator_address: m.delegatorAddress,
          validator_address: m.validatorAddress,
          pubkey: aminoPubkey(m.pubkey),
          value: coin(m.value, "value"),
        };
      },
    },
    editValidator: {
      aminoType: "cosmos-sdk/MsgEditValidator",
      toAmino: (m) => {
        const out: Record<string, JsonValue> = { description: description(m.description), validator_address: m.validatorAddress };
        if (m.commissionRate !== "") out["commission_rate"] = protoDecimalToJson(m.commissionRate);
        if (m.minSelfDelegation !== "") out["min_self_delegation"] = m.minSelfDelegation;
        return out;
      },
    },
    delegate: {
      aminoType: "cosmos-sdk/MsgDelegate",
      toAmino: (m) => ({ delegator_address: m.delegatorAddress, validator_address: m.validatorAddress, amount: coin(m.amount, "amount") }),
    },
    beginRedelegate: {
      aminoType: "cosmos-sdk/MsgBeginRedelegate",
      toAmino: (m) => ({
        delegator_address: m.delegatorAddress,
        validator_src_address: m.validatorSrcAddress,
        validator_dst_address: m.validatorDstAddress,
        amount: coin(m.amount, "amount"),
      }),
    },
    undelegate: {
      aminoType: "cosmos-sdk/MsgUndelegate",
      toAmino: (m) => ({ delegator_address: m.delegatorAddress, validator_address: m.validatorAddress, amount: coin(m.amount, "amount") }),
    },
    cancelUnbondingDelegation: {
      aminoType: "cosmos-sdk/MsgCancelUnbondingDelegation",
      toAmino: (m) => ({
        delegator_address: m.delegatorAddress,
        validator_address: m.validatorAddress,
        amount: coin(m.amount, "amount"),
        creation_height: m.creationHeight.toString(),
      }),
    },
    updateParams: {
      aminoType: "cosmos-sdk/x/staking/MsgUpdateParams",
      toAmino: (m) => {
        const p = m.params;
        const params: Record<string, JsonValue> = {
          // Duration as nanoseconds in a string (x/tx aminojson marshalDuration); dont_omitempty.
          unbonding_time: durationToNanos(p.unbondingTime).toString(),
        };
        // uint32 and string fields are omitted when zero (no dont_omitempty on them).
        if (p.maxValidators !== 0) params["max_validators"] = p.maxValidators;
        if (p.maxEntries !== 0) params["max_entries"] = p.maxEntries;
        if (p.historicalEntries !== 0) params["historical_entries"] = p.historicalEntries;
        if (p.bondDenom !== "") params["bond_denom"] = p.bondDenom;
        params["min_commission_rate"] = protoDecimalToJson(p.minCommissionRate === "" ? "0" : p.minCommissionRate);
        // Params' own amino name is not used for a nested field (verified against x/tx aminojson).
        const out: Record<string, JsonValue> = { params };
        if (m.authority !== "") out["authority"] = m.authority;
        return out;
      },
    },
  };
}

/** plume.staking.v1.MsgUpdateParams, by the same x/tx aminojson rules as the SDK's own. */
export const capMsgUpdateParamsAmino: AminoConverter<CapMsgUpdateParams> = {
  aminoType: "plume/x/staking/MsgUpdateParams",
  toAmino: (m) => {
    const out: Record<string, JsonValue> = {
      params: { max_validator_power_share: protoDecimalToJson(m.params.maxValidatorPowerShare === "" ? "0" : m.params.maxValidatorPowerShare) },
    };
    if (m.authority !== "") out["authority"] = m.authority;
    return out;
  },
};
