import { ProposalStatus, VoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import { MsgSubmitProposalResponse } from "cosmjs-types/cosmos/gov/v1/tx";
import { moduleAddress } from "../../app/address";
import { AppError } from "../../app/errors";
import type { AppEvent } from "../../app/events";
import { delegator, operator } from "../staking/harness.fixture";
import { GovHarness, addresses, testGovParams } from "./harness.fixture";
import { validateTextProposal } from "./keeper";
import { govInvariants } from "./invariants";

const PROPOSER = delegator(5);

/** Every test ends with the gov account holding the deposits and exact running tallies. */
let current: GovHarness | undefined;
afterEach(() => {
  if (current !== undefined) expect(govInvariants(current.ctx(), current.keeper).filter((r) => r.broken)).toEqual([]);
  current = undefined;
});

function setup(params = testGovParams()): GovHarness {
  const h = new GovHarness({ params });
  h.staking.createValidator(0, 1_000_000n);
  h.staking.createValidator(1, 1_000_000n);
  h.staking.fund(delegator(0), 1_000_000n);
  expect(h.staking.delegate(0, 0, 100_000n).error).toBeUndefined();
  h.nextBlock();
  h.fund(PROPOSER, 100_000n);
  current = h;
  return h;
}

function proposalId(r: { result: { value: Uint8Array } | undefined; error: unknown }): bigint {
  if (r.error !== undefined) throw r.error;
  return MsgSubmitProposalResponse.decode(r.result?.value ?? new Uint8Array()).proposalId;
}

function codeOf(err: unknown): string {
  return err instanceof AppError ? `${err.codespace}/${err.code}` : String(err);
}

const attr = (events: readonly AppEvent[], type: string, key: string): string[] =>
  events.filter((e) => e.type === type).flatMap((e) => e.attributes.filter((a) => a.key === key).map((a) => a.value));

/** Blocks until the proposal's voting (or deposit) period is over and gov's EndBlock has run. */
function runPast(h: GovHarness, seconds: bigint): AppEvent[] {
  const out: AppEvent[] = [];
  out.push(...h.nextBlock(seconds));
  out.push(...h.nextBlock(1n));
  return out;
}

describe("x/gov keeper", () => {
  it("runs a passed proposal's messages: a staking param changes, deposits come back, votes are pruned", () => {
    const h = setup();
    const before = h.balance(PROPOSER);
    const r = h.submit(PROPOSER, [h.stakingParamsMsg(50)], 1000n);
    const id = proposalId(r);
    expect(id).toBe(1n);
    expect(attr(r.events, "submit_proposal", "voting_period_start")).toEqual(["1"]);
    expect(attr(r.events, "submit_proposal", "proposal_messages")).toEqual([",/cosmos.staking.v1beta1.MsgUpdateParams"]);
    expect(h.balance(PROPOSER)).toBe(before - 1000n);

    expect(h.vote(operator(0), id, VoteOption.VOTE_OPTION_YES).error).toBeUndefined();
    expect(h.vote(operator(1), id, VoteOption.VOTE_OPTION_YES).error).toBeUndefined();
    // The delegator overrides its validator's vote for its own shares.
    expect(h.vote(delegator(0), id, VoteOption.VOTE_OPTION_NO).error).toBeUndefined();
    const p = h.keeper.getProposal(h.ctx(), id);
    if (p === undefined) throw new Error("no proposal");
    expect(h.keeper.tallyResult(h.ctx(), p)).toEqual({ yesCount: "2000000", abstainCount: "0", noCount: "100000", noWithVetoCount: "0" });

    const events = runPast(h, 60n);
    expect(attr(events, "active_proposal", "proposal_result")).toEqual(["proposal_passed"]);
    const after = h.keeper.getProposal(h.ctx(), id);
    expect(after?.status).toBe(ProposalStatus.PROPOSAL_STATUS_PASSED);
    expect(after?.finalTallyResult).toEqual({ yesCount: "2000000", abstainCount: "0", noCount: "100000", noWithVetoCount: "0" });
    expect(h.staking.keeper.getParams(h.ctx()).maxValidators).toBe(50);
    expect(h.balance(PROPOSER)).toBe(before);
    // Votes are invisible at once and gone after the pruning EndBlock.
    expect(h.keeper.vote(h.keeper.store(h.ctx()), id, operator(0))).toBeUndefined();
    expect([...h.staking.ms.getStore("gov").iterate(Uint8Array.of(0x20), Uint8Array.of(0x21))]).toHaveLength(0);
    expect([...h.staking.ms.getStore("gov").iterate(Uint8Array.of(0x90), Uint8Array.of(0x93))]).toHaveLength(0);
  });

  it("marks a passed proposal whose message fails FAILED, with the error, and keeps nothing of it", () => {
    const h = setup();
    const id = proposalId(h.submit(PROPOSER, [h.stakingParamsMsg(0)], 1000n));
    h.vote(operator(0), id, VoteOption.VOTE_OPTION_YES);
    const events = runPast(h, 60n);
    expect(attr(events, "active_proposal", "proposal_result")).toEqual(["proposal_failed"]);
    const p = h.keeper.getProposal(h.ctx(), id);
    expect(p?.status).toBe(ProposalStatus.PROPOSAL_STATUS_FAILED);
    expect(p?.failedReason).toContain("max validators must be positive");
    expect(attr(events, "active_proposal", "proposal_log")[0]).toMatch(/^passed, but msg 0 \(\/cosmos.staking.v1beta1.MsgUpdateParams\) failed on execution: /);
    expect(h.staking.keeper.getParams(h.ctx()).maxValidators).toBe(100);
  });

  it("rejects a proposal without quorum and refunds, and burns the deposits of a vetoed one", () => {
    const h = setup();
    const supply = h.supply();
    const quiet = proposalId(h.submit(PROPOSER, [h.stakingParamsMsg(50)], 1000n));
    const vetoed = proposalId(h.submit(PROPOSER, [h.stakingParamsMsg(60)], 1000n));
    h.vote(operator(0), vetoed, VoteOption.VOTE_OPTION_NO_WITH_VETO);
    h.vote(operator(1), vetoed, VoteOption.VOTE_OPTION_NO_WITH_VETO);
    const events = runPast(h, 60n);
    expect(attr(events, "active_proposal", "proposal_result")).toEqual(["proposal_rejected", "proposal_rejected"]);
    expect(h.keeper.getProposal(h.ctx(), quiet)?.status).toBe(ProposalStatus.PROPOSAL_STATUS_REJECTED);
    expect(h.keeper.getProposal(h.ctx(), vetoed)?.failedReason).toBe("proposal did not get enough votes to pass");
    expect(h.supply()).toBe(supply - 1000n);
    expect(h.staking.keeper.getParams(h.ctx()).maxValidators).toBe(100);
  });

  it("turns an expedited proposal that misses its threshold into a regular one that can pass later", () => {
    const h = setup();
    const id = proposalId(h.submit(PROPOSER, [h.stakingParamsMsg(70)], 5000n, { expedited: true }));
    h.vote(operator(0), id, VoteOption.VOTE_OPTION_YES);
    h.vote(operator(1), id, VoteOption.VOTE_OPTION_NO);
    const first = runPast(h, 30n);
    expect(attr(first, "active_proposal", "proposal_result")).toEqual(["expedited_proposal_rejected"]);
    const p = h.keeper.getProposal(h.ctx(), id);
    expect(p?.status).toBe(ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD);
    expect(p?.expedited).toBe(false);
    // As the SDK's tally deletes them, the votes cast so far no longer count: voters vote again.
    expect(h.keeper.vote(h.keeper.store(h.ctx()), id, operator(0))).toBeUndefined();
    expect(h.keeper.tallySums(h.ctx(), id).totalVotingPower.isZero()).toBe(true);
    expect(h.deliver(h.handlers.deposit, { proposalId: id, depositor: addresses.encodeAccount(delegator(0)), amount: [{ denom: "stake", amount: "10" }] }).error).toBeUndefined();
    h.vote(operator(1), id, VoteOption.VOTE_OPTION_YES);
    h.vote(operator(0), id, VoteOption.VOTE_OPTION_NO);
    h.vote(operator(0), id, VoteOption.VOTE_OPTION_YES);
    const second = runPast(h, 30n);
    expect(attr(second, "active_proposal", "proposal_result")).toEqual(["proposal_passed"]);
    expect(h.staking.keeper.getParams(h.ctx()).maxValidators).toBe(70);
  });

  it("drops a proposal whose deposit period ends below the min deposit and refunds it", () => {
    const h = setup();
    const before = h.balance(PROPOSER);
    const id = proposalId(h.submit(PROPOSER, [h.stakingParamsMsg(50)], 500n));
    expect(h.keeper.getProposal(h.ctx(), id)?.status).toBe(ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD);
    const events = runPast(h, 100n);
    expect(attr(events, "inactive_proposal", "proposal_result")).toEqual(["proposal_dropped"]);
    expect(h.keeper.getProposal(h.ctx(), id)).toBeUndefined();
    expect(h.balance(PROPOSER)).toBe(before);
  });

  it("starts voting when deposits reach the min deposit", () => {
    const h = setup();
    const id = proposalId(h.submit(PROPOSER, [h.stakingParamsMsg(50)], 500n));
    const r = h.deliver(h.handlers.deposit, { proposalId: id, depositor: addresses.encodeAccount(delegator(0)), amount: [{ denom: "stake", amount: "500" }] });
    expect(r.error).toBeUndefined();
    expect(attr(r.events, "proposal_deposit", "voting_period_start")).toEqual([String(id)]);
    expect(h.keeper.getProposal(h.ctx(), id)?.status).toBe(ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD);
    expect(h.keeper.getProposal(h.ctx(), id)?.totalDeposit).toEqual([{ denom: "stake", amount: "1000" }]);
  });

  it("answers bad inputs with the SDK's codes and changes nothing", () => {
    const h = setup();
    const snapshot = h.staking.snapshot();
    expect(codeOf(h.submit(PROPOSER, [], 1000n).error)).toBe("gov/11");
    expect(codeOf(h.submit(PROPOSER, [h.stakingParamsMsg(50, addresses.encodeAccount(PROPOSER))], 1000n).error)).toBe("gov/13");
    expect(codeOf(h.submit(PROPOSER, [{ typeUrl: "/cosmos.nothing.v1.MsgNothing", value: new Uint8Array() }], 1000n).error)).toBe("gov/10");
    expect(h.staking.snapshot()).toBe(snapshot);
    const ratio = new GovHarness({ params: testGovParams({ minInitialDepositRatio: "0.500000000000000000" }) });
    ratio.fund(PROPOSER, 10_000n);
    expect(codeOf(ratio.submit(PROPOSER, [ratio.stakingParamsMsg(50)], 400n).error)).toBe("gov/16");

    const pending = proposalId(h.submit(PROPOSER, [h.stakingParamsMsg(50)], 500n));
    expect(codeOf(h.vote(operator(0), pending, VoteOption.VOTE_OPTION_YES).error)).toBe("gov/3");
    const live = proposalId(h.submit(PROPOSER, [h.stakingParamsMsg(50)], 1000n));
    expect(codeOf(h.vote(operator(0), live, 7).error)).toBe("gov/7");
    const weighted = h.deliver(h.handlers.voteWeighted, {
      proposalId: live,
      voter: addresses.encodeAccount(operator(0)),
      options: [{ option: VoteOption.VOTE_OPTION_YES, weight: "0.5" }],
      metadata: "",
    });
    expect(codeOf(weighted.error)).toBe("gov/7");
    h.fund(PROPOSER, 100n, "other");
    const badDenom = h.deliver(h.handlers.deposit, { proposalId: live, depositor: addresses.encodeAccount(PROPOSER), amount: [{ denom: "other", amount: "100" }] });
    expect(codeOf(badDenom.error)).toBe("gov/23");
    const cancel = h.deliver(h.handlers.cancelProposal, { proposalId: live, proposer: addresses.encodeAccount(delegator(0)) });
    expect(codeOf(cancel.error)).toBe("gov/18");
  });

  it("cancels a proposal for its proposer, burning the cancel ratio of the deposits", () => {
    const h = setup();
    const before = h.balance(PROPOSER);
    const supply = h.supply();
    const id = proposalId(h.submit(PROPOSER, [h.stakingParamsMsg(50)], 1000n));
    h.vote(operator(0), id, VoteOption.VOTE_OPTION_YES);
    const r = h.deliver(h.handlers.cancelProposal, { proposalId: id, proposer: addresses.encodeAccount(PROPOSER) });
    expect(r.error).toBeUndefined();
    expect(attr(r.events, "cancel_proposal", "proposal_id")).toEqual([String(id)]);
    expect(h.keeper.getProposal(h.ctx(), id)).toBeUndefined();
    expect(h.balance(PROPOSER)).toBe(before - 500n);
    expect(h.supply()).toBe(supply - 500n);
    h.nextBlock();
    expect([...h.staking.ms.getStore("gov").iterate(Uint8Array.of(0x20), Uint8Array.of(0x21))]).toHaveLength(0);
  });

  it("funds the community pool with the charge when proposal_cancel_dest is the distribution module account, as the SDK", () => {
    const pool = moduleAddress("distribution");
    const funded: { amount: string; sender: string }[] = [];
    const h = new GovHarness({
      params: testGovParams({ proposalCancelDest: addresses.encodeAccount(pool), proposalCancelRatio: "0.250000000000000000" }),
      distribution: {
        address: pool,
        keeper: {
          fundCommunityPool: (ctx, amount, sender) => {
            h.staking.bank.sendCoinsFromAccountToModule(ctx, sender, "distribution", amount);
            funded.push({ amount: amount.toString(), sender: addresses.encodeAccount(sender) });
          },
        },
      },
    });
    h.fund(PROPOSER, 100_000n);
    const before = h.balance(PROPOSER);
    const supply = h.supply();
    const id = proposalId(h.submit(PROPOSER, [h.stakingParamsMsg(50)], 1001n));
    const r = h.deliver(h.handlers.cancelProposal, { proposalId: id, proposer: addresses.encodeAccount(PROPOSER) });
    expect(r.error).toBeUndefined();
    // 25% of 1001, truncated: 250 to the pool from the gov account, 751 back; nothing burned.
    expect(funded).toEqual([{ amount: "250stake", sender: addresses.encodeAccount(moduleAddress("gov")) }]);
    expect(h.balance(PROPOSER)).toBe(before - 250n);
    expect(h.supply()).toBe(supply);
  });

  it("sends the charge to an ordinary proposal_cancel_dest account", () => {
    const dest = delegator(7);
    const h = setup(testGovParams({ proposalCancelDest: addresses.encodeAccount(dest), proposalCancelRatio: "1.000000000000000000" }));
    const before = h.balance(dest);
    const id = proposalId(h.submit(PROPOSER, [h.stakingParamsMsg(50)], 1000n));
    expect(h.deliver(h.handlers.cancelProposal, { proposalId: id, proposer: addresses.encodeAccount(PROPOSER) }).error).toBeUndefined();
    expect(h.balance(dest)).toBe(before + 1000n);
  });

  it("validates a TextProposal as Go's ValidateAbstract: a title of Go whitespace is blank, lengths in UTF-8 bytes", () => {
    const check = (title: string, description = "d"): string => {
      try {
        validateTextProposal({ title, description });
        return "ok";
      } catch (err) {
        return (err as Error).message;
      }
    };
    expect(check(" \t\u0085\u3000")).toBe("proposal title cannot be blank: invalid proposal content");
    // U+FEFF is no space to Go (JS trim() would remove it).
    expect(check("\ufeff")).toBe("ok");
    expect(check("é".repeat(70))).toBe("ok");
    expect(check("é".repeat(71))).toBe("proposal title is longer than max length of 140: invalid proposal content");
    expect(check("t", "€".repeat(3334))).toBe("proposal description is longer than max length of 10000: invalid proposal content");
    expect(check("t", "€".repeat(3333))).toBe("ok");
  });
});
