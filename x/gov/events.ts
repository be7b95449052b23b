/**
 * x/gov's events with SDK v0.50's types, attribute keys and attribute order (x/gov/types/events.go,
 * keeper/{proposal,deposit,vote,msg_server}.go, abci.go).
 */
import type { WeightedVoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import { event, type AppEvent } from "../../app/events";

export const EventType = {
  SubmitProposal: "submit_proposal",
  ProposalDeposit: "proposal_deposit",
  ProposalVote: "proposal_vote",
  InactiveProposal: "inactive_proposal",
  ActiveProposal: "active_proposal",
  CancelProposal: "cancel_proposal",
} as const;

export type ProposalResult = "proposal_dropped" | "proposal_passed" | "proposal_rejected" | "proposal_failed" | "expedited_proposal_rejected";

/** Keeper.SubmitProposal: id, proposer, and ",/type1,/type2" (each type URL after a comma). */
export const submitProposalEvent = (id: bigint, proposer: string, typeUrls: readonly string[]): AppEvent =>
  event(EventType.SubmitProposal, [
    { key: "proposal_id", value: id.toString() },
    { key: "proposal_proposer", value: proposer },
    { key: "proposal_messages", value: typeUrls.map((t) => `,${t}`).join("") },
  ]);

/** The second event of a submission or deposit that starts the voting period. */
export const votingPeriodStartEvent = (type: "submit_proposal" | "proposal_deposit", id: bigint): AppEvent =>
  event(type, [{ key: "voting_period_start", value: id.toString() }]);

export const proposalDepositEvent = (depositor: string, amount: string, id: bigint): AppEvent =>
  event(EventType.ProposalDeposit, [
    { key: "depositor", value: depositor },
    { key: "amount", value: amount },
    { key: "proposal_id", value: id.toString() },
  ]);

/** WeightedVoteOptions.String(): Go's json.Marshal of the options (option as a number). */
export function voteOptionsJson(options: readonly WeightedVoteOption[]): string {
  return `[${options.map((o) => `{"option":${o.option},"weight":${JSON.stringify(o.weight)}}`).join(",")}]`;
}

export const proposalVoteEvent = (voter: string, options: readonly WeightedVoteOption[], id: bigint): AppEvent =>
  event(EventType.ProposalVote, [
    { key: "voter", value: voter },
    { key: "option", value: voteOptionsJson(options) },
    { key: "proposal_id", value: id.toString() },
  ]);

export const inactiveProposalEvent = (id: bigint, result: ProposalResult): AppEvent =>
  event(EventType.InactiveProposal, [
    { key: "proposal_id", value: id.toString() },
    { key: "proposal_result", value: result },
  ]);

export const activeProposalEvent = (id: bigint, result: ProposalResult, log: string): AppEvent =>
  event(EventType.ActiveProposal, [
    { key: "proposal_id", value: id.toString() },
    { key: "proposal_result", value: result },
    { key: "proposal_log", value: log },
  ]);

export const cancelProposalEvent = (sender: string, id: bigint): AppEvent =>
  event(EventType.CancelProposal, [
    { key: "sender", value: sender },
    { key: "proposal_id", value: id.toString() },
  ]);
