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
