/**
 * The tally, as SDK v0.50's keeper/tally.go decides it, computed from a running tally that plumed
 * keeps current as votes arrive and delegations change (beyond the SDK: cosmos-sdk #10353).
 *
 * The SDK, at the end of the voting period, walks every vote and every delegation of every voter:
 * a voter's delegation to a bonded validator adds `shares × bondedTokens / delegatorShares` to
 * each option (times its weight) and deducts the shares from that validator's own vote; then each
 * bonded validator that voted adds `(delegatorShares − deductions) × bondedTokens /
 * delegatorShares` to its options. Delegators who did not vote inherit their validator's vote.
 *
 * plumed keeps, per (proposal, validator), the sum of the voting delegators' shares and per option
 * the sum of shares × weight (ValidatorTally, exact integers): updated when a vote is cast or
 * replaced (the voter's delegations, O(delegations of the voter)) and when a voter's delegation
 * changes (staking hooks, O(live proposals the delegator voted on)). Ending a proposal, or the live
 * TallyResult query, then reads one record and one vote per bonded validator: O(bonded
 * validators), whatever the number of votes.
 *
 * Pooled stake (x/restaking, docs/restaking.md): a member of a validator's compounding pool holds
 * units, not a delegation; its stake is the pool delegation's shares × units / total units. plumed
 * keeps, per (proposal, validator), the units of the pool members that voted and per option units ×
 * weight (PoolTallies), updated when a vote is cast and when a voting member's units change
 * (restaking's hooks; compounding changes no units). At the tally they become shares at the pool's
 * current rate (poolVoters), are deducted from the validator's vote and go to the options: one
 * record per bonded validator more, still O(bonded validators), never O(members).
 *
 * Exactness: the validators' own part is computed exactly as the SDK computes it (the deductions
 * are the same sums). The voters' part is the SDK's sum of per-delegation products rounded once per
 * (validator, option) instead of once per delegation: identical whenever each delegation's
 * product is exact (delegator shares worth whole tokens at the validator's rate, e.g. a validator
 * never slashed, and weights whose product with the shares has at most 18 decimals: every
 * non-split vote), and otherwise within one 10^-18 per voting delegation of the SDK's Dec, before
 * the truncation to whole tokens that the stored TallyResult applies (tally.test.ts checks both).
 * Pooled stake is converted once per pool, where a member's Delegation query shows floor(S × u / U)
 * per member: the pool's part is at most one 10^-18 share per voting member (and option) above the
 * sum of those, exact while S × u / U is whole for every voting member (e.g. a pool
 * never compounded, S = U; x/restaking/gov-tally.test.ts checks both).
 */
import { VoteOption, type TallyResult, type WeightedVoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import { Dec, Int } from "../../app/math";
import type { Params } from "./params";
import { paramDec } from "./params";
import type { ValidatorTally } from "./state-keys";

const ONE = 10n ** 18n;

/** The option's slot in ValidatorTally.weighted and in results. */
export function optionIndex(option: VoteOption): 0 | 1 | 2 | 3 {
  switch (option) {
    case VoteOption.VOTE_OPTION_YES:
      return 0;
    case VoteOption.VOTE_OPTION_ABSTAIN:
      return 1;
    case VoteOption.VOTE_OPTION_NO:
      return 2;
    case VoteOption.VOTE_OPTION_NO_WITH_VETO:
      return 3;
    default:
      throw new Error(`vote option ${option as number} has no tally slot`);
  }
}

export const EMPTY_VALIDATOR_TALLY: ValidatorTally = { shares: 0n, weighted: [0n, 0n, 0n, 0n] };

/** What one voter's delegation of `shares` adds to its validator's running tally (sign -1 removes it). */
export function applyDelegation(t: ValidatorTally, shares: Dec, options: readonly WeightedVoteOption[], sign: 1n | -1n): ValidatorTally {
  const s = shares.toAtomics() * sign;
  const weighted: [bigint, bigint, bigint, bigint] = [...t.weighted];
  for (const o of options) weighted[optionIndex(o.option)] += s * paramDec(o.weight).toAtomics();
  return { shares: t.shares + s, weighted };
}

/**
 * What the members of a validator's x/restaking pool who voted add to the validator's voters: their
 * units `t.shares` (and per option units × weight) at the pool's current rate, `shares` pool shares
 * for `totalUnits` units: floor(shares × units / totalUnits) shares and floor(shares × Σ units ×
 * weight / totalUnits) per option, the same floor for the whole pool instead of one per member.
 */
export function poolVoters(t: ValidatorTally, shares: Dec, totalUnits: Dec): ValidatorTally {
  const s = shares.toAtomics();
  const u = totalUnits.toAtomics();
  if (u <= 0n || s <= 0n || isEmptyTally(t)) return EMPTY_VALIDATOR_TALLY;
  const w = t.weighted;
  return { shares: (s * t.shares) / u, weighted: [(s * w[0]) / u, (s * w[1]) / u, (s * w[2]) / u, (s * w[3]) / u] };
}

export function addTallies(a: ValidatorTally, b: ValidatorTally): ValidatorTally {
  return { shares: a.shares + b.shares, weighted: [a.weighted[0] + b.weighted[0], a.weighted[1] + b.weighted[1], a.weighted[2] + b.weighted[2], a.weighted[3] + b.weighted[3]] };
}

export function isEmptyTally(t: ValidatorTally): boolean {
  return t.shares === 0n && t.weighted.every((w) => w === 0n);
}

/** A bonded validator as the tally sees it. */
export interface TallyValidator {
  readonly bondedTokens: Int;
  readonly delegatorShares: Dec;
  /** The operator's own vote, if its account voted. */
  readonly vote: readonly WeightedVoteOption[] | undefined;
  /** The running tally of the accounts delegating to it that voted. */
  readonly voters: ValidatorTally;
}

export interface TallySums {
  /** yes, abstain, no, no_with_veto. */
  readonly results: readonly [Dec, Dec, Dec, Dec];
  readonly totalVotingPower: Dec;
}

/** The results and voting power of the bonded validators from their running tallies. */
export function sumTally(validators: readonly TallyValidator[]): TallySums {
  const results: [Dec, Dec, Dec, Dec] = [Dec.zero(), Dec.zero(), Dec.zero(), Dec.zero()];
  let total = Dec.zero();
  for (const v of validators) {
    const s = v.delegatorShares.toAtomics();
    if (s === 0n) continue;
    const tokens = v.bondedTokens.toBigInt();
    if (v.voters.shares !== 0n) {
      // Voters' power: shares × tokens / delegatorShares, as Dec.mulInt(tokens).quo(shares) rounds.
      total = total.add(Dec.fromAtomics(v.voters.shares).mulInt(tokens).quo(v.delegatorShares));
      for (let i = 0; i < 4; i++) {
        const w = v.voters.weighted[i] ?? 0n;
        // Σ shares × weight (10^-36 units) × tokens / delegatorShares, rounded as Dec.quo rounds.
        if (w !== 0n) results[i] = (results[i] ?? Dec.zero()).add(Dec.fromAtomics(w * tokens).quo(Dec.fromAtomics(s * ONE)));
      }
    }
    if (v.vote === undefined || v.vote.length === 0) continue;
    const after = v.delegatorShares.sub(Dec.fromAtomics(v.voters.shares));
    const power = after.mulInt(tokens).quo(v.delegatorShares);
    for (const o of v.vote) {
      const i = optionIndex(o.option);
      results[i] = (results[i] ?? Dec.zero()).add(power.mul(paramDec(o.weight)));
    }
    total = total.add(power);
  }
  return { results, totalVotingPower: total };
}

export interface TallyOutcome {
  readonly passes: boolean;
  readonly burnDeposits: boolean;
  readonly result: TallyResult;
}

export function tallyResultOf(results: readonly Dec[]): TallyResult {
  const t = (i: number): string => (results[i] ?? Dec.zero()).truncateInt().toString();
  return { yesCount: t(0), abstainCount: t(1), noCount: t(2), noWithVetoCount: t(3) };
}

export const EMPTY_TALLY_RESULT: TallyResult = { yesCount: "0", abstainCount: "0", noCount: "0", noWithVetoCount: "0" };

/** The verdict of keeper.Tally from the sums: quorum over total bonded, veto, threshold. */
export function tallyOutcome(sums: TallySums, totalBonded: Int, params: Params, expedited: boolean): TallyOutcome {
  const result = tallyResultOf(sums.results);
  const [yes, abstain, , veto] = sums.results;
  const total = sums.totalVotingPower;
  if (totalBonded.isZero()) return { passes: false, burnDeposits: false, result };
  if (total.quo(Dec.fromInt(totalBonded)).lt(paramDec(params.quorum))) return { passes: false, burnDeposits: params.burnVoteQuorum, result };
  if (total.sub(abstain).isZero()) return { passes: false, burnDeposits: false, result };
  if (veto.quo(total).gt(paramDec(params.vetoThreshold))) return { passes: false, burnDeposits: params.burnVoteVeto, result };
  const threshold = paramDec(expedited ? params.expeditedThreshold : params.threshold);
  if (yes.quo(total.sub(abstain)).gt(threshold)) return { passes: true, burnDeposits: false, result };
  return { passes: false, burnDeposits: false, result };
}

/** A vote and the voter's delegations, for the SDK's from-scratch tally. */
export interface SdkTallyVoter {
  readonly voter: string;
  readonly options: readonly WeightedVoteOption[];
  readonly delegations: readonly { readonly validator: string; readonly shares: Dec }[];
}

export interface SdkTallyValidator {
  readonly operatorAccount: string;
  readonly operator: string;
  readonly bondedTokens: Int;
  readonly delegatorShares: Dec;
}

/**
 * keeper/tally.go's computation step by step, from every vote and delegation: the reference the
 * running tally is checked against (tally.test.ts) and what the benchmark compares with.
 */
export function sdkTallySums(validators: readonly SdkTallyValidator[], voters: readonly SdkTallyVoter[]): TallySums {
  const results: [Dec, Dec, Dec, Dec] = [Dec.zero(), Dec.zero(), Dec.zero(), Dec.zero()];
  let total = Dec.zero();
  const info = new Map<string, { v: SdkTallyValidator; deductions: Dec; vote: readonly WeightedVoteOption[] }>();
  for (const v of validators) info.set(v.operator, { v, deductions: Dec.zero(), vote: [] });
  const byAccount = new Map<string, string>(validators.map((v) => [v.operatorAccount, v.operator]));
  for (const voter of voters) {
    const own = byAccount.get(voter.voter);
    const ownInfo = own === undefined ? undefined : info.get(own);
    if (ownInfo !== undefined) ownInfo.vote = voter.options;
    for (const d of voter.delegations) {
      const val = info.get(d.validator);
      if (val === undefined) continue;
      val.deductions = val.deductions.add(d.shares);
      const power = d.shares.mulInt(val.v.bondedTokens).quo(val.v.delegatorShares);
      for (const o of voter.options) {
        const i = optionIndex(o.option);
        results[i] = (results[i] ?? Dec.zero()).add(power.mul(paramDec(o.weight)));
      }
      total = total.add(power);
    }
  }
  for (const v of validators) {
    const val = info.get(v.operator);
    if (val === undefined || val.vote.length === 0) continue;
    const power = v.delegatorShares.sub(val.deductions).mulInt(v.bondedTokens).quo(v.delegatorShares);
    for (const o of val.vote) {
      const i = optionIndex(o.option);
      results[i] = (results[i] ?? Dec.zero()).add(power.mul(paramDec(o.weight)));
    }
    total = total.add(power);
  }
  return { results, totalVotingPower: total };
}
