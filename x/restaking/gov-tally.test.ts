/**
 * x/gov's running tally with x/restaking's pools (docs/gov.md, "Pooled stake"): a member who votes
 * is counted with its whole stake, its own delegation and its part of the pool, and the rest of the
 * pool follows the validator's vote. Checked against the SDK's from-scratch tally (every vote,
 * every delegation of every voter, a member's pooled stake as the Delegation query shows it:
 * floor(S × u / U) shares) after seeded random votes, delegations, undelegations, joins, leaves,
 * partial exits, compoundings and slashes, and gov's and restaking's invariants after every step.
 */
import { ProposalStatus, VoteOption, type WeightedVoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import { MsgSubmitProposalResponse } from "cosmjs-types/cosmos/gov/v1/tx";
import { AuthorityMsgExecutor } from "../../app/authority-msgs";
import { Dec } from "../../app/math";
import { MsgRouter } from "../../app/msg-router";
import { seededRandom } from "../../app/store/test-util";
import { defaultGovGenesis, initGovGenesis } from "../gov/genesis";
import { VOTE_WEIGHTS as WEIGHTS, sdkTallyValidators, testGovParams } from "../gov/harness.fixture";
import { govRestakingHooks, govStakingHooks } from "../gov/hooks";
import { govInvariants, runningTallyInvariant } from "../gov/invariants";
import { GovKeeper } from "../gov/keeper";
import { GOV_STORE } from "../gov/state-keys";
import { govMsgHandlers, type GovMsgHandlers } from "../gov/msg-server";
import { sdkTallySums, type SdkTallyVoter, type TallySums } from "../gov/tally";
import { addresses, consensusKey, delegator, operator } from "../staking/harness.fixture";
import { StakingHooksRegistry } from "../staking/hooks";
import { consensusAddressOfAny } from "../staking/pubkey";
import { BOND_DENOM, GOV_AUTHORITY, RestakingHarness } from "./harness.fixture";
import { sharesForUnits } from "./pool-math";

const VALIDATORS = 3;
const DELEGATORS = 8;

/** Restaking's harness with a gov keeper wired as chain/app.ts wires it (both hooks, optionally). */
class GovRestakingHarness {
  readonly r: RestakingHarness;
  readonly gov: GovKeeper;
  readonly handlers: GovMsgHandlers;

  constructor(opts: { readonly restakingHooks?: boolean } = {}) {
    const hooks = new StakingHooksRegistry();
    this.r = new RestakingHarness({ hooks, compoundInterval: 3n });
    const router = new MsgRouter();
    this.gov = new GovKeeper({
      addresses,
      accounts: this.r.staking.auth,
      bank: this.r.staking.bank,
      staking: this.r.staking.keeper,
      router,
      executor: new AuthorityMsgExecutor(router),
      authority: GOV_AUTHORITY,
    });
    hooks.register("gov", govStakingHooks(this.gov));
    this.gov.setPools(this.r.keeper);
    if (opts.restakingHooks !== false) this.r.keeper.setHooks(govRestakingHooks(this.gov));
    this.handlers = govMsgHandlers(this.gov);
    initGovGenesis(this.r.ctx(), this.gov, { ...defaultGovGenesis(BOND_DENOM), params: testGovParams({ votingPeriod: { seconds: 1_000_000n, nanos: 0 } }) });
  }

  nextBlock(): void {
    this.gov.endBlock(this.r.ctx());
    this.r.nextBlock();
  }

  submit(): bigint {
    this.r.staking.fund(delegator(20), 1_000_000n);
    const res = this.r.staking.deliver(this.handlers.submitProposal, {
      messages: [],
      initialDeposit: [{ denom: BOND_DENOM, amount: "1000" }],
      proposer: addresses.encodeAccount(delegator(20)),
      metadata: "ipfs://proposal",
      title: "t",
      summary: "s",
      expedited: false,
    });
    if (res.error !== undefined) throw res.error as Error;
    const id = MsgSubmitProposalResponse.decode(res.result?.value ?? new Uint8Array()).proposalId;
    expect(this.gov.getProposal(this.r.ctx(), id)?.status).toBe(ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD);
    return id;
  }

  vote(voter: Uint8Array, id: bigint, options: readonly WeightedVoteOption[]): void {
    const res = this.r.staking.deliver(this.handlers.voteWeighted, { proposalId: id, voter: addresses.encodeAccount(voter), options: [...options], metadata: "" });
    expect(res.error).toBeUndefined();
  }

  /**
   * keeper/tally.go from scratch, every voter's delegations as the standard Delegation queries show
   * them: its own, and per pool it is in, floor(S × u / U) of the pool's shares. Also how many
   * delegations (own and pooled) it walked.
   */
  sdkTally(id: bigint): { readonly sums: TallySums; readonly delegations: number } {
    const ctx = this.r.ctx();
    const staking = this.r.staking.keeper;
    const rs = this.r.keeper.store(ctx);
    const bonded = sdkTallyValidators(staking, ctx);
    const voters: SdkTallyVoter[] = [];
    let delegations = 0;
    for (const vote of this.gov.votes(this.gov.store(ctx))) {
      if (vote.proposalId !== id) continue;
      const voter = addresses.decodeAccount(vote.voter);
      const dels = [...staking.delegatorDelegations(staking.store(ctx), voter)].map((d) => ({ validator: d.validatorAddress, shares: Dec.fromProto(d.shares) }));
      for (const m of this.r.keeper.memberships(rs, voter)) {
        const valAddr = addresses.decodeValidator(m.validatorAddress);
        const pool = this.r.keeper.pool(rs, valAddr);
        if (pool === undefined) continue;
        const shares = sharesForUnits(Dec.fromProto(m.units), Dec.fromProto(pool.totalUnits), this.r.keeper.poolShares(ctx, valAddr));
        if (shares.isPositive()) dels.push({ validator: m.validatorAddress, shares });
      }
      delegations += dels.length;
      voters.push({ voter: vote.voter, options: vote.options, delegations: dels });
    }
    return { sums: sdkTallySums(bonded, voters), delegations };
  }

  check(id: bigint, exact: boolean): void {
    expect(govInvariants(this.r.ctx(), this.gov).filter((x) => x.broken)).toEqual([]);
    this.r.assertInvariants();
    const running = this.gov.tallySums(this.r.ctx(), id);
    const { sums, delegations } = this.sdkTally(id);
    if (exact) {
      expect(running.results.map((d) => d.toString())).toEqual(sums.results.map((d) => d.toString()));
      expect(running.totalVotingPower.toString()).toBe(sums.totalVotingPower.toString());
      return;
    }
    // One rounding per (validator, option) and one floor per pool instead of one per delegation
    // and one per member: within 1e-18 per delegation and two per pooled delegation.
    const bound = BigInt(2 * delegations + VALIDATORS);
    const within = (a: Dec | undefined, b: Dec | undefined): boolean => {
      const diff = (a?.toAtomics() ?? 0n) - (b?.toAtomics() ?? 0n);
      return diff <= bound && diff >= -bound;
    };
    for (let i = 0; i < 4; i++) expect(within(running.results[i], sums.results[i])).toBe(true);
    expect(within(running.totalVotingPower, sums.totalVotingPower)).toBe(true);
  }
}

/** Runs `steps` random steps; returns the steps checked exactly and those with a voting member. */
function run(seed: number, steps: number, opts: { readonly compounding: boolean; readonly slashing: boolean }): { readonly exactSteps: number; readonly pooledVoters: number } {
  const random = seededRandom(seed);
  const pick = (n: number): number => Math.floor(random() * n);
  const h = new GovRestakingHarness();
  const st = h.r.staking;
  for (let v = 0; v < VALIDATORS; v++) st.createValidator(v, 1_000_000n + BigInt(pick(1_000_000)));
  for (let d = 0; d < DELEGATORS; d++) st.fund(delegator(d), 100_000_000n);
  for (let d = 0; d < DELEGATORS; d++) expect(st.delegate(d, pick(VALIDATORS), BigInt(10_000 + pick(500_000))).error).toBeUndefined();
  h.nextBlock();
  const id = h.submit();
  let inexact = false;
  let exactSteps = 0;
  let pooledVoters = 0;
  const voterAccount = (i: number): Uint8Array => (i < VALIDATORS ? operator(i) : delegator(i - VALIDATORS));
  const ops = 7 + (opts.compounding ? 1 : 0) + (opts.slashing ? 1 : 0);
  for (let step = 0; step < steps; step++) {
    let op = pick(ops);
    if (op === 7 && !opts.compounding) op = 8;
    const d = delegator(pick(DELEGATORS));
    const v = pick(VALIDATORS);
    const ctx = h.r.ctx();
    const member = h.r.keeper.member(h.r.keeper.store(ctx), d, operator(v)) !== undefined;
    switch (op) {
      case 0:
      case 1: {
        const options = (WEIGHTS[pick(WEIGHTS.length)] ?? []).map(([option, w]) => ({ option, weight: Dec.fromString(w).toString() }));
        h.vote(voterAccount(pick(VALIDATORS + DELEGATORS)), id, options);
        break;
      }
      case 2:
        st.delegate(pick(DELEGATORS), v, BigInt(1 + pick(300_000)));
        break;
      case 3:
        // A standard MsgUndelegate: a member's pooled stake covers what its own delegation lacks.
        st.undelegate(d, v, BigInt(1 + pick(200_000)));
        break;
      case 4:
        if (h.r.staking.keeper.getDelegation(ctx, d, operator(v)) !== undefined) st.must((c) => h.r.keeper.setAutoCompound(c, d, operator(v), true));
        break;
      case 5:
        if (member) st.must((c) => h.r.keeper.setAutoCompound(c, d, operator(v), false));
        break;
      case 6:
        if (member) {
          const shares = Dec.fromString(`${1 + pick(50_000)}`);
          const c = h.r.ctx();
          const m = h.r.keeper.member(h.r.keeper.store(c), d, operator(v));
          const pool = h.r.keeper.pool(h.r.keeper.store(c), operator(v));
          if (m !== undefined && pool !== undefined && sharesForUnits(Dec.fromProto(m.units), Dec.fromProto(pool.totalUnits), h.r.keeper.poolShares(c, operator(v))).gt(shares)) {
            st.must((cc) => h.r.keeper.withdrawFromPool(cc, d, operator(v), shares));
          }
        }
        break;
      case 7:
        // Rewards, then blocks up to the next compounding height (compound_interval 3).
        h.r.accrue("0.013");
        for (let i = 0; i < 3; i++) h.nextBlock();
        inexact = true;
        break;
      default: {
        const cons = consensusAddressOfAny(consensusKey(v));
        st.must((c) => st.keeper.slash(c, cons, st.height, 1n, Dec.fromString("0.013")));
        inexact = true;
      }
    }
    if (pick(5) === 0) h.nextBlock();
    h.check(id, !inexact);
    if (!inexact) exactSteps++;
    const c = h.r.ctx();
    if ([...h.gov.votes(h.gov.store(c))].some((vote) => h.r.keeper.memberUnits(c, addresses.decodeAccount(vote.voter)).length > 0)) pooledVoters++;
  }
  return { exactSteps, pooledVoters };
}

describe("the running tally with restaking pools", () => {
  it.each([1, 2, 3])("equals the SDK's tally exactly, members' pooled stake included, while no pool has compounded (seed %i)", (seed) => {
    const { exactSteps, pooledVoters } = run(seed, 120, { compounding: false, slashing: false });
    expect(exactSteps).toBe(120);
    expect(pooledVoters).toBeGreaterThan(30);
  });

  it.each([11, 12, 13, 14])("stays within one 1e-18 per voting delegation of the SDK's tally with compoundings and slashes (seed %i)", (seed) => {
    const { pooledVoters } = run(seed, 120, { compounding: true, slashing: seed % 2 === 0 });
    expect(pooledVoters).toBeGreaterThan(30);
  });

  function memberVotesNo(h: GovRestakingHarness): { readonly id: bigint } {
    const st = h.r.staking;
    st.createValidator(0, 1_000_000n);
    st.fund(delegator(0), 1_000_000n);
    expect(st.delegate(0, 0, 400_000n).error).toBeUndefined();
    st.must((c) => h.r.keeper.setAutoCompound(c, delegator(0), operator(0), true));
    h.nextBlock();
    const id = h.submit();
    h.vote(operator(0), id, [{ option: VoteOption.VOTE_OPTION_YES, weight: Dec.one().toString() }]);
    h.vote(delegator(0), id, [{ option: VoteOption.VOTE_OPTION_NO, weight: Dec.one().toString() }]);
    return { id };
  }

  it("counts a member voting NO against its validator's YES with its whole (pooled) stake", () => {
    const h = new GovRestakingHarness();
    const { id } = memberVotesNo(h);
    const sums = h.gov.tallySums(h.r.ctx(), id);
    expect(sums.results[0]?.toString()).toBe(Dec.fromString("1000000").toString());
    expect(sums.results[2]?.toString()).toBe(Dec.fromString("400000").toString());
    // A partial exit by a standard undelegation moves its units: the tally follows.
    expect(h.r.staking.undelegate(delegator(0), 0, 100_000n).error).toBeUndefined();
    h.check(id, true);
    expect(h.gov.tallySums(h.r.ctx(), id).results[2]?.toString()).toBe(Dec.fromString("300000").toString());
  });

  it("a compounding with many voting members writes nothing of gov's; the tally reads the pool's new rate", () => {
    const h = new GovRestakingHarness();
    const st = h.r.staking;
    st.createValidator(0, 1_000_000n);
    for (let d = 0; d < 20; d++) {
      st.fund(delegator(d), 1_000_000n);
      expect(st.delegate(d, 0, 10_000n + BigInt(d)).error).toBeUndefined();
      st.must((c) => h.r.keeper.setAutoCompound(c, delegator(d), operator(0), true));
    }
    h.nextBlock();
    const id = h.submit();
    for (let d = 0; d < 20; d++) h.vote(delegator(d), id, [{ option: d % 2 === 0 ? VoteOption.VOTE_OPTION_NO : VoteOption.VOTE_OPTION_ABSTAIN, weight: Dec.one().toString() }]);
    const govStore = (): string => [...st.ms.getStore(GOV_STORE).iterate()].map(({ key, value }) => `${Buffer.from(key).toString("hex")}=${Buffer.from(value).toString("hex")}`).join("\n");
    const before = govStore();
    const noBefore = h.gov.tallySums(h.r.ctx(), id).results[2];
    const poolBefore = h.r.keeper.poolShares(h.r.ctx(), operator(0));
    h.r.accrue("0.05");
    h.r.runTo((st.height / 3n + 1n) * 3n);
    expect(h.r.keeper.poolShares(h.r.ctx(), operator(0)).gt(poolBefore)).toBe(true);
    expect(govStore()).toBe(before);
    expect(h.gov.tallySums(h.r.ctx(), id).results[2]?.gt(noBefore ?? Dec.zero())).toBe(true);
    h.check(id, false);
  });

  it("can fail: without restaking's hooks, a member's partial exit after its vote breaks the running tally", () => {
    const h = new GovRestakingHarness({ restakingHooks: false });
    const { id } = memberVotesNo(h);
    // The vote itself read the units; the units a standard undelegation burns are a change gov does not see.
    expect(h.r.staking.undelegate(delegator(0), 0, 100_000n).error).toBeUndefined();
    expect(runningTallyInvariant(h.r.ctx(), h.gov).broken).toBe(true);
    const running = h.gov.tallySums(h.r.ctx(), id);
    expect(running.results[2]?.toString()).not.toBe(h.sdkTally(id).sums.results[2]?.toString());
  });
});
