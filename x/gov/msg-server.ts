/**
 * x/gov's Msg services: cosmos.gov.v1.Msg (keeper/msg_server.go) and cosmos.gov.v1beta1.Msg, which
 * the SDK's legacyMsgServer converts to v1 (a v1beta1 proposal's content becomes one
 * MsgExecLegacyContent signed by the gov account). Thin handlers: the message's checks in the SDK's
 * order and texts, the keeper call, events, the response.
 */
import { VoteOption, type WeightedVoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import {
  MsgCancelProposal,
  MsgCancelProposalResponse,
  MsgDeposit,
  MsgDepositResponse,
  MsgExecLegacyContent,
  MsgExecLegacyContentResponse,
  MsgSubmitProposal,
  MsgSubmitProposalResponse,
  MsgUpdateParams,
  MsgUpdateParamsResponse,
  MsgVote,
  MsgVoteResponse,
  MsgVoteWeighted,
  MsgVoteWeightedResponse,
} from "cosmjs-types/cosmos/gov/v1/tx";
import { TextProposal } from "cosmjs-types/cosmos/gov/v1beta1/gov";
import {
  MsgDeposit as MsgDepositV1Beta1,
  MsgDepositResponse as MsgDepositResponseV1Beta1,
  MsgSubmitProposal as MsgSubmitProposalV1Beta1,
  MsgSubmitProposalResponse as MsgSubmitProposalResponseV1Beta1,
  MsgVote as MsgVoteV1Beta1,
  MsgVoteResponse as MsgVoteResponseV1Beta1,
  MsgVoteWeighted as MsgVoteWeightedV1Beta1,
  MsgVoteWeightedResponse as MsgVoteWeightedResponseV1Beta1,
} from "cosmjs-types/cosmos/gov/v1beta1/tx";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { encodeProto, type ProtoCodec } from "../../app/codec";
import type { Context } from "../../app/context";
import { ErrInvalidCoins, ErrInvalidRequest } from "../../app/errors";
import { KV_GAS_CONFIG } from "../../app/gas";
import { Dec } from "../../app/math";
import type { MsgHandlerDef, MsgResponse, ServiceRegistrar } from "../../app/module";
import {
  msgDepositAmino,
  msgDepositV1Beta1Amino,
  msgExecLegacyContentAmino,
  msgSubmitProposalAmino,
  msgSubmitProposalV1Beta1Amino,
  msgUpdateParamsAmino,
  msgVoteAmino,
  msgVoteV1Beta1Amino,
  msgVoteWeightedAmino,
  msgVoteWeightedV1Beta1Amino,
} from "./amino";
import { ErrInvalidProposalContent, ErrInvalidProposalType, ErrInvalidVote, ErrNoProposalMsgs } from "./errors";
import { votingPeriodStartEvent } from "./events";
import { TEXT_PROPOSAL_TYPE_URL, validateTextProposal, voteOptionName, weightedOptionString, type GovKeeper } from "./keeper";
import { coinsOf } from "./params";
import { Proposals } from "./state-keys";

const V1 = "/cosmos.gov.v1.";
const V1BETA1 = "/cosmos.gov.v1beta1.";

function response<T>(typeUrl: string, codec: ProtoCodec<T>, message: T): MsgResponse {
  return { typeUrl, value: encodeProto(codec, message) };
}

/** NewNonSplitVoteOption: the option with weight 1. */
const ONE = Dec.one().toString();

/**
 * The metadata check of SubmitProposal: when the metadata is JSON that Go reads into
 * ProposalMetadata, its title and summary must be the proposal's (anything else is ignored).
 */
function checkMetadata(metadata: string, title: string, summary: string): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(metadata);
  } catch {
    return;
  }
  if (parsed !== null && (typeof parsed !== "object" || Array.isArray(parsed))) return;
  const fields = (parsed ?? {}) as Record<string, unknown>;
  const text = (key: string): string | undefined => {
    const v = fields[key];
    if (v === undefined || v === null) return "";
    return typeof v === "string" ? v : undefined;
  };
  const t = text("title");
  const s = text("summary");
  // A field of another type fails Go's Unmarshal: the metadata is then not checked.
  if (t === undefined || s === undefined) return;
  if (t !== title) throw ErrInvalidProposalContent.wrap(`metadata title '${t}' must equal proposal title '${title}'`);
  if (s !== summary) throw ErrInvalidProposalContent.wrap(`metadata summary '${s}' must equal proposal summary '${summary}'`);
}

/** msgServer.SubmitProposal. */
function submitProposal(ctx: Context, k: GovKeeper, msg: MsgSubmitProposal): bigint {
  if (msg.title === "") throw ErrInvalidRequest.wrap("proposal title cannot be empty");
  if (msg.summary === "") throw ErrInvalidRequest.wrap("proposal summary cannot be empty");
  const proposer = k.decodeAddress(msg.proposer, "proposer");
  if (msg.messages.length === 0 && msg.metadata.length === 0) throw ErrNoProposalMsgs.wrap("either metadata or Msgs length must be non-nil");
  if (msg.metadata.length !== 0) checkMetadata(msg.metadata, msg.title, msg.summary);
  const params = k.getParams(ctx);
  const initialDeposit = coinsOf(msg.initialDeposit);
  k.validateInitialDeposit(params, initialDeposit, msg.expedited);
  k.validateDepositDenom(params, initialDeposit);
  const proposal = k.submitProposal(ctx, {
    messages: msg.messages,
    metadata: msg.metadata,
    title: msg.title,
    summary: msg.summary,
    proposer,
    expedited: msg.expedited,
  });
  // cosmos-sdk #9683: the proposal's bytes are charged three times the write cost.
  const bytes = Proposals.valueCodec.encode(proposal).length;
  ctx.gasMeter.consume(3n * KV_GAS_CONFIG.writeCostPerByte * BigInt(bytes), "submit proposal");
  if (k.addDeposit(ctx, proposal.id, proposer, initialDeposit)) ctx.events.emit(votingPeriodStartEvent("submit_proposal", proposal.id));
  return proposal.id;
}

/** msgServer.Deposit. */
function deposit(ctx: Context, k: GovKeeper, msg: MsgDeposit): void {
  const depositor = k.decodeAddress(msg.depositor, "depositor");
  const amount = coinsOf(msg.amount);
  if (!amount.isValid() || !amount.isAllPositive()) throw ErrInvalidCoins.wrap(amount.toString());
  if (k.addDeposit(ctx, msg.proposalId, depositor, amount)) ctx.events.emit(votingPeriodStartEvent("proposal_deposit", msg.proposalId));
}

/** msgServer.Vote. */
function vote(ctx: Context, k: GovKeeper, msg: MsgVote): void {
  const voter = k.decodeAddress(msg.voter, "voter");
  if (!validOption(msg.option)) throw ErrInvalidVote.wrap(voteOptionName(msg.option));
  k.addVote(ctx, msg.proposalId, voter, [{ option: msg.option, weight: ONE }], msg.metadata);
}

function validOption(o: VoteOption): boolean {
  return o === VoteOption.VOTE_OPTION_YES || o === VoteOption.VOTE_OPTION_ABSTAIN || o === VoteOption.VOTE_OPTION_NO || o === VoteOption.VOTE_OPTION_NO_WITH_VETO;
}

/** msgServer.VoteWeighted: options valid, no option twice, weights summing to exactly 1. */
function voteWeighted(ctx: Context, k: GovKeeper, msg: MsgVoteWeighted): void {
  const voter = k.decodeAddress(msg.voter, "voter");
  // WeightedVoteOptions.String() of a nil slice: Go's json.Marshal gives "null".
  if (msg.options.length === 0) throw ErrInvalidRequest.wrap("null");
  let total = Dec.zero();
  const used = new Set<VoteOption>();
  for (const o of msg.options) {
    if (!validOption(o.option) || !validWeight(o.weight)) throw ErrInvalidVote.wrap(weightedOptionString(o));
    total = total.add(Dec.fromString(o.weight));
    if (used.has(o.option)) throw ErrInvalidVote.wrap("duplicated vote option");
    used.add(o.option);
  }
  if (total.gt(Dec.one())) throw ErrInvalidVote.wrap("total weight overflow 1.00");
  if (total.lt(Dec.one())) throw ErrInvalidVote.wrap("total weight lower than 1.00");
  k.addVote(ctx, msg.proposalId, voter, msg.options, msg.metadata);
}

/** WeightedVoteOption.IsValid's weight part: a decimal in (0, 1]. */
function validWeight(w: string): boolean {
  try {
    const d = Dec.fromString(w);
    return d.isPositive() && d.lte(Dec.one());
  } catch {
    return false;
  }
}

export interface GovMsgHandlers {
  readonly submitProposal: MsgHandlerDef<MsgSubmitProposal>;
  readonly execLegacyContent: MsgHandlerDef<MsgExecLegacyContent>;
  readonly vote: MsgHandlerDef<MsgVote>;
  readonly voteWeighted: MsgHandlerDef<MsgVoteWeighted>;
  readonly deposit: MsgHandlerDef<MsgDeposit>;
  readonly updateParams: MsgHandlerDef<MsgUpdateParams>;
  readonly cancelProposal: MsgHandlerDef<MsgCancelProposal>;
  readonly submitProposalV1Beta1: MsgHandlerDef<MsgSubmitProposalV1Beta1>;
  readonly voteV1Beta1: MsgHandlerDef<MsgVoteV1Beta1>;
  readonly voteWeightedV1Beta1: MsgHandlerDef<MsgVoteWeightedV1Beta1>;
  readonly depositV1Beta1: MsgHandlerDef<MsgDepositV1Beta1>;
}

export function govMsgHandlers(k: GovKeeper): GovMsgHandlers {
  return {
    submitProposal: {
      typeUrl: `${V1}MsgSubmitProposal`,
      codec: MsgSubmitProposal,
      signers: (m) => [m.proposer],
      amino: msgSubmitProposalAmino(k.router),
      handle: (ctx, m) => response(`${V1}MsgSubmitProposalResponse`, MsgSubmitProposalResponse, { proposalId: submitProposal(ctx, k, m) }),
    },
    execLegacyContent: {
      typeUrl: `${V1}MsgExecLegacyContent`,
      codec: MsgExecLegacyContent,
      signers: (m) => [m.authority],
      amino: msgExecLegacyContentAmino,
      handle: (ctx, m) => {
        k.execLegacyContent(ctx, m.authority, m.content);
        return response(`${V1}MsgExecLegacyContentResponse`, MsgExecLegacyContentResponse, {});
      },
    },
    vote: {
      typeUrl: `${V1}MsgVote`,
      codec: MsgVote,
      signers: (m) => [m.voter],
      amino: msgVoteAmino,
      handle: (ctx, m) => {
        vote(ctx, k, m);
        return response(`${V1}MsgVoteResponse`, MsgVoteResponse, {});
      },
    },
    voteWeighted: {
      typeUrl: `${V1}MsgVoteWeighted`,
      codec: MsgVoteWeighted,
      signers: (m) => [m.voter],
      amino: msgVoteWeightedAmino,
      handle: (ctx, m) => {
        voteWeighted(ctx, k, m);
        return response(`${V1}MsgVoteWeightedResponse`, MsgVoteWeightedResponse, {});
      },
    },
    deposit: {
      typeUrl: `${V1}MsgDeposit`,
      codec: MsgDeposit,
      signers: (m) => [m.depositor],
      amino: msgDepositAmino,
      handle: (ctx, m) => {
        deposit(ctx, k, m);
        return response(`${V1}MsgDepositResponse`, MsgDepositResponse, {});
      },
    },
    updateParams: {
      typeUrl: `${V1}MsgUpdateParams`,
      codec: MsgUpdateParams,
      signers: (m) => [m.authority],
      amino: msgUpdateParamsAmino,
      handle: (ctx, m) => {
        k.updateParams(ctx, m.authority, m.params);
        return response(`${V1}MsgUpdateParamsResponse`, MsgUpdateParamsResponse, {});
      },
    },
    cancelProposal: {
      typeUrl: `${V1}MsgCancelProposal`,
      codec: MsgCancelProposal,
      signers: (m) => [m.proposer],
      handle: (ctx, m) => {
        k.decodeAddress(m.proposer, "proposer");
        k.cancelProposal(ctx, m.proposalId, m.proposer);
        return response(`${V1}MsgCancelProposalResponse`, MsgCancelProposalResponse, {
          proposalId: m.proposalId,
          canceledTime: ctx.blockTime,
          canceledHeight: ctx.height,
        });
      },
    },
    submitProposalV1Beta1: {
      typeUrl: `${V1BETA1}MsgSubmitProposal`,
      codec: MsgSubmitProposalV1Beta1,
      signers: (m) => [m.proposer],
      amino: msgSubmitProposalV1Beta1Amino,
      handle: (ctx, m) => {
        const content = m.content;
        if (content === undefined) throw ErrInvalidProposalContent.wrap("missing content");
        if (content.typeUrl !== TEXT_PROPOSAL_TYPE_URL) throw ErrInvalidProposalType.wrap(content.typeUrl);
        const text = TextProposal.decode(content.value);
        validateTextProposal(text);
        const exec: Any = {
          typeUrl: `${V1}MsgExecLegacyContent`,
          value: MsgExecLegacyContent.encode({ content, authority: k.moduleAccount }).finish(),
        };
        const id = submitProposal(ctx, k, {
          messages: [exec],
          initialDeposit: m.initialDeposit,
          proposer: m.proposer,
          metadata: "",
          title: text.title,
          summary: text.description,
          expedited: false,
        });
        return response(`${V1BETA1}MsgSubmitProposalResponse`, MsgSubmitProposalResponseV1Beta1, { proposalId: id });
      },
    },
    voteV1Beta1: {
      typeUrl: `${V1BETA1}MsgVote`,
      codec: MsgVoteV1Beta1,
      signers: (m) => [m.voter],
      amino: msgVoteV1Beta1Amino,
      handle: (ctx, m) => {
        vote(ctx, k, { proposalId: m.proposalId, voter: m.voter, option: m.option, metadata: "" });
        return response(`${V1BETA1}MsgVoteResponse`, MsgVoteResponseV1Beta1, {});
      },
    },
    voteWeightedV1Beta1: {
      typeUrl: `${V1BETA1}MsgVoteWeighted`,
      codec: MsgVoteWeightedV1Beta1,
      signers: (m) => [m.voter],
      amino: msgVoteWeightedV1Beta1Amino,
      handle: (ctx, m) => {
        const options: WeightedVoteOption[] = m.options.map((o) => ({ option: o.option, weight: Dec.fromProto(o.weight).toString() }));
        voteWeighted(ctx, k, { proposalId: m.proposalId, voter: m.voter, options, metadata: "" });
        return response(`${V1BETA1}MsgVoteWeightedResponse`, MsgVoteWeightedResponseV1Beta1, {});
      },
    },
    depositV1Beta1: {
      typeUrl: `${V1BETA1}MsgDeposit`,
      codec: MsgDepositV1Beta1,
      signers: (m) => [m.depositor],
      amino: msgDepositV1Beta1Amino,
      handle: (ctx, m) => {
        deposit(ctx, k, { proposalId: m.proposalId, depositor: m.depositor, amount: m.amount });
        return response(`${V1BETA1}MsgDepositResponse`, MsgDepositResponseV1Beta1, {});
      },
    },
  };
}

/** Registers cosmos.gov.v1.Msg and cosmos.gov.v1beta1.Msg. */
export function registerGovMsgServer(registrar: ServiceRegistrar, k: GovKeeper): void {
  const h = govMsgHandlers(k);
  registrar.registerMsg(h.submitProposal);
  registrar.registerMsg(h.execLegacyContent);
  registrar.registerMsg(h.vote);
  registrar.registerMsg(h.voteWeighted);
  registrar.registerMsg(h.deposit);
  registrar.registerMsg(h.updateParams);
  registrar.registerMsg(h.cancelProposal);
  registrar.registerMsg(h.submitProposalV1Beta1);
  registrar.registerMsg(h.voteV1Beta1);
  registrar.registerMsg(h.voteWeightedV1Beta1);
  registrar.registerMsg(h.depositV1Beta1);
}


