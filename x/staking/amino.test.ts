import { createStakingAminoConverters } from "@cosmjs/stargate";
import { PubKey as Secp256k1PubKey } from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import type { JsonValue } from "../../app/module";
import { Dec } from "../../app/math";
import { capMsgUpdateParamsAmino, stakingAminoConverters } from "./amino";
import { Harness, delAddr, valoper } from "./harness.fixture";
import { SECP256K1_TYPE_URL } from "./pubkey";

/** What the sign doc carries: keys sorted, undefined dropped (cosmjs' sortedJsonStringify). */
function signBytes(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === "object") {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) {
        const x = (v as Record<string, unknown>)[k];
        if (x !== undefined) out[k] = sort(x);
      }
      return out;
    }
    return v;
  };
  return JSON.stringify(sort(value));
}

const cosmjs = createStakingAminoConverters();
const ours = stakingAminoConverters();

function same(typeUrl: string, conv: { aminoType: string; toAmino(m: never): JsonValue }, msg: unknown): void {
  const theirs = cosmjs[typeUrl];
  if (theirs === undefined) throw new Error(`cosmjs has no converter for ${typeUrl}`);
  expect(conv.aminoType).toBe(theirs.aminoType);
  expect(signBytes(conv.toAmino(msg as never))).toBe(signBytes(theirs.toAmino(msg)));
}

describe("amino converters vs @cosmjs/stargate", () => {
  const h = new Harness();
  const coin = { denom: "stake", amount: "123456" };

  it("MsgCreateValidator: commission as 18-decimal strings, amino pubkey, delegator_address kept", () => {
    const msg = { ...h.createValidatorMsg(3, 7_000_000n, { rate: "0.05", maxRate: "0.5", maxChangeRate: "0.012345678901234567", minSelfDelegation: "42" }) };
    same("/cosmos.staking.v1beta1.MsgCreateValidator", ours.createValidator, msg);
    same("/cosmos.staking.v1beta1.MsgCreateValidator", ours.createValidator, { ...msg, delegatorAddress: delAddr(3) });
    const secp = { typeUrl: SECP256K1_TYPE_URL, value: Secp256k1PubKey.encode({ key: new Uint8Array(33).fill(2) }).finish() };
    same("/cosmos.staking.v1beta1.MsgCreateValidator", ours.createValidator, { ...msg, pubkey: secp });
    expect(signBytes(ours.createValidator.toAmino(msg))).toContain('"pubkey":{"type":"tendermint/PubKeyEd25519","value":"');
  });

  it("MsgEditValidator: unset rate and min self delegation omitted", () => {
    const base = {
      description: { moniker: "m", identity: "", website: "w", securityContact: "", details: "[do-not-modify]" },
      validatorAddress: valoper(1),
      commissionRate: "",
      minSelfDelegation: "",
    };
    same("/cosmos.staking.v1beta1.MsgEditValidator", ours.editValidator, base);
    same("/cosmos.staking.v1beta1.MsgEditValidator", ours.editValidator, { ...base, commissionRate: Dec.fromString("0.1").toProto(), minSelfDelegation: "100" });
    same("/cosmos.staking.v1beta1.MsgEditValidator", ours.editValidator, { ...base, commissionRate: "0" });
    expect(signBytes(ours.editValidator.toAmino(base))).not.toContain("commission_rate");
  });

  it("MsgDelegate, MsgUndelegate, MsgBeginRedelegate, MsgCancelUnbondingDelegation", () => {
    same("/cosmos.staking.v1beta1.MsgDelegate", ours.delegate, { delegatorAddress: delAddr(0), validatorAddress: valoper(0), amount: coin });
    same("/cosmos.staking.v1beta1.MsgUndelegate", ours.undelegate, { delegatorAddress: delAddr(0), validatorAddress: valoper(0), amount: coin });
    same("/cosmos.staking.v1beta1.MsgBeginRedelegate", ours.beginRedelegate, {
      delegatorAddress: delAddr(0),
      validatorSrcAddress: valoper(0),
      validatorDstAddress: valoper(1),
      amount: coin,
    });
    same("/cosmos.staking.v1beta1.MsgCancelUnbondingDelegation", ours.cancelUnbondingDelegation, {
      delegatorAddress: delAddr(0),
      validatorAddress: valoper(0),
      amount: coin,
      creationHeight: 12345678901n,
    });
  });

  it("has amino names for every message the handlers register", () => {
    expect(Object.values(h.handlers).map((d) => d.amino?.aminoType)).toEqual([
      "cosmos-sdk/MsgCreateValidator",
      "cosmos-sdk/MsgEditValidator",
      "cosmos-sdk/MsgDelegate",
      "cosmos-sdk/MsgBeginRedelegate",
      "cosmos-sdk/MsgUndelegate",
      "cosmos-sdk/MsgCancelUnbondingDelegation",
      "cosmos-sdk/x/staking/MsgUpdateParams",
      "plume/x/staking/MsgUpdateParams",
    ]);
    expect(capMsgUpdateParamsAmino.toAmino({ authority: "a", params: { maxValidatorPowerShare: Dec.fromString("0.2").toProto() } })).toEqual({
      authority: "a",
      params: { max_validator_power_share: "0.200000000000000000" },
    });
  });
});
