import { ProposalStatus, VoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import { MsgSubmitProposalResponse } from "cosmjs-types/cosmos/gov/v1/tx";
import * as v1 from "cosmjs-types/cosmos/gov/v1/query";
import { TextProposal } from "cosmjs-types/cosmos/gov/v1beta1/gov";
import * as v1beta1 from "cosmjs-types/cosmos/gov/v1beta1/query";
import type { QueryContext } from "../../app/module";
import { QueryRouter } from "../../app/query-router";
import { delegator, operator } from "../staking/harness.fixture";
import { GovHarness, addresses } from "./harness.fixture";
import { registerGovQueryServer } from "./query-server";

function setup(): { h: GovHarness; q: QueryRouter; ctx: QueryContext; ids: bigint[] } {
  const h = new GovHarness();
  h.staking.createValidator(0, 1_000_000n);
  h.staking.fund(delegator(0), 1_000_000n);
  h.staking.delegate(0, 0, 200_000n);
  h.nextBlock();
  h.fund(delegator(5), 100_000n);
  const ids: bigint[] = [];
  for (const deposit of [1000n, 300n, 1000n]) {
    const r = h.submit(delegator(5), [h.stakingParamsMsg(42)], deposit);
    if (r.error !== undefined) throw r.error as Error;
    ids.push(MsgSubmitProposalResponse.decode(r.result?.value ?? new Uint8Array()).proposalId);
  }
  const text = { typeUrl: "/cosmos.gov.v1beta1.TextProposal", value: TextProposal.encode({ title: "T", description: "D" }).finish() };
  const legacy = h.deliver(h.handlers.submitProposalV1Beta1, { content: text, initialDeposit: [{ denom: "stake", amount: "1000" }], proposer: addresses.encodeAccount(delegator(0)) });
  if (legacy.error !== undefined) throw legacy.error as Error;
  ids.push(4n);
  h.vote(operator(0), 1n, VoteOption.VOTE_OPTION_YES);
  h.vote(delegator(0), 1n, VoteOption.VOTE_OPTION_NO);
  h.vote(delegator(0), 3n, VoteOption.VOTE_OPTION_ABSTAIN);
  const q = new QueryRouter();
  registerGovQueryServer({ registerMsg: () => undefined, registerQuery: (d) => q.register(d) }, h.keeper);
  const ctx: QueryContext = { height: h.staking.height, chainId: "plume-test", store: (name) => h.staking.ms.getStore(name) };
  return { h, q, ctx, ids };
}

describe("x/gov queries", () => {
  const { h, q, ctx } = setup();
  const ask = <Res>(path: string, req: Uint8Array, res: { decode(b: Uint8Array): Res }): Res => res.decode(q.queryBytes(path, ctx, req));

  it("lists proposals with status, voter and depositor filters and pagination", () => {
    const all = ask("/cosmos.gov.v1.Query/Proposals", v1.QueryProposalsRequest.encode(v1.QueryProposalsRequest.fromPartial({})).finish(), v1.QueryProposalsResponse);
    expect(all.proposals.map((p) => p.id)).toEqual([1n, 2n, 3n, 4n]);
    const voting = ask(
      "/cosmos.gov.v1.Query/Proposals",
      v1.QueryProposalsRequest.encode(v1.QueryProposalsRequest.fromPartial({ proposalStatus: ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD })).finish(),
      v1.QueryProposalsResponse,
    );
    expect(voting.proposals.map((p) => p.id)).toEqual([2n]);
    const byVoter = ask("/cosmos.gov.v1.Query/Proposals", v1.QueryProposalsRequest.encode(v1.QueryProposalsRequest.fromPartial({ voter: addresses.encodeAccount(delegator(0)) })).finish(), v1.QueryProposalsResponse);
    expect(byVoter.proposals.map((p) => p.id)).toEqual([1n, 3n]);
    const byDepositor = ask("/cosmos.gov.v1.Query/Proposals", v1.QueryProposalsRequest.encode(v1.QueryProposalsRequest.fromPartial({ depositor: addresses.encodeAccount(delegator(0)) })).finish(), v1.QueryProposalsResponse);
    expect(byDepositor.proposals.map((p) => p.id)).toEqual([4n]);
    const page = ask(
      "/cosmos.gov.v1.Query/Proposals",
      v1.QueryProposalsRequest.encode(v1.QueryProposalsRequest.fromPartial({ pagination: { limit: 2n, countTotal: true } })).finish(),
      v1.QueryProposalsResponse,
    );
    expect(page.proposals.map((p) => p.id)).toEqual([1n, 2n]);
    expect(page.pagination?.total).toBe(4n);
    const next = ask(
      "/cosmos.gov.v1.Query/Proposals",
      v1.QueryProposalsRequest.encode(v1.QueryProposalsRequest.fromPartial({ pagination: { key: page.pagination?.nextKey ?? new Uint8Array(), limit: 2n } })).finish(),
      v1.QueryProposalsResponse,
    );
    expect(next.proposals.map((p) => p.id)).toEqual([3n, 4n]);
  });

  it("answers votes, deposits, the live tally and params, with the SDK's errors", () => {
    const votes = ask("/cosmos.gov.v1.Query/Votes", v1.QueryVotesRequest.encode({ proposalId: 1n }).finish(), v1.QueryVotesResponse);
    // By voter address bytes (operator(0) is 0x10…, delegator(0) 0x80…).
    expect(votes.votes.map((v) => [v.voter, v.options])).toEqual([
      [addresses.encodeAccount(operator(0)), [{ option: VoteOption.VOTE_OPTION_YES, weight: "1.000000000000000000" }]],
      [addresses.encodeAccount(delegator(0)), [{ option: VoteOption.VOTE_OPTION_NO, weight: "1.000000000000000000" }]],
    ]);
    expect(() => q.queryBytes("/cosmos.gov.v1.Query/Vote", ctx, v1.QueryVoteRequest.encode({ proposalId: 1n, voter: addresses.encodeAccount(delegator(9)) }).finish())).toThrow(
      `rpc error: code = InvalidArgument desc = voter: ${addresses.encodeAccount(delegator(9))} not found for proposal: 1`,
    );
    expect(() => q.queryBytes("/cosmos.gov.v1.Query/Proposal", ctx, v1.QueryProposalRequest.encode({ proposalId: 0n }).finish())).toThrow("proposal id can not be 0");
    expect(() => q.queryBytes("/cosmos.gov.v1.Query/Proposal", ctx, v1.QueryProposalRequest.encode({ proposalId: 99n }).finish())).toThrow("rpc error: code = NotFound desc = proposal 99 doesn't exist");
    const deposits = ask("/cosmos.gov.v1.Query/Deposits", v1.QueryDepositsRequest.encode({ proposalId: 2n }).finish(), v1.QueryDepositsResponse);
    expect(deposits.deposits).toEqual([{ proposalId: 2n, depositor: addresses.encodeAccount(delegator(5)), amount: [{ denom: "stake", amount: "300" }] }]);
    const tally = ask("/cosmos.gov.v1.Query/TallyResult", v1.QueryTallyResultRequest.encode({ proposalId: 1n }).finish(), v1.QueryTallyResultResponse);
    expect(tally.tally).toEqual({ yesCount: "1000000", abstainCount: "0", noCount: "200000", noWithVetoCount: "0" });
    const pending = ask("/cosmos.gov.v1.Query/TallyResult", v1.QueryTallyResultRequest.encode({ proposalId: 2n }).finish(), v1.QueryTallyResultResponse);
    expect(pending.tally).toEqual({ yesCount: "0", abstainCount: "0", noCount: "0", noWithVetoCount: "0" });
    const params = ask("/cosmos.gov.v1.Query/Params", v1.QueryParamsRequest.encode({ paramsType: "tallying" }).finish(), v1.QueryParamsResponse);
    expect(params.tallyParams).toEqual({ quorum: "0.334000000000000000", threshold: "0.500000000000000000", vetoThreshold: "0.334000000000000000" });
    expect(params.params?.votingPeriod).toEqual({ seconds: 60n, nanos: 0 });
    expect(() => q.queryBytes("/cosmos.gov.v1.Query/Params", ctx, v1.QueryParamsRequest.encode({ paramsType: "x" }).finish())).toThrow("unknown params type: x");
  });

  it("answers v1beta1 through the SDK's conversions", () => {
    const legacy = ask("/cosmos.gov.v1beta1.Query/Proposal", v1beta1.QueryProposalRequest.encode({ proposalId: 4n }).finish(), v1beta1.QueryProposalResponse);
    expect(legacy.proposal.content?.typeUrl).toBe("/cosmos.gov.v1beta1.TextProposal");
    expect(TextProposal.decode(legacy.proposal.content?.value ?? new Uint8Array())).toEqual({ title: "T", description: "D" });
    const msgProposal = ask("/cosmos.gov.v1beta1.Query/Proposal", v1beta1.QueryProposalRequest.encode({ proposalId: 1n }).finish(), v1beta1.QueryProposalResponse);
    expect(msgProposal.proposal.content?.typeUrl).toBe("/cosmos.staking.v1beta1.MsgUpdateParams");
    const vote = ask("/cosmos.gov.v1beta1.Query/Vote", v1beta1.QueryVoteRequest.encode({ proposalId: 3n, voter: addresses.encodeAccount(delegator(0)) }).finish(), v1beta1.QueryVoteResponse);
    expect(vote.vote.options).toEqual([{ option: VoteOption.VOTE_OPTION_ABSTAIN, weight: "1000000000000000000" }]);
    const tally = ask("/cosmos.gov.v1beta1.Query/TallyResult", v1beta1.QueryTallyResultRequest.encode({ proposalId: 1n }).finish(), v1beta1.QueryTallyResultResponse);
    expect(tally.tally).toEqual({ yes: "1000000", abstain: "0", no: "200000", noWithVeto: "0" });
    const params = ask("/cosmos.gov.v1beta1.Query/Params", v1beta1.QueryParamsRequest.encode({ paramsType: "deposit" }).finish(), v1beta1.QueryParamsResponse);
    expect(params.depositParams).toEqual({ minDeposit: [{ denom: "stake", amount: "1000" }], maxDepositPeriod: { seconds: 100n, nanos: 0 } });
    expect(() => q.queryBytes("/cosmos.gov.v1beta1.Query/Params", ctx, v1beta1.QueryParamsRequest.encode({ paramsType: "" }).finish())).toThrow(" is not a valid parameter type");
    expect(h.keeper.constitution(h.keeper.store(h.ctx()))).toBe("");
  });
});
