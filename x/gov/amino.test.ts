import { createGovAminoConverters } from "@cosmjs/stargate";
import { VoteOption } from "cosmjs-types/cosmos/gov/v1beta1/gov";
import { TextProposal } from "cosmjs-types/cosmos/gov/v1beta1/gov";
import { Dec } from "../../app/math";
import type { JsonValue } from "../../app/module";
import {
  cosmjsWeight,
  msgDepositV1Beta1Amino,
  msgSubmitProposalV1Beta1Amino,
  msgVoteV1Beta1Amino,
  msgVoteWeightedV1Beta1Amino,
} from "./amino";
import { Params } from "cosmjs-types/cosmos/gov/v1/gov";
import { MsgUpdateParams as StakingMsgUpdateParams } from "cosmjs-types/cosmos/staking/v1beta1/tx";
import { defaultStakingParams } from "../staking/params";
import { GovHarness, testGovParams } from "./harness.fixture";

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

const cosmjs = createGovAminoConverters();

function same(typeUrl: string, conv: { aminoType: string; toAmino(m: never): JsonValue }, msg: unknown): void {
  const theirs = cosmjs[typeUrl];
  if (theirs === undefined) throw new Error(`cosmjs has no converter for ${typeUrl}`);
  expect(conv.aminoType).toBe(theirs.aminoType);
  expect(signBytes(conv.toAmino(msg as never))).toBe(signBytes(theirs.toAmino(msg)));
}

describe("gov v1beta1 amino converters vs @cosmjs/stargate", () => {
  const voter = "plume1qyqszqgpqyqszqgpqyqszqgpqyqszqgpjnp7du";

  it("MsgSubmitProposal with a TextProposal", () => {
    const content = { typeUrl: "/cosmos.gov.v1beta1.TextProposal", value: TextProposal.encode({ title: "A <title> & more", description: "Déscription\n" }).finish() };
    same("/cosmos.gov.v1beta1.MsgSubmitProposal", msgSubmitProposalV1Beta1Amino, { content, proposer: voter, initialDeposit: [{ denom: "stake", amount: "10" }] });
    same("/cosmos.gov.v1beta1.MsgSubmitProposal", msgSubmitProposalV1Beta1Amino, { content, proposer: voter, initialDeposit: [] });
  });

  it("MsgDeposit and MsgVote", () => {
    same("/cosmos.gov.v1beta1.MsgDeposit", msgDepositV1Beta1Amino, { proposalId: 12345678901n, depositor: voter, amount: [{ denom: "stake", amount: "1" }] });
    for (const option of [VoteOption.VOTE_OPTION_YES, VoteOption.VOTE_OPTION_ABSTAIN, VoteOption.VOTE_OPTION_NO, VoteOption.VOTE_OPTION_NO_WITH_VETO]) {
      same("/cosmos.gov.v1beta1.MsgVote", msgVoteV1Beta1Amino, { proposalId: 1n, voter, option });
    }
  });

  it("MsgVoteWeighted, weights as cosmjs prints them (including its form of 1)", () => {
    const options = ["0.7", "0.3", "1", "0.123456789012345678", "0.05"].map((w, i) => ({ option: (i % 4) + 1, weight: Dec.fromString(w).toProto() }));
    same("/cosmos.gov.v1beta1.MsgVoteWeighted", msgVoteWeightedV1Beta1Amino, { proposalId: 9n, voter, options });
    expect(cosmjsWeight(Dec.fromString("0.7").toProto())).toBe("0.700000000000000000");
    expect(cosmjsWeight(Dec.one().toProto())).toBe("10000000000000000000");
  });
});

/**
 * gov v1 (no cosmjs converters): the bytes cosmossdk.io/x/tx v0.13.7's aminojson encoder (what a
 * v0.50 node verifies against) writes for the same messages, recorded from a Go program calling
 * aminojson.NewEncoder(...).Marshal on the cosmossdk.io/api types.
 */
describe("gov v1 amino JSON vs the SDK's x/tx encoder", () => {
  const h = new GovHarness();
  const conv = (typeUrl: string): { aminoType: string; toAmino(m: never): JsonValue } => {
    const def = h.router.handler(typeUrl);
    if (def.amino === undefined) throw new Error(`no amino for ${typeUrl}`);
    return def.amino;
  };
  const doc = (typeUrl: string, msg: unknown): string => {
    const c = conv(typeUrl);
    return signBytes({ type: c.aminoType, value: c.toAmino(msg as never) });
  };

  it("MsgVote, MsgVoteWeighted, MsgDeposit", () => {
    expect(doc("/cosmos.gov.v1.MsgVote", { proposalId: 3n, voter: "plume1voter", option: 1, metadata: "" })).toBe('{"type":"cosmos-sdk/v1/MsgVote","value":{"option":1,"proposal_id":"3","voter":"plume1voter"}}');
    expect(doc("/cosmos.gov.v1.MsgVote", { proposalId: 0n, voter: "", option: 0, metadata: "m" })).toBe('{"type":"cosmos-sdk/v1/MsgVote","value":{"metadata":"m","proposal_id":"0"}}');
    expect(
      doc("/cosmos.gov.v1.MsgVoteWeighted", {
        proposalId: 3n,
        voter: "v",
        options: [
          { option: 1, weight: "0.500000000000000000" },
          { option: 3, weight: "0.5" },
        ],
        metadata: "",
      }),
    ).toBe('{"type":"cosmos-sdk/v1/MsgVoteWeighted","value":{"options":[{"option":1,"weight":"0.500000000000000000"},{"option":3,"weight":"0.5"}],"proposal_id":"3","voter":"v"}}');
    expect(doc("/cosmos.gov.v1.MsgDeposit", { proposalId: 3n, depositor: "d", amount: [{ denom: "stake", amount: "10" }] })).toBe(
      '{"type":"cosmos-sdk/v1/MsgDeposit","value":{"amount":[{"amount":"10","denom":"stake"}],"depositor":"d","proposal_id":"3"}}',
    );
    expect(doc("/cosmos.gov.v1.MsgDeposit", { proposalId: 0n, depositor: "d", amount: [] })).toBe('{"type":"cosmos-sdk/v1/MsgDeposit","value":{"amount":null,"depositor":"d","proposal_id":"0"}}');
  });

  it("MsgSubmitProposal with its messages in their own amino form", () => {
    const params = { ...defaultStakingParams("stake"), unbondingTime: { seconds: 0n, nanos: 10 }, maxValidators: 5, maxEntries: 0, historicalEntries: 0, minCommissionRate: "0" };
    const inner = { typeUrl: "/cosmos.staking.v1beta1.MsgUpdateParams", value: StakingMsgUpdateParams.encode({ authority: "gov", params }).finish() };
    expect(doc("/cosmos.gov.v1.MsgSubmitProposal", { messages: [inner], initialDeposit: [], proposer: "p", metadata: "", title: "t", summary: "s", expedited: true })).toBe(
      '{"type":"cosmos-sdk/v1/MsgSubmitProposal","value":{"expedited":true,"initial_deposit":[],"messages":[{"type":"cosmos-sdk/x/staking/MsgUpdateParams","value":{"authority":"gov","params":{"bond_denom":"stake","max_validators":5,"min_commission_rate":"0.000000000000000000","unbonding_time":"10"}}}],"proposer":"p","summary":"s","title":"t"}}',
    );
    expect(
      doc("/cosmos.gov.v1.MsgSubmitProposal", { messages: [], initialDeposit: [{ denom: "stake", amount: "10" }], proposer: "p", metadata: "m", title: "t", summary: "s", expedited: false }),
    ).toBe('{"type":"cosmos-sdk/v1/MsgSubmitProposal","value":{"initial_deposit":[{"amount":"10","denom":"stake"}],"metadata":"m","proposer":"p","summary":"s","title":"t"}}');
  });

  it("MsgUpdateParams", () => {
    const full = {
      ...testGovParams(),
      minDeposit: [{ denom: "stake", amount: "10" }],
      maxDepositPeriod: { seconds: 172800n, nanos: 0 },
      votingPeriod: { seconds: 60n, nanos: 0 },
      quorum: "0.334000000000000000",
      threshold: "0.5",
      vetoThreshold: "0.334",
      minInitialDepositRatio: "0",
      proposalCancelRatio: "0.5",
      proposalCancelDest: "",
      expeditedVotingPeriod: { seconds: 30n, nanos: 0 },
      expeditedThreshold: "0.667",
      expeditedMinDeposit: [{ denom: "stake", amount: "50" }],
      burnVoteQuorum: false,
      burnProposalDepositPrevote: false,
      burnVoteVeto: true,
      minDepositRatio: "0.01",
    };
    expect(doc("/cosmos.gov.v1.MsgUpdateParams", { authority: "a", params: full })).toBe(
      '{"type":"cosmos-sdk/x/gov/v1/MsgUpdateParams","value":{"authority":"a","params":{"burn_vote_veto":true,"expedited_min_deposit":[{"amount":"50","denom":"stake"}],"expedited_threshold":"0.667","expedited_voting_period":"30000000000","max_deposit_period":"172800000000000","min_deposit":[{"amount":"10","denom":"stake"}],"min_deposit_ratio":"0.01","min_initial_deposit_ratio":"0","proposal_cancel_ratio":"0.5","quorum":"0.334000000000000000","threshold":"0.5","veto_threshold":"0.334","voting_period":"60000000000"}}}',
    );
    const empty = Params.fromPartial({});
    expect(doc("/cosmos.gov.v1.MsgUpdateParams", { authority: "a", params: empty })).toBe('{"type":"cosmos-sdk/x/gov/v1/MsgUpdateParams","value":{"authority":"a","params":{"expedited_min_deposit":null,"min_deposit":null}}}');
  });
});
