/**
 * x/gov in the seeded simulation (sim/types.ts).
 *
 * Genesis: gov params within their valid ranges, with deposit and voting periods of seconds to
 * minutes (the simulator's blocks are 1-20 s apart), so that proposals are dropped, pass, fail,
 * are rejected or become regular within a run.
 *
 * Operations, each outcome predicted from the block-so-far state in the keeper's order of checks:
 * submit a proposal (v1 with a legacy TextProposal, with metadata and no messages, or with a
 * random valid MsgUpdateParams of slashing, distribution, mint, the decentralization cap or gov
 * itself whose authority is the gov module account; v1beta1 with a TextProposal; sometimes
 * expedited), deposit, vote (v1 and v1beta1), weighted vote, cancel; and the ones that must fail:
 * no messages nor metadata (gov/11), a message signed by another account than the gov module
 * account (gov/13), a vote on a proposal outside its voting period (gov/3), an invalid option or
 * weights not summing to 1 (gov/7), a deposit in a denom gov does not take (gov/23), a cancel by
 * someone else than the proposer (gov/18); gov's MsgUpdateParams through the authority, from
 * anyone else (gov/13) and invalid (undefined/1).
 *
 * The simulator's governance authority is a key it holds (chain/simulation.ts), not the gov module
 * account: a passed proposal carrying a MsgUpdateParams therefore ends FAILED (gov/13 at
 * execution), which exercises the failure branch; text proposals end PASSED. A cancelled
 * proposal's charge is burned, sent to an account, or (proposal_cancel_dest the distribution
 * module account) put in the community pool, which distribution's module-account invariant checks.
 *
 * Invariants: deposits (the gov account holds every deposit) and running-tally (invariants.ts).
 * Export differences: the running tally's bookkeeping (GOV_EXPORT_DIFFERENCES).
 */
import { ProposalStatus, VoteOption, type Proposal, type WeightedVoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import { MsgCancelProposal, MsgDeposit, MsgExecLegacyContent, MsgSubmitProposal, MsgUpdateParams, MsgVote, MsgVoteWeighted } from "cosmjs-types/cosmos/gov/v1/tx";
import { TextProposal } from "cosmjs-types/cosmos/gov/v1beta1/gov";
import { MsgSubmitProposal as MsgSubmitProposalV1Beta1, MsgVote as MsgVoteV1Beta1 } from "cosmjs-types/cosmos/gov/v1beta1/tx";
import { MsgUpdateParams as SlashingMsgUpdateParams } from "cosmjs-types/cosmos/slashing/v1beta1/tx";
import { MsgUpdateParams as DistributionMsgUpdateParams } from "cosmjs-types/cosmos/distribution/v1beta1/tx";
import { MsgUpdateParams as MintMsgUpdateParams } from "cosmjs-types/cosmos/mint/v1beta1/tx";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { moduleAddress } from "../../app/address";
import { timestampToNanos } from "../../app/context";
import { ErrInternal } from "../../app/errors";
import { Coins, Dec } from "../../app/math";
import { MsgUpdateParams as CapMsgUpdateParams } from "../../proto/plume/staking/v1/tx";
import type { SimRandom } from "../../sim/random";
import { EXPECT_OK, expectError, type Expectation, type ExportDifference, type InvariantEnv, type ModuleSimulation, type OpEnv, type SimOperation } from "../../sim/types";
import type { SimAccount } from "../../sim/keys";
import { DISTRIBUTION_MODULE_NAME } from "../distribution/keeper";
import { randomDistributionParams } from "../distribution/simulation";
import { randomMintParams } from "../mint/simulation";
import { randomSlashingParams } from "../slashing/simulation";
import type { StakingKeeper } from "../staking/keeper";
import {
  ErrInactiveProposal,
  ErrInvalidDepositDenom,
  ErrInvalidProposer,
  ErrInvalidSigner,
  ErrInvalidVote,
  ErrMinDepositTooSmall,
  ErrNoProposalMsgs,
  ErrVotingPeriodEnded,
} from "./errors";
import { defaultGovGenesis, govGenesisToJson } from "./genesis";
import { moduleAccountInvariant, runningTallyInvariant, type InvariantResult } from "./invariants";
import { GOV_MODULE_NAME, type GovKeeper } from "./keeper";
import { coinsOf, minDepositFor, paramDec, scaleCoin, type Params } from "./params";
import { GOV_STORE } from "./state-keys";

const perMille = (n: number): Dec => Dec.withPrec(BigInt(n), 3);
const seconds = (n: bigint) => ({ seconds: n, nanos: 0 });
const coin = (denom: string, amount: bigint) => ({ denom, amount: amount.toString() });
/** A denom no gov param lists (valid as a coin denom). */
const FOREIGN_DENOM = "unotgov";

/**
 * Params inside their valid ranges, with periods of 10 s to a few minutes: within a run of a few
 * hundred blocks 1-20 s apart, proposals reach every end. `cancelDests` are the accounts a
 * cancelled proposal's charge may go to ("" burns).
 */
export function randomGovParams(r: SimRandom, denom: string, cancelDests: readonly string[]): Params {
  const min = r.bigint(1_000_000n, 50_000_000n);
  const voting = r.bigint(20n, 400n);
  const threshold = r.int(300, 700);
  return {
    minDeposit: [coin(denom, min)],
    expeditedMinDeposit: [coin(denom, min * r.bigint(2n, 5n))],
    maxDepositPeriod: seconds(r.bigint(10n, 300n)),
    votingPeriod: seconds(voting),
    expeditedVotingPeriod: seconds(r.bigint(5n, voting - 1n)),
    quorum: perMille(r.int(0, 400)).toString(),
    threshold: perMille(threshold).toString(),
    expeditedThreshold: perMille(r.int(threshold + 1, 1000)).toString(),
    vetoThreshold: perMille(r.int(100, 500)).toString(),
    minInitialDepositRatio: (r.chance(1, 2) ? Dec.zero() : perMille(r.int(0, 500))).toString(),
    minDepositRatio: perMille(r.int(0, 100)).toString(),
    proposalCancelRatio: perMille(r.int(0, 1000)).toString(),
    proposalCancelDest: r.chance(1, 2) ? "" : r.pick(cancelDests),
    burnVoteQuorum: r.chance(1, 3),
    burnProposalDepositPrevote: r.chance(1, 3),
    burnVoteVeto: r.chance(2, 3),
  };
}

type ProposalKind = "text" | "metadata" | "v1beta1-text" | "update-params" | "none" | "wrong-signer";

export function govSimulation(k: GovKeeper, staking: StakingKeeper): ModuleSimulation {
  const govAddress = k.addresses.encodeAccount(moduleAddress(GOV_MODULE_NAME));
  const poolAddress = k.addresses.encodeAccount(moduleAddress(DISTRIBUTION_MODULE_NAME));
  const isActive = (p: Proposal): boolean => p.status === ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD || p.status === ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD;
  const proposals = (env: OpEnv): Proposal[] => [...k.proposals(k.store(env.ctx))];

  /** A random valid MsgUpdateParams of some module with `authority`, as an Any. */
  const paramsMessage = (env: OpEnv, authority: string): Any => {
    switch (env.r.int(0, 4)) {
      case 0:
        return { typeUrl: SlashingMsgUpdateParams.typeUrl, value: SlashingMsgUpdateParams.encode({ authority, params: randomSlashingParams(env.r) }).finish() };
      case 1:
        return { typeUrl: DistributionMsgUpdateParams.typeUrl, value: DistributionMsgUpdateParams.encode({ authority, params: randomDistributionParams(env.r) }).finish() };
      case 2:
        return { typeUrl: MintMsgUpdateParams.typeUrl, value: MintMsgUpdateParams.encode({ authority, params: randomMintParams(env.r, env.denom) }).finish() };
      case 3: {
        const params = { maxValidatorPowerShare: perMille(env.r.int(0, 1000)).toProto() };
        return { typeUrl: "/plume.staking.v1.MsgUpdateParams", value: CapMsgUpdateParams.encode({ authority, params }).finish() };
      }
      default:
        return { typeUrl: MsgUpdateParams.typeUrl, value: MsgUpdateParams.encode({ authority, params: randomGovParams(env.r, env.denom, cancelDests(env)) }).finish() };
    }
  };

  /** Accounts, and the distribution module account (the community pool) one time in four. */
  const cancelDests = (env: OpEnv): string[] => (env.r.chance(1, 4) ? [poolAddress] : env.accounts.all().map((a) => a.bech32));

  /**
   * AddDeposit's checks after the proposal's status (the caller's): the denoms (gov/23), then at
   * least min_deposit × min_deposit_ratio (truncated) of some denom (gov/16). Funds are the
   * caller's to keep within reach.
   */
  const depositChecks = (params: Params, expedited: boolean, amount: Coins): Expectation | undefined => {
    const denoms = params.minDeposit.map((c) => c.denom);
    if (amount.toArray().some((c) => !denoms.includes(c.denom))) return expectError(ErrInvalidDepositDenom);
    const ratio = paramDec(params.minDepositRatio);
    if (ratio.isZero()) return undefined;
    const met = minDepositFor(params, expedited)
      .toArray()
      .some((min) => {
        const found = amount.toArray().find((c) => c.denom === min.denom);
        return found !== undefined && found.amount.gte(scaleCoin(min, ratio, "truncate").amount);
      });
    return met ? undefined : expectError(ErrMinDepositTooSmall);
  };

  /** An amount of the bond denom the account can pay, mostly enough to pass the deposit checks. */
  const depositAmount = (env: OpEnv, from: SimAccount, params: Params, expedited: boolean, floor: bigint, remaining: bigint): bigint | undefined => {
    const spendable = env.spendable(from.address, env.denom);
    const minCoin = minDepositFor(params, expedited).toArray()[0];
    if (minCoin === undefined) return undefined;
    const min = minCoin.amount.toBigInt();
    const threshold = scaleCoin(minCoin, paramDec(params.minDepositRatio), "truncate").amount.toBigInt();
    const low = floor > threshold ? floor : threshold;
    // Half the time what the proposal still lacks (the whole min deposit for a new one).
    if (env.r.chance(1, 2)) {
      const want = remaining > low ? remaining : low;
      return want >= 1n && want <= spendable ? want : undefined;
    }
    const high = env.r.chance(1, 3) ? min + min / 2n : min / 2n;
    const cap = high < spendable ? high : spendable;
    if (cap < 1n) return undefined;
    if (low > cap) return env.r.chance(1, 10) ? cap : undefined;
    return env.r.bigint(low < 1n ? 1n : low, cap);
  };

  const submit = (kind: ProposalKind): SimOperation => ({
    name: kind === "none" ? "submit-proposal-no-messages" : kind === "wrong-signer" ? "submit-proposal-wrong-signer" : `submit-proposal-${kind}`,
    weight: kind === "none" || kind === "wrong-signer" ? 1 : kind === "update-params" ? 5 : 3,
    generate(env) {
      const params = k.getParams(env.ctx);
      const proposer = env.accounts.random(env.r);
      const expedited = (kind === "text" || kind === "update-params") && env.r.chance(1, 5);
      const title = `t${env.r.text(0, 40)}`;
      const summary = `s${env.r.text(0, 100)}`;
      let messages: Any[] = [];
      let metadata = "";
      if (kind === "text" || kind === "v1beta1-text") {
        const content = { typeUrl: TextProposal.typeUrl, value: TextProposal.encode({ title, description: summary }).finish() };
        messages = [{ typeUrl: MsgExecLegacyContent.typeUrl, value: MsgExecLegacyContent.encode({ content, authority: govAddress }).finish() }];
      } else if (kind === "metadata") {
        metadata = `ipfs://${env.r.text(10, 40)}`;
      } else if (kind === "update-params") {
        messages = [paramsMessage(env, govAddress)];
        if (env.r.chance(1, 4)) messages.push(paramsMessage(env, govAddress));
      } else if (kind === "wrong-signer") {
        messages = [paramsMessage(env, (env.accounts.randomOther(env.r, proposer) ?? proposer).bech32)];
      }
      const minCoin = minDepositFor(params, expedited).toArray()[0];
      if (minCoin === undefined) return undefined;
      const required = scaleCoin(minCoin, paramDec(params.minInitialDepositRatio), "round").amount.toBigInt();
      const amount = env.r.chance(1, 20) ? 0n : depositAmount(env, proposer, params, expedited, required, minCoin.amount.toBigInt());
      if (amount === undefined) return undefined;
      const deposit = amount === 0n ? Coins.empty() : coinsOf([coin(env.denom, amount)]);
      // msgServer.SubmitProposal, then Keeper.SubmitProposal, then AddDeposit.
      let expect: Expectation;
      if (messages.length === 0 && metadata === "") expect = expectError(ErrNoProposalMsgs);
      else if (amount < required) expect = expectError(ErrMinDepositTooSmall);
      else if (kind === "wrong-signer") expect = expectError(ErrInvalidSigner);
      else expect = depositChecks(params, expedited, deposit) ?? EXPECT_OK;
      const initialDeposit = deposit.toArray().map((c) => coin(c.denom, c.amount.toBigInt()));
      if (kind === "v1beta1-text") {
        const content = { typeUrl: TextProposal.typeUrl, value: TextProposal.encode({ title, description: summary }).finish() };
        const msgs = [{ typeUrl: MsgSubmitProposalV1Beta1.typeUrl, value: MsgSubmitProposalV1Beta1.fromPartial({ content, initialDeposit, proposer: proposer.bech32 }) }];
        return { msgs, tx: env.sign(proposer, msgs), expect };
      }
      const msg = MsgSubmitProposal.fromPartial({ messages, initialDeposit, proposer: proposer.bech32, metadata, title, summary, expedited });
      const msgs = [{ typeUrl: MsgSubmitProposal.typeUrl, value: msg }];
      return { msgs, tx: env.sign(proposer, msgs, { mode: "direct" }), expect };
    },
  });

  const deposit = (variant: "ok" | "wrong-denom"): SimOperation => ({
    name: variant === "ok" ? "deposit" : "deposit-wrong-denom",
    weight: variant === "ok" ? 8 : 1,
    generate(env) {
      const all = proposals(env);
      const active = all.filter(isActive);
      const waiting = all.filter((q) => q.status === ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD);
      const p = env.r.maybePick(waiting.length > 0 && env.r.chance(2, 3) ? waiting : active.length > 0 && env.r.chance(9, 10) ? active : all);
      if (p === undefined) return undefined;
      const from = env.accounts.random(env.r);
      const params = k.getParams(env.ctx);
      let amount: Coins;
      if (variant === "wrong-denom") {
        amount = coinsOf([coin(FOREIGN_DENOM, env.r.bigint(1n, 1_000_000n))]);
      } else {
        const min = minDepositFor(params, p.expedited).amountOf(env.denom).toBigInt();
        const total = coinsOf(p.totalDeposit).amountOf(env.denom).toBigInt();
        const a = depositAmount(env, from, params, p.expedited, 0n, min > total ? min - total : 0n);
        if (a === undefined) return undefined;
        amount = coinsOf([coin(env.denom, a)]);
      }
      const expect = !isActive(p) ? expectError(ErrInactiveProposal) : (depositChecks(params, p.expedited, amount) ?? EXPECT_OK);
      const msg = MsgDeposit.fromPartial({ proposalId: p.id, depositor: from.bech32, amount: amount.toArray().map((c) => coin(c.denom, c.amount.toBigInt())) });
      const msgs = [{ typeUrl: MsgDeposit.typeUrl, value: msg }];
      return { msgs, tx: env.sign(from, msgs), expect };
    },
  });

  /** Mostly accounts with stake (delegators, operators among them), now and then anyone. */
  const voter = (env: OpEnv): SimAccount | undefined => {
    if (env.r.chance(1, 5)) return env.accounts.random(env.r);
    const d = env.r.maybePick([...staking.allDelegations(staking.store(env.ctx))]);
    return d === undefined ? env.accounts.random(env.r) : env.accounts.get(staking.addresses.decodeAccount(d.delegatorAddress));
  };

  const OPTIONS = [VoteOption.VOTE_OPTION_YES, VoteOption.VOTE_OPTION_ABSTAIN, VoteOption.VOTE_OPTION_NO, VoteOption.VOTE_OPTION_NO_WITH_VETO] as const;

  /** A proposal in its voting period (active) or not (inactive: deposit period or ended). */
  const pickProposal = (env: OpEnv, active: boolean): Proposal | undefined =>
    env.r.maybePick(proposals(env).filter((p) => (p.status === ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD) === active));

  const vote = (variant: "active" | "inactive" | "invalid-option"): SimOperation => ({
    name: variant === "active" ? "vote" : `vote-${variant}`,
    weight: variant === "active" ? 30 : 1,
    generate(env) {
      const p = pickProposal(env, variant !== "inactive");
      const who = voter(env);
      if (p === undefined || who === undefined) return undefined;
      const option = variant === "invalid-option" ? env.r.pick([VoteOption.VOTE_OPTION_UNSPECIFIED, 5, 9] as VoteOption[]) : env.r.pick(OPTIONS);
      // msgServer.Vote checks the option before AddVote checks the proposal.
      const expect = variant === "invalid-option" ? expectError(ErrInvalidVote) : variant === "inactive" ? expectError(ErrInactiveProposal) : EXPECT_OK;
      if (variant !== "invalid-option" && env.r.chance(1, 3)) {
        const msgs = [{ typeUrl: MsgVoteV1Beta1.typeUrl, value: MsgVoteV1Beta1.fromPartial({ proposalId: p.id, voter: who.bech32, option }) }];
        return { msgs, tx: env.sign(who, msgs), expect };
      }
      const msgs = [{ typeUrl: MsgVote.typeUrl, value: MsgVote.fromPartial({ proposalId: p.id, voter: who.bech32, option, metadata: env.r.chance(1, 4) ? env.r.text(0, 50) : "" }) }];
      // The SDK's amino JSON of v1 MsgVote drops an invalid option's enum name: direct only then.
      return { msgs, tx: env.sign(who, msgs, variant === "invalid-option" ? { mode: "direct" } : {}), expect };
    },
  });

  /** Weights (per mille) over 2 to 4 distinct options, summing to 1000 unless `off` by some. */
  const weights = (r: SimRandom, off: boolean): WeightedVoteOption[] => {
    const options = r.shuffle([...OPTIONS]).slice(0, r.int(2, 4));
    let left = 1000;
    const out: WeightedVoteOption[] = [];
    options.forEach((option, i) => {
      const w = i === options.length - 1 ? left : r.int(1, left - (options.length - 1 - i));
      left -= w;
      out.push({ option, weight: perMille(w).toString() });
    });
    if (off) {
      const last = out[out.length - 1] as WeightedVoteOption;
      const w = Dec.fromString(last.weight);
      out[out.length - 1] = { option: last.option, weight: (r.chance(1, 2) && w.gt(perMille(1)) ? w.sub(perMille(1)) : w.add(perMille(1))).toString() };
    }
    return out;
  };

  const voteWeighted = (valid: boolean): SimOperation => ({
    name: valid ? "vote-weighted" : "vote-weighted-bad-weights",
    weight: valid ? 10 : 1,
    generate(env) {
      const p = pickProposal(env, true);
      const who = voter(env);
      if (p === undefined || who === undefined) return undefined;
      const options = weights(env.r, !valid);
      const msgs = [{ typeUrl: MsgVoteWeighted.typeUrl, value: MsgVoteWeighted.fromPartial({ proposalId: p.id, voter: who.bech32, options }) }];
      return { msgs, tx: env.sign(who, msgs), expect: valid ? EXPECT_OK : expectError(ErrInvalidVote) };
    },
  });

  const cancel = (byProposer: boolean): SimOperation => ({
    name: byProposer ? "cancel-proposal" : "cancel-proposal-not-proposer",
    weight: byProposer ? 3 : 1,
    generate(env) {
      const p = env.r.maybePick(proposals(env).filter(isActive));
      if (p === undefined) return undefined;
      const owner = env.accounts.get(k.addresses.decodeAccount(p.proposer));
      const signer = byProposer ? owner : owner === undefined ? env.accounts.random(env.r) : env.accounts.randomOther(env.r, owner);
      if (signer === undefined) return undefined;
      let expect: Expectation = EXPECT_OK;
      if (!byProposer) expect = expectError(ErrInvalidProposer);
      else if (p.votingEndTime !== undefined && timestampToNanos(p.votingEndTime) < timestampToNanos(env.time)) expect = expectError(ErrVotingPeriodEnded);
      const msgs = [{ typeUrl: MsgCancelProposal.typeUrl, value: MsgCancelProposal.fromPartial({ proposalId: p.id, proposer: signer.bech32 }) }];
      // No amino form in the SDK: direct only.
      const after = (ctx: OpEnv["ctx"]): string | undefined =>
        expect.ok && (k.getProposal(ctx, p.id) !== undefined || [...k.deposits(k.store(ctx), p.id)].length > 0) ? `proposal ${p.id} or its deposits outlived its cancellation` : undefined;
      return { msgs, tx: env.sign(signer, msgs, { mode: "direct" }), expect, after };
    },
  });

  const updateParams = (variant: "authority" | "unauthorized" | "invalid"): SimOperation => ({
    name: variant === "authority" ? "update-params" : `update-params-${variant}`,
    weight: variant === "authority" ? 2 : 1,
    generate(env) {
      const signer = variant === "unauthorized" ? (env.accounts.randomOther(env.r, env.authority) ?? env.authority) : env.authority;
      const params = randomGovParams(env.r, env.denom, cancelDests(env));
      if (variant === "invalid") params.expeditedThreshold = params.threshold;
      const msgs = [{ typeUrl: MsgUpdateParams.typeUrl, value: MsgUpdateParams.fromPartial({ authority: signer.bech32, params }) }];
      const expect = signer !== env.authority ? expectError(ErrInvalidSigner) : variant === "invalid" ? expectError(ErrInternal) : EXPECT_OK;
      return { msgs, tx: env.sign(signer, msgs), expect };
    },
  });

  const invariants = (
    [
      ["deposits", moduleAccountInvariant],
      ["running-tally", runningTallyInvariant],
    ] as const
  ).map(([name, check]) => ({ name, check: (i: InvariantEnv) => sdkFormat(check(i.ctx, k)) }));

  return {
    module: "gov",
    exportDifferences: GOV_EXPORT_DIFFERENCES,
    genesis(g) {
      const params = randomGovParams(g.r, g.denom, g.r.chance(1, 4) ? [poolAddress] : g.accounts.map((a) => a.bech32));
      g.appState["gov"] = govGenesisToJson({ ...defaultGovGenesis(g.denom), params });
    },
    operations: [
      submit("text"),
      submit("metadata"),
      submit("v1beta1-text"),
      submit("update-params"),
      submit("none"),
      submit("wrong-signer"),
      deposit("ok"),
      deposit("wrong-denom"),
      vote("active"),
      vote("inactive"),
      vote("invalid-option"),
      voteWeighted(true),
      voteWeighted(false),
      cancel(true),
      cancel(false),
      updateParams("authority"),
      updateParams("unauthorized"),
      updateParams("invalid"),
    ],
    invariants,
  };
}

/**
 * What an export of gov cannot carry (the SDK's genesis has only the votes that count): plumed's
 * running-tally bookkeeping. The running tallies themselves (0x90) are compared byte for byte: the
 * imported app rebuilds them from the exported votes, so they check that those votes survived.
 */
export const GOV_EXPORT_DIFFERENCES: readonly ExportDifference[] = [
  {
    store: GOV_STORE,
    prefix: Uint8Array.of(0x20),
    reason: "votes that no longer count (an earlier voting round of an expedited proposal turned regular, or an ended proposal's, pruned later) stay stored; an export carries the counted ones",
  },
  { store: GOV_STORE, prefix: Uint8Array.of(0x91), reason: "the voter index records each vote's voting round, which the genesis format does not have (an import starts at round 0)" },
  { store: GOV_STORE, prefix: Uint8Array.of(0x92), reason: "the queue of ended proposals whose votes are still to be pruned is not in the genesis format" },
  { store: GOV_STORE, prefix: Uint8Array.of(0x93), reason: "voting rounds (an expedited proposal turned regular) are not in the genesis format" },
];

function sdkFormat(res: InvariantResult): { broken: boolean; message: string } {
  return { broken: res.broken, message: `gov: ${res.name} invariant\n${res.message}\n` };
}
