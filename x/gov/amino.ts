/**
 * LEGACY_AMINO_JSON forms of x/gov's messages.
 *
 * - v1beta1 (cosmos-sdk/MsgSubmitProposal, MsgDeposit, MsgVote, MsgVoteWeighted): shaped exactly as
 *   @cosmjs/stargate's createGovAminoConverters() shapes them (what SigningStargateClient signs):
 *   proposal ids as strings, options as numbers, weights as 18-decimal strings, TextProposal content
 *   as {type: "cosmos-sdk/TextProposal", value: {description, title}}.
 * - v1 (cosmos-sdk/v1/..., cosmos-sdk/x/gov/v1/MsgUpdateParams; cosmjs has none): the SDK's x/tx
 *   aminojson rules: proto field names, empty scalars and lists omitted unless
 *   `(amino.dont_omitempty)` (proposal_id, initial_deposit, amount, params, min_deposit,
 *   expedited_min_deposit; empty coin lists are `null`, except `legacy_coins` initial_deposit's
 *   `[]`), durations as nanosecond strings, Anys as {type, value} with the inner
 *   message's own amino form. MsgCancelProposal has no amino name in the SDK, so it has no form here
 *   (it cannot be signed in LEGACY_AMINO_JSON mode, as on a Go node).
 */
import type { Coin as ProtoCoin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import type { Params, WeightedVoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import type { MsgDeposit, MsgExecLegacyContent, MsgSubmitProposal, MsgUpdateParams, MsgVote, MsgVoteWeighted } from "cosmjs-types/cosmos/gov/v1/tx";
import { TextProposal } from "cosmjs-types/cosmos/gov/v1beta1/gov";
import type {
  MsgDeposit as MsgDepositV1Beta1,
  MsgSubmitProposal as MsgSubmitProposalV1Beta1,
  MsgVote as MsgVoteV1Beta1,
  MsgVoteWeighted as MsgVoteWeightedV1Beta1,
} from "cosmjs-types/cosmos/gov/v1beta1/tx";
import type { Any } from "cosmjs-types/google/protobuf/any";
import type { Duration } from "cosmjs-types/google/protobuf/duration";
import type { AminoConverter } from "../../app/amino";
import type { AuthorityMsgRouter } from "../../app/authority-msgs";
import { Dec } from "../../app/math";
import type { JsonObject, JsonValue } from "../../app/module";

const coinsJson = (coins: readonly ProtoCoin[]): JsonValue => coins.map((c) => ({ denom: c.denom, amount: c.amount }));
/** A dont_omitempty repeated field without legacy_coins: `null` when empty (x/tx). */
const coinsOrNull = (coins: readonly ProtoCoin[]): JsonValue => (coins.length === 0 ? null : coinsJson(coins));

function withoutEmpty(entries: readonly (readonly [string, JsonValue | undefined])[]): JsonObject {
  const out: Record<string, JsonValue> = {};
  for (const [key, value] of entries) if (value !== undefined) out[key] = value;
  return out;
}

const str = (s: string): string | undefined => (s === "" ? undefined : s);
const bool = (b: boolean): true | undefined => (b ? true : undefined);
const list = (l: readonly JsonValue[]): JsonValue | undefined => (l.length === 0 ? undefined : l);
const duration = (d: Duration | undefined): string | undefined => (d === undefined ? undefined : (d.seconds * 1_000_000_000n + BigInt(d.nanos)).toString());

/** A TextProposal as cosmjs and the legacy amino codec write it. */
function contentJson(content: Any | undefined): JsonValue {
  if (content === undefined) throw new Error("proposal content is missing");
  if (content.typeUrl !== "/cosmos.gov.v1beta1.TextProposal") throw new Error(`Unsupported proposal type: '${content.typeUrl}'`);
  const p = TextProposal.decode(content.value);
  return { type: "cosmos-sdk/TextProposal", value: { description: p.description, title: p.title } };
}

/**
 * cosmjs' weight text: the Decimal's shortest form padded with zeros to 20 characters. For a
 * weight below 1 that is its 18-decimal form ("0.700000000000000000"); for exactly 1 cosmjs writes
 * "10000000000000000000" (its padding of "1"), and plumed rebuilds what cosmjs signed.
 */
export function cosmjsWeight(atomics: string): string {
  const full = Dec.fromProto(atomics).toString();
  const short = full.includes(".") ? full.replace(/0+$/, "").replace(/\.$/, "") : full;
  return short.padEnd(20, "0");
}

// --- v1beta1 (cosmjs) ---------------------------------------------------------------------------

export const msgSubmitProposalV1Beta1Amino: AminoConverter<MsgSubmitProposalV1Beta1> = {
  aminoType: "cosmos-sdk/MsgSubmitProposal",
  toAmino: (m) => ({ initial_deposit: coinsJson(m.initialDeposit), proposer: m.proposer, content: contentJson(m.content) }),
};

export const msgDepositV1Beta1Amino: AminoConverter<MsgDepositV1Beta1> = {
  aminoType: "cosmos-sdk/MsgDeposit",
  toAmino: (m) => ({ amount: coinsJson(m.amount), depositor: m.depositor, proposal_id: m.proposalId.toString() }),
};

export const msgVoteV1Beta1Amino: AminoConverter<MsgVoteV1Beta1> = {
  aminoType: "cosmos-sdk/MsgVote",
  toAmino: (m) => ({ option: m.option, proposal_id: m.proposalId.toString(), voter: m.voter }),
};

export const msgVoteWeightedV1Beta1Amino: AminoConverter<MsgVoteWeightedV1Beta1> = {
  aminoType: "cosmos-sdk/MsgVoteWeighted",
  toAmino: (m) => ({
    options: m.options.map((o) => ({ option: o.option, weight: cosmjsWeight(o.weight) })),
    proposal_id: m.proposalId.toString(),
    voter: m.voter,
  }),
};

// --- v1 (x/tx aminojson) ------------------------------------------------------------------------

const optionsJson = (options: readonly WeightedVoteOption[]): JsonValue | undefined =>
  list(options.map((o) => withoutEmpty([["option", o.option === 0 ? undefined : o.option], ["weight", str(o.weight)]])));

export function govParamsAmino(p: Params): JsonObject {
  return withoutEmpty([
    ["min_deposit", coinsOrNull(p.minDeposit)],
    ["max_deposit_period", duration(p.maxDepositPeriod)],
    ["voting_period", duration(p.votingPeriod)],
    ["quorum", str(p.quorum)],
    ["threshold", str(p.threshold)],
    ["veto_threshold", str(p.vetoThreshold)],
    ["min_initial_deposit_ratio", str(p.minInitialDepositRatio)],
    ["proposal_cancel_ratio", str(p.proposalCancelRatio)],
    ["proposal_cancel_dest", str(p.proposalCancelDest)],
    ["expedited_voting_period", duration(p.expeditedVotingPeriod)],
    ["expedited_threshold", str(p.expeditedThreshold)],
    ["expedited_min_deposit", coinsOrNull(p.expeditedMinDeposit)],
    ["burn_vote_quorum", bool(p.burnVoteQuorum)],
    ["burn_proposal_deposit_prevote", bool(p.burnProposalDepositPrevote)],
    ["burn_vote_veto", bool(p.burnVoteVeto)],
    ["min_deposit_ratio", str(p.minDepositRatio)],
  ]);
}

/** A proposal's messages as {type, value} with each message's own amino form (from the router). */
function anyMsgJson(router: AuthorityMsgRouter, any: Any): JsonValue {
  const def = router.handler(any.typeUrl);
  if (def.amino === undefined) throw new Error(`${any.typeUrl} has no amino JSON form`);
  return { type: def.amino.aminoType, value: def.amino.toAmino(def.codec.decode(any.value)) };
}

export function msgSubmitProposalAmino(router: AuthorityMsgRouter): AminoConverter<MsgSubmitProposal> {
  return {
    aminoType: "cosmos-sdk/v1/MsgSubmitProposal",
    toAmino: (m) =>
      withoutEmpty([
        ["messages", list(m.messages.map((a) => anyMsgJson(router, a)))],
        ["initial_deposit", coinsJson(m.initialDeposit)],
        ["proposer", str(m.proposer)],
        ["metadata", str(m.metadata)],
        ["title", str(m.title)],
        ["summary", str(m.summary)],
        ["expedited", bool(m.expedited)],
      ]),
  };
}

export const msgExecLegacyContentAmino: AminoConverter<MsgExecLegacyContent> = {
  aminoType: "cosmos-sdk/v1/MsgExecLegacyContent",
  toAmino: (m) => withoutEmpty([["content", m.content === undefined ? undefined : contentJson(m.content)], ["authority", str(m.authority)]]),
};

export const msgVoteAmino: AminoConverter<MsgVote> = {
  aminoType: "cosmos-sdk/v1/MsgVote",
  toAmino: (m) =>
    withoutEmpty([
      ["proposal_id", m.proposalId.toString()],
      ["voter", str(m.voter)],
      ["option", m.option === 0 ? undefined : m.option],
      ["metadata", str(m.metadata)],
    ]),
};

export const msgVoteWeightedAmino: AminoConverter<MsgVoteWeighted> = {
  aminoType: "cosmos-sdk/v1/MsgVoteWeighted",
  toAmino: (m) =>
    withoutEmpty([
      ["proposal_id", m.proposalId.toString()],
      ["voter", str(m.voter)],
      ["options", optionsJson(m.options)],
      ["metadata", str(m.metadata)],
    ]),
};

export const msgDepositAmino: AminoConverter<MsgDeposit> = {
  aminoType: "cosmos-sdk/v1/MsgDeposit",
  toAmino: (m) =>
    withoutEmpty([
      ["proposal_id", m.proposalId.toString()],
      ["depositor", str(m.depositor)],
      ["amount", coinsOrNull(m.amount)],
    ]),
};

export const msgUpdateParamsAmino: AminoConverter<MsgUpdateParams> = {
  aminoType: "cosmos-sdk/x/gov/v1/MsgUpdateParams",
  toAmino: (m) => withoutEmpty([["authority", str(m.authority)], ["params", govParamsAmino(m.params)]]),
};
