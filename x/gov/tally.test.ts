/**
 * The running tally (tally.ts) against keeper/tally.go's from-scratch computation, after seeded
 * random sequences of votes, weighted votes, delegations, undelegations and redelegations, with and
 * without slashing, checked after every step.
 */
import { ProposalStatus, VoteOption, type WeightedVoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import { MsgSubmitProposalResponse } from "cosmjs-types/cosmos/gov/v1/tx";
import { Dec } from "../../app/math";
import { seededRandom } from "../../app/store/test-util";
import { consensusKey, delegator, operator } from "../staking/harness.fixture";
import { consensusAddressOfAny } from "../staking/pubkey";
import { GovHarness, VOTE_WEIGHTS as WEIGHTS, addresses } from "./harness.fixture";
import { govInvariants, runningTallyInvariant } from "./invariants";

const VALIDATORS = 4;
const DELEGATORS = 10;

function check(h: GovHarness, id: bigint, exact: boolean): void {
  expect(govInvariants(h.ctx(), h.keeper).filter((r) => r.broken)).toEqual([]);
  const running = h.keeper.tallySums(h.ctx(), id);
  const { sums, delegations } = h.sdkTally(id);
  if (exact) {
    expect(running.results.map((d) => d.toString())).toEqual(sums.results.map((d) => d.toString()));
    expect(running.totalVotingPower.toString()).toBe(sums.totalVotingPower.toString());
  } else {
    // One rounding per (validator, option) instead of one per delegation: within 1e-18 each.
    const bound = BigInt(delegations + VALIDATORS);
    for (let i = 0; i < 4; i++) {
      const diff = (running.results[i]?.toAtomics() ?? 0n) - (sums.results[i]?.toAtomics() ?? 0n);
      expect(diff <= bound && diff >= -bound).toBe(true);
    }
    const diff = running.totalVotingPower.toAtomics() - sums.totalVotingPower.toAtomics();
    expect(diff <= bound && diff >= -bound).toBe(true);
  }
}

function run(seed: number, steps: number, slashing: boolean): { exactSteps: number } {
  const random = seededRandom(seed);
  const pick = (n: number): number => Math.floor(random() * n);
  const h = new GovHarness();
  for (let v = 0; v < VALIDATORS; v++) h.staking.createValidator(v, 1_000_000n + BigInt(pick(1_000_000)));
  for (let d = 0; d < DELEGATORS; d++) h.fund(delegator(d), 100_000_000n);
  h.fund(delegator(20), 1_000_000n);
  h.nextBlock();
  // A proposal with metadata and no messages (a text proposal in v1's terms).
  const submitted = h.deliver(h.handlers.submitProposal, {
    messages: [],
    initialDeposit: [{ denom: "stake", amount: "1000" }],
    proposer: addresses.encodeAccount(delegator(20)),
    metadata: "ipfs://proposal",
    title: "t",
    summary: "s",
    expedited: false,
  });
  if (submitted.error !== undefined) throw submitted.error as Error;
  const id = MsgSubmitProposalResponse.decode(submitted.result?.value ?? new Uint8Array()).proposalId;
  expect(h.keeper.getProposal(h.ctx(), id)?.status).toBe(ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD);
  let slashed = false;
  let exactSteps = 0;
  const voterAccount = (i: number): Uint8Array => (i < VALIDATORS ? operator(i) : delegator(i - VALIDATORS));
  for (let step = 0; step < steps; step++) {
    const op = pick(slashing ? 6 : 5);
    const d = pick(DELEGATORS);
    const v = pick(VALIDATORS);
    switch (op) {
      case 0: {
        const options: WeightedVoteOption[] = (WEIGHTS[pick(WEIGHTS.length)] ?? []).map(([option, w]) => ({ option, weight: Dec.fromString(w).toString() }));
        const voter = voterAccount(pick(VALIDATORS + DELEGATORS));
        const res = h.deliver(h.handlers.voteWeighted, { proposalId: id, voter: addresses.encodeAccount(voter), options, metadata: "" });
        expect(res.error).toBeUndefined();
        break;
      }
      case 1:
        h.staking.delegate(d, v, BigInt(1 + pick(500_000)));
        break;
      case 2:
        h.staking.undelegate(delegator(d), v, BigInt(1 + pick(300_000)));
        break;
      case 3:
        h.staking.redelegate(delegator(d), v, (v + 1 + pick(VALIDATORS - 1)) % VALIDATORS, BigInt(1 + pick(300_000)));
        break;
      case 4:
        // An operator's own stake moves too (its vote is the validator's).
        h.staking.undelegate(operator(v), v, BigInt(1 + pick(100_000)));
        break;
      default: {
        const cons = consensusAddressOfAny(consensusKey(v));
        h.staking.must((ctx) => h.staking.keeper.slash(ctx, cons, h.staking.height, 1n, Dec.fromString("0.013")));
        slashed = true;
      }
    }
    if (pick(4) === 0) h.nextBlock(1n);
    check(h, id, !slashed);
    if (!slashed) exactSteps++;
  }
  // The sequence did exercise the tally: many voters, delegations moved under their votes.
  expect([...h.keeper.votes(h.keeper.store(h.ctx()))].length).toBeGreaterThan(8);
  return { exactSteps };
}

describe("the running tally", () => {
  it.each([1, 2, 3, 4, 5])("equals the SDK's tally exactly after random votes and delegation changes (seed %i)", (seed) => {
    expect(run(seed, 150, false).exactSteps).toBe(150);
  });

  it.each([11, 12, 13])("stays within one 1e-18 per voting delegation of the SDK's tally with slashing (seed %i)", (seed) => {
    run(seed, 150, true);
  });

  it("can fail: a tally that misses a delegation change differs from the SDK's", () => {
    const h = new GovHarness({ hooks: false });
    h.staking.createValidator(0, 1_000_000n);
    h.fund(delegator(0), 1_000_000n);
    h.fund(delegator(20), 1_000_000n);
    h.staking.delegate(0, 0, 100_000n);
    h.nextBlock();
    const r = h.deliver(h.handlers.submitProposal, {
      messages: [],
      initialDeposit: [{ denom: "stake", amount: "1000" }],
      proposer: addresses.encodeAccount(delegator(20)),
      metadata: "m",
      title: "t",
      summary: "s",
      expedited: false,
    });
    const id = MsgSubmitProposalResponse.decode(r.result?.value ?? new Uint8Array()).proposalId;
    h.vote(delegator(0), id, VoteOption.VOTE_OPTION_NO);
    h.staking.delegate(0, 0, 50_000n);
    const running = h.keeper.tallySums(h.ctx(), id);
    const { sums } = h.sdkTally(id);
    expect(running.results[2]?.toString()).not.toBe(sums.results[2]?.toString());
    expect(runningTallyInvariant(h.ctx(), h.keeper).broken).toBe(true);
  });
});
