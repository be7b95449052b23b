/**
 * x/gov's keeper: the sole owner of the "gov" store. Semantics are Cosmos SDK v0.50's
 * (x/gov/keeper/{proposal,deposit,vote,tally,msg_server}.go, abci.go); each method names the SDK
 * function it mirrors. The tally is plumed's running tally (tally.ts): kept current by votes and
 * by staking hooks (hooks.ts), so ending a proposal costs O(bonded validators).
 *
 * Votes of a proposal that has left its voting period are removed in bounded batches by the
 * following EndBlocks (PruneQueue) instead of all at once; they are invisible from the moment the
 * period ends (queries and genesis only show votes of proposals in their voting period), as the
 * SDK's deletion inside the tally makes them. An expedited proposal turned regular starts a new
 * voting round: the earlier round's votes stop counting (state-keys.ts, 0x93), as the SDK's tally
 * deleted them.
 *
 * `GovReader` reads any KVStoreReader (queries at a height, genesis export); `GovKeeper` adds the
 * writes, always through a Context.
 */
import { ProposalStatus, VoteOption, type Deposit, type Proposal, type TallyResult, type Vote, type WeightedVoteOption } from "cosmjs-types/cosmos/gov/v1/gov";
import { TextProposal } from "cosmjs-types/cosmos/gov/v1beta1/gov";
import type { Any } from "cosmjs-types/google/protobuf/any";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import type { AddressCodec } from "../../app/address";
import { moduleAddress } from "../../app/address";
import type { AuthorityMsgExecutor, AuthorityMsgRouter } from "../../app/authority-msgs";
import { nanosToTimestamp, timestampToNanos, type Context } from "../../app/context";
import { AppError, ErrInvalidAddress, ErrInvalidCoins, ErrInvalidRequest } from "../../app/errors";
import { infiniteGasMeter } from "../../app/gas";
import { Coin, Coins, Dec, Int } from "../../app/math";
import { goTrimSpace } from "../../app/math/go-compat";
import type { KVStore, KVStoreReader } from "../../app/store/types";
import {
  ErrInactiveProposal,
  ErrInvalidDepositDenom,
  ErrInvalidProposal,
  ErrInvalidProposalContent,
  ErrInvalidProposalMsg,
  ErrInvalidProposer,
  ErrInvalidSigner,
  ErrInvalidVote,
  ErrMetadataTooLong,
  ErrMinDepositTooSmall,
  ErrNoProposalHandlerExists,
  ErrSummaryTooLong,
  ErrUnroutableProposalMsg,
  ErrVotingPeriodEnded,
} from "./errors";
import {
  activeProposalEvent,
  cancelProposalEvent,
  inactiveProposalEvent,
  proposalDepositEvent,
  proposalVoteEvent,
  submitProposalEvent,
  type ProposalResult,
} from "./events";
import type { GovAccountKeeper, GovBankKeeper, GovDistributionKeeper, GovPoolKeeper, GovStakingKeeper } from "./expected-keepers";
import { coinsOf, durationNanos, minDepositFor, paramDec, parseDec, scaleCoin, validateGovParams, type Params } from "./params";
import {
  ActiveQueue,
  ConstitutionItem,
  Deposits,
  GOV_STORE,
  InactiveQueue,
  ParamsItem,
  PoolTallies,
  ProposalIdItem,
  Proposals,
  PruneQueue,
  ValidatorTallies,
  VoterProposals,
  Votes,
  VotingRounds,
  VotingPeriodProposals,
  proposalPrefix,
  queueEndAfter,
  voterPrefix,
  type ValidatorTally,
} from "./state-keys";
import { EMPTY_TALLY_RESULT, EMPTY_VALIDATOR_TALLY, addTallies, applyDelegation, isEmptyTally, poolVoters, sumTally, tallyOutcome, type TallyOutcome, type TallySums, type TallyValidator } from "./tally";

export const GOV_MODULE_NAME = "gov";
/** types.DefaultConfig().MaxMetadataLen: metadata and titles; summaries may be 40 times longer. */
export const MAX_METADATA_LEN = 255;
/** How many stored entries (votes, their index, tallies) of ended proposals one EndBlock removes. */
export const PRUNE_BATCH = 2000;
/** The legacy content types MsgExecLegacyContent can carry (simapp's legacy router: "gov" only). */
export const TEXT_PROPOSAL_TYPE_URL = "/cosmos.gov.v1beta1.TextProposal";
/** v1beta1 MaxTitleLength / MaxDescriptionLength. */
const MAX_TITLE_LENGTH = 140;
const MAX_DESCRIPTION_LENGTH = 10000;

const EXEC_PREFIX = /^failed to execute message; message index: (\d+): /;

export function statusName(s: ProposalStatus): string {
  return ProposalStatus[s] ?? String(s);
}

export function voteOptionName(o: VoteOption): string {
  return VoteOption[o] ?? String(o);
}

/** WeightedVoteOption.String() (gogoproto text form), for error texts. */
export function weightedOptionString(o: WeightedVoteOption): string {
  return `option:${voteOptionName(o.option)} weight:${JSON.stringify(o.weight)} `.trim();
}

/** ValidWeightedVoteOption: a known option and a weight in (0, 1]. */
export function validWeightedOption(o: WeightedVoteOption): boolean {
  const w = parseDec(o.weight);
  if (typeof w === "string" || !w.isPositive() || w.gt(Dec.one())) return false;
  return validVoteOption(o.option);
}

export function validVoteOption(o: VoteOption): boolean {
  return (
    o === VoteOption.VOTE_OPTION_YES || o === VoteOption.VOTE_OPTION_ABSTAIN || o === VoteOption.VOTE_OPTION_NO || o === VoteOption.VOTE_OPTION_NO_WITH_VETO
  );
}

/**
 * v1beta1 TextProposal's ValidateBasic (ValidateAbstract), with the SDK's texts: a title of Go
 * whitespace only is blank; lengths are in UTF-8 bytes, as Go's len().
 */
export function validateTextProposal(p: TextProposal): void {
  if (goTrimSpace(p.title).length === 0) throw ErrInvalidProposalContent.wrap("proposal title cannot be blank");
  if (utf8Length(p.title) > MAX_TITLE_LENGTH) throw ErrInvalidProposalContent.wrap(`proposal title is longer than max length of ${MAX_TITLE_LENGTH}`);
  if (p.description.length === 0) throw ErrInvalidProposalContent.wrap("proposal description cannot be blank");
  if (utf8Length(p.description) > MAX_DESCRIPTION_LENGTH) {
    throw ErrInvalidProposalContent.wrap(`proposal description is longer than max length of ${MAX_DESCRIPTION_LENGTH}`);
  }
}

export class GovReader {
  constructor(readonly addresses: AddressCodec) {}

  /** The gov module account's address: the only signer a proposal's messages may have. */
  readonly moduleAddress: Uint8Array = moduleAddress(GOV_MODULE_NAME);

  get moduleAccount(): string {
    return this.addresses.encodeAccount(this.moduleAddress);
  }

  params(store: KVStoreReader): Params {
    const p = ParamsItem.get(store);
    if (p === undefined) throw new Error("gov params are not set");
    return p;
  }

  constitution(store: KVStoreReader): string {
    return ConstitutionItem.get(store) ?? "";
  }

  /** ProposalID.Peek: the id the next proposal gets. */
  nextProposalId(store: KVStoreReader): bigint {
    return ProposalIdItem.get(store) ?? 0n;
  }

  proposal(store: KVStoreReader, id: bigint): Proposal | undefined {
    return Proposals.get(store, id);
  }

  *proposals(store: KVStoreReader): IterableIterator<Proposal> {
    for (const [, p] of Proposals.entries(store)) yield p;
  }

  deposit(store: KVStoreReader, id: bigint, depositor: Uint8Array): Deposit | undefined {
    return Deposits.get(store, [id, depositor]);
  }

  *deposits(store: KVStoreReader, id?: bigint): IterableIterator<Deposit> {
    for (const [, d] of Deposits.entries(store, id === undefined ? {} : { subPrefix: proposalPrefix(id) })) yield d;
  }

  inVotingPeriod(store: KVStoreReader, id: bigint): boolean {
    return VotingPeriodProposals.has(store, id);
  }

  /** The proposal's voting round: 0, or 1 once an expedited proposal has become regular. */
  votingRound(store: KVStoreReader, id: bigint): bigint {
    return VotingRounds.get(store, id) ?? 0n;
  }

  /** Whether the stored vote of `voter` counts: cast in the proposal's current voting round. */
  isCurrentVote(store: KVStoreReader, id: bigint, voter: Uint8Array): boolean {
    const round = VoterProposals.get(store, [voter, id]);
    return round !== undefined && round === this.votingRound(store, id);
  }

  /** The vote that counts: in its proposal's voting period and current round (see the header). */
  currentVote(store: KVStoreReader, id: bigint, voter: Uint8Array): Vote | undefined {
    if (!this.isCurrentVote(store, id, voter)) return undefined;
    return Votes.get(store, [id, voter]);
  }

  /** A vote, visible only while its proposal is in its voting period (see the header). */
  vote(store: KVStoreReader, id: bigint, voter: Uint8Array): Vote | undefined {
    if (!this.inVotingPeriod(store, id)) return undefined;
    return this.currentVote(store, id, voter);
  }

  /** Every visible vote: of proposals in their voting period and current round, by (id, voter). */
  *votes(store: KVStoreReader): IterableIterator<Vote> {
    for (const [id] of VotingPeriodProposals.entries(store)) {
      for (const [[, voter], v] of Votes.entries(store, { subPrefix: proposalPrefix(id) })) if (this.isCurrentVote(store, id, voter)) yield v;
    }
  }

  validatorTally(store: KVStoreReader, id: bigint, operator: Uint8Array): ValidatorTally {
    return ValidatorTallies.get(store, [id, operator]) ?? EMPTY_VALIDATOR_TALLY;
  }

  /** The units (in `shares`) of the voting members of the validator's restaking pool. */
  poolTally(store: KVStoreReader, id: bigint, operator: Uint8Array): ValidatorTally {
    return PoolTallies.get(store, [id, operator]) ?? EMPTY_VALIDATOR_TALLY;
  }
}

export interface GovKeeperOptions {
  readonly addresses: AddressCodec;
  readonly accounts: GovAccountKeeper;
  readonly bank: GovBankKeeper;
  readonly staking: GovStakingKeeper;
  /** The app's message router (baseapp's MsgServiceRouter): what proposals may carry. */
  readonly router: AuthorityMsgRouter;
  /** Runs a passed proposal's messages as the gov module account. */
  readonly executor: AuthorityMsgExecutor;
  /**
   * The community pool, for a proposal_cancel_dest that is the distribution module account
   * (`distributionAddress`); without it such a destination is an ordinary account.
   */
  readonly distribution?: { readonly keeper: GovDistributionKeeper; readonly address: Uint8Array };
  /** Who may sign gov's MsgUpdateParams (the gov module account unless a test hook says otherwise). */
  readonly authority: string;
}

export interface SubmitProposalArgs {
  readonly messages: readonly Any[];
  readonly metadata: string;
  readonly title: string;
  readonly summary: string;
  readonly proposer: Uint8Array;
  readonly expedited: boolean;
}

export class GovKeeper extends GovReader {
  readonly accounts: GovAccountKeeper;
  readonly bank: GovBankKeeper;
  readonly staking: GovStakingKeeper;
  readonly router: AuthorityMsgRouter;
  readonly executor: AuthorityMsgExecutor;
  readonly authority: string;
  readonly distribution: { readonly keeper: GovDistributionKeeper; readonly address: Uint8Array } | undefined;

  constructor(options: GovKeeperOptions) {
    super(options.addresses);
    this.accounts = options.accounts;
    this.bank = options.bank;
    this.staking = options.staking;
    this.router = options.router;
    this.executor = options.executor;
    this.authority = options.authority;
    this.distribution = options.distribution;
  }

  /** x/restaking's pools (GovPoolKeeper), set once at wiring; without it no stake is pooled. */
  private pools: GovPoolKeeper | undefined;

  setPools(pools: GovPoolKeeper): void {
    this.pools = pools;
  }

  /** The pools set at wiring (invariants, tests). */
  get poolKeeper(): GovPoolKeeper | undefined {
    return this.pools;
  }

  store(ctx: Context): KVStore {
    return ctx.kvStore(GOV_STORE);
  }

  /** The running tally's bookkeeping is not charged to the tx that triggers it (see docs/gov.md). */
  private unmetered(ctx: Context): Context {
    return ctx.withGasMeter(infiniteGasMeter());
  }

  // --- params -----------------------------------------------------------------------------

  getParams(ctx: Context): Params {
    return this.params(this.store(ctx));
  }

  setParams(ctx: Context, params: Params): void {
    ParamsItem.set(this.store(ctx), params);
  }

  /** MsgUpdateParams: authority (gov/13), Params.ValidateBasic, save. */
  updateParams(ctx: Context, authority: string, params: Params | undefined): void {
    if (authority !== this.authority) throw ErrInvalidSigner.wrap(`invalid authority; expected ${this.authority}, got ${authority}`);
    if (params === undefined) throw ErrInvalidRequest.wrap("params cannot be nil");
    validateGovParams(params, this.addresses);
    this.setParams(ctx, params);
  }

  setConstitution(ctx: Context, constitution: string): void {
    ConstitutionItem.set(this.store(ctx), constitution);
  }

  setNextProposalId(ctx: Context, id: bigint): void {
    ProposalIdItem.set(this.store(ctx), id);
  }

  getProposal(ctx: Context, id: bigint): Proposal | undefined {
    return this.proposal(this.store(ctx), id);
  }

  /** SetProposal: the voting-period index follows the status. */
  setProposal(ctx: Context, p: Proposal): void {
    const store = this.store(ctx);
    if (p.status === ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD) VotingPeriodProposals.set(store, p.id, Uint8Array.of(1));
    else VotingPeriodProposals.delete(store, p.id);
    Proposals.set(store, p.id, p);
  }

  /** DeleteProposal: the proposal, its queue entries and its voting-period index. */
  deleteProposal(ctx: Context, p: Proposal): void {
    const store = this.store(ctx);
    if (p.depositEndTime !== undefined) InactiveQueue.delete(store, [p.depositEndTime, p.id]);
    if (p.votingEndTime !== undefined) {
      ActiveQueue.delete(store, [p.votingEndTime, p.id]);
      VotingPeriodProposals.delete(store, p.id);
    }
    Proposals.delete(store, p.id);
  }

  // --- submission ---------------------------------------------------------------------------

  private assertMetadataLength(metadata: string): void {
    if (metadata !== "" && utf8Length(metadata) > MAX_METADATA_LEN) throw ErrMetadataTooLong.wrap(`got metadata with length ${utf8Length(metadata)}`);
  }

  private assertSummaryLength(summary: string): void {
    if (summary !== "" && utf8Length(summary) > 40 * MAX_METADATA_LEN) throw ErrSummaryTooLong.wrap(`got summary with length ${utf8Length(summary)}`);
  }

  /**
   * Keeper.SubmitProposal: each message routable (gov/10), valid (gov/12), signed by the gov
   * account alone (gov/13), legacy content dry-run; then the proposal in its deposit period.
   */
  submitProposal(ctx: Context, args: SubmitProposalArgs): Proposal {
    this.assertMetadataLength(args.metadata);
    this.assertSummaryLength(args.summary);
    this.assertMetadataLength(args.title);
    for (const any of args.messages) {
      // GetGovernanceAccount per message, as the SDK (the account read is part of the gas).
      const gov = this.addresses.encodeAccount(this.accounts.getModuleAccount(ctx, GOV_MODULE_NAME).address);
      if (!this.router.has(any.typeUrl)) throw ErrUnroutableProposalMsg.wrap(any.typeUrl);
      const def = this.router.handler(any.typeUrl);
      let msg: unknown;
      try {
        msg = def.codec.decode(any.value);
      } catch (err) {
        throw ErrInvalidProposalMsg.wrap(`${any.typeUrl}: ${(err as Error).message}`);
      }
      try {
        def.validateBasic?.(msg);
      } catch (err) {
        throw ErrInvalidProposalMsg.wrap((err as Error).message);
      }
      const signers = def.signers(msg);
      if (signers.length !== 1) throw ErrInvalidSigner.wrap();
      if (signers[0] !== gov) throw ErrInvalidSigner.wrap(signers[0] ?? "");
      if (any.typeUrl === "/cosmos.gov.v1.MsgExecLegacyContent") {
        try {
          def.handle(ctx.branch(), msg);
        } catch (err) {
          if (ErrNoProposalHandlerExists.is(err)) throw err;
          throw ErrInvalidProposalContent.wrap((err as Error).message);
        }
      }
    }
    const store = this.store(ctx);
    const id = this.nextProposalId(store);
    ProposalIdItem.set(store, id + 1n);
    const params = this.getParams(ctx);
    const submitTime = ctx.blockTime;
    const depositEndTime = addNanos(submitTime, durationNanos(params.maxDepositPeriod));
    const proposal: Proposal = {
      id,
      messages: [...args.messages],
      status: ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD,
      finalTallyResult: EMPTY_TALLY_RESULT,
      submitTime,
      depositEndTime,
      totalDeposit: [],
      metadata: args.metadata,
      title: args.title,
      summary: args.summary,
      proposer: this.addresses.encodeAccount(args.proposer),
      expedited: args.expedited,
      failedReason: "",
    };
    this.setProposal(ctx, proposal);
    InactiveQueue.set(store, [depositEndTime, id], id);
    ctx.events.emit(
      submitProposalEvent(
        id,
        proposal.proposer,
        args.messages.map((m) => m.typeUrl),
      ),
    );
    return proposal;
  }

  /** validateInitialDeposit: valid coins, and at least min_deposit × min_initial_deposit_ratio. */
  validateInitialDeposit(params: Params, initialDeposit: Coins, expedited: boolean): void {
    if (!initialDeposit.isValid() || initialDeposit.isAnyNegative()) throw ErrInvalidCoins.wrap(initialDeposit.toString());
    const ratio = paramDec(params.minInitialDepositRatio);
    if (ratio.isZero()) return;
    const required = Coins.unchecked(
      minDepositFor(params, expedited)
        .toArray()
        .map((c) => scaleCoin(c, ratio, "round")),
    );
    if (!initialDeposit.isAllGTE(required)) throw ErrMinDepositTooSmall.wrap(`was (${initialDeposit.toString()}), need (${required.toString()})`);
  }

  /** validateDepositDenom: every deposited denom among min_deposit's (gov/23). */
  validateDepositDenom(params: Params, amount: Coins): void {
    const denoms = params.minDeposit.map((c) => c.denom);
    for (const c of amount.toArray()) {
      if (!denoms.includes(c.denom)) {
        throw ErrInvalidDepositDenom.wrap(`deposited ${amount.toString()}, but gov accepts only the following denom(s): [${denoms.join(" ")}]`);
      }
    }
  }

  // --- deposits -----------------------------------------------------------------------------

  /**
   * AddDeposit: the proposal must be in its deposit or voting period (gov/3); accepted denoms
   * (gov/23); some coin at least min_deposit × min_deposit_ratio (gov/16); coins to the gov
   * account; voting starts when the total reaches the min deposit. Returns whether it started.
   */
  addDeposit(ctx: Context, id: bigint, depositor: Uint8Array, amount: Coins): boolean {
    const proposal = this.getProposal(ctx, id);
    if (proposal === undefined) throw proposalNotFound(id);
    if (proposal.status !== ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD && proposal.status !== ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD) {
      throw ErrInactiveProposal.wrap(`${id}`);
    }
    const params = this.getParams(ctx);
    const minDeposit = minDepositFor(params, proposal.expedited);
    const ratio = paramDec(params.minDepositRatio);
    this.validateDepositDenom(params, amount);
    if (!ratio.isZero()) {
      const thresholds: string[] = [];
      let met = false;
      for (const min of minDeposit.toArray()) {
        const threshold = scaleCoin(min, ratio, "truncate");
        thresholds.push(threshold.toString());
        const found = amount.toArray().find((c) => c.denom === min.denom);
        if (found === undefined) continue;
        if (found.amount.gte(threshold.amount)) {
          met = true;
          break;
        }
      }
      if (!met) throw ErrMinDepositTooSmall.wrap(`received ${amount.toString()} but need at least one of the following: ${thresholds.join(",")}`);
    }
    this.bank.sendCoinsFromAccountToModule(ctx, depositor, GOV_MODULE_NAME, amount);
    const total = Coins.of(...coinsOf(proposal.totalDeposit).toArray()).add(amount);
    const updated: Proposal = { ...proposal, totalDeposit: total.toProto() };
    this.setProposal(ctx, updated);
    let started = false;
    if (updated.status === ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD && total.isAllGTE(minDeposit)) {
      this.activateVotingPeriod(ctx, updated);
      started = true;
    }
    const store = this.store(ctx);
    const existing = Deposits.get(store, [id, depositor]);
    const depositorStr = this.addresses.encodeAccount(depositor);
    const deposit: Deposit =
      existing !== undefined
        ? { ...existing, amount: Coins.of(...coinsOf(existing.amount).toArray()).add(amount).toProto() }
        : { proposalId: id, depositor: depositorStr, amount: amount.toProto() };
    ctx.events.emit(proposalDepositEvent(depositorStr, amount.toString(), id));
    Deposits.set(store, [id, depositor], deposit);
    return started;
  }

  /** ActivateVotingPeriod: voting from now for the (expedited) voting period. */
  private activateVotingPeriod(ctx: Context, p: Proposal): Proposal {
    // The SDK reads the params again here (gas).
    const params = this.getParams(ctx);
    const start = ctx.blockTime;
    const period = p.expedited ? params.expeditedVotingPeriod : params.votingPeriod;
    const end = addNanos(start, durationNanos(period));
    const updated: Proposal = { ...p, votingStartTime: start, votingEndTime: end, status: ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD };
    this.setProposal(ctx, updated);
    const store = this.store(ctx);
    if (p.depositEndTime !== undefined) InactiveQueue.delete(store, [p.depositEndTime, p.id]);
    ActiveQueue.set(store, [end, p.id], p.id);
    return updated;
  }

  /** RefundAndDeleteDeposits. */
  refundAndDeleteDeposits(ctx: Context, id: bigint): void {
    const store = this.store(ctx);
    for (const [key, d] of [...Deposits.entries(store, { subPrefix: proposalPrefix(id) })]) {
      this.bank.sendCoinsFromModuleToAccount(ctx, GOV_MODULE_NAME, key[1], coinsOf(d.amount));
      Deposits.delete(store, key);
    }
  }

  /** DeleteAndBurnDeposits. */
  deleteAndBurnDeposits(ctx: Context, id: bigint): void {
    const store = this.store(ctx);
    let burn = Coins.empty();
    for (const [key, d] of [...Deposits.entries(store, { subPrefix: proposalPrefix(id) })]) {
      burn = burn.add(Coins.of(...coinsOf(d.amount).toArray()));
      Deposits.delete(store, key);
    }
    this.bank.burnCoins(ctx, GOV_MODULE_NAME, burn);
  }

  /**
   * ChargeDeposit (cancel): proposal_cancel_ratio of each deposit (truncated) is burned ("" dest),
   * put in the community pool (the distribution module account as dest: FundCommunityPool from the
   * gov account, as the SDK does) or sent to the dest account; the rest refunded.
   */
  private chargeDeposit(ctx: Context, id: bigint, dest: string, rate: Dec): void {
    const store = this.store(ctx);
    let charges = Coins.empty();
    for (const [key, d] of [...Deposits.entries(store, { subPrefix: proposalPrefix(id) })]) {
      let remaining = Coins.empty();
      for (const c of coinsOf(d.amount).toArray()) {
        const burn = Dec.fromInt(c.amount).mul(rate).truncateInt();
        remaining = remaining.add(Coins.of(Coin.unchecked(c.denom, c.amount.sub(burn))));
        charges = charges.add(Coins.of(Coin.unchecked(c.denom, burn)));
      }
      if (!remaining.isZero()) this.bank.sendCoinsFromModuleToAccount(ctx, GOV_MODULE_NAME, key[1], remaining);
      Deposits.delete(store, key);
    }
    if (charges.isZero()) return;
    if (dest === "") {
      this.bank.burnCoins(ctx, GOV_MODULE_NAME, charges);
    } else if (this.distribution !== undefined && dest === this.addresses.encodeAccount(this.distribution.address)) {
      this.distribution.keeper.fundCommunityPool(ctx, charges, moduleAddress(GOV_MODULE_NAME));
    } else {
      this.bank.sendCoinsFromModuleToAccount(ctx, GOV_MODULE_NAME, this.addresses.decodeAccount(dest), charges);
    }
  }

  /** CancelProposal: the proposer alone, before its voting period ends. */
  cancelProposal(ctx: Context, id: bigint, proposer: string): void {
    const proposal = this.getProposal(ctx, id);
    if (proposal === undefined) throw proposalNotFound(id);
    if (proposal.proposer === "") throw ErrInvalidProposal.wrap(`proposal ${id} doesn't have proposer ${proposer}, so cannot be canceled`);
    if (proposal.proposer !== proposer) throw ErrInvalidProposer.wrap(`invalid proposer ${proposer}`);
    if (proposal.status !== ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD && proposal.status !== ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD) {
      throw ErrInvalidProposal.wrap("proposal should be in the deposit or voting period");
    }
    if (proposal.votingEndTime !== undefined && timestampToNanos(proposal.votingEndTime) < timestampToNanos(ctx.blockTime)) {
      throw ErrVotingPeriodEnded.wrap(`voting period is already ended for this proposal ${id}`);
    }
    const params = this.getParams(ctx);
    this.chargeDeposit(ctx, id, params.proposalCancelDest, paramDec(params.proposalCancelRatio));
    if (proposal.votingStartTime !== undefined) PruneQueue.set(this.store(ctx), id, true);
    this.deleteProposal(ctx, proposal);
    ctx.logger.info("proposal is canceled by proposer", { proposal: id, proposer: proposal.proposer });
    ctx.events.emit(cancelProposalEvent(proposer, id));
  }

  // --- votes and the running tally ---------------------------------------------------------

  /** AddVote: in the voting period only (gov/3), valid options (gov/7); replaces an earlier vote. */
  addVote(ctx: Context, id: bigint, voter: Uint8Array, options: readonly WeightedVoteOption[], metadata: string): void {
    const store = this.store(ctx);
    if (!VotingPeriodProposals.has(store, id)) throw ErrInactiveProposal.wrap(`${id}`);
    this.assertMetadataLength(metadata);
    for (const o of options) if (!validWeightedOption(o)) throw ErrInvalidVote.wrap(weightedOptionString(o));
    // The previous vote matters only to the running tally: read unmetered, as the SDK reads nothing.
    const previous = this.currentVote(this.store(this.unmetered(ctx)), id, voter);
    const vote: Vote = { proposalId: id, voter: this.addresses.encodeAccount(voter), options: [...options], metadata };
    Votes.set(store, [id, voter], vote);
    this.retally(ctx, id, voter, previous?.options, options);
    ctx.events.emit(proposalVoteEvent(vote.voter, options, id));
  }

  /** Moves a voter's delegations in the running tally of proposal `id` from one vote to another. */
  private retally(ctx: Context, id: bigint, voter: Uint8Array, from: readonly WeightedVoteOption[] | undefined, to: readonly WeightedVoteOption[] | undefined): void {
    const c = this.unmetered(ctx);
    const store = this.store(c);
    if (to !== undefined) VoterProposals.set(store, [voter, id], this.votingRound(store, id));
    for (const d of this.staking.delegatorDelegations(this.staking.store(c), voter)) {
      const operator = this.staking.addresses.decodeValidator(d.validatorAddress);
      const shares = Dec.fromProto(d.shares);
      let t = this.validatorTally(store, id, operator);
      if (from !== undefined) t = applyDelegation(t, shares, from, -1n);
      if (to !== undefined) t = applyDelegation(t, shares, to, 1n);
      this.saveTally(store, id, operator, t);
    }
    // Its stake in restaking pools, as units (O(its memberships)).
    for (const [operator, units] of this.pools?.memberUnits(c, voter) ?? []) {
      let t = this.poolTally(store, id, operator);
      if (from !== undefined) t = applyDelegation(t, units, from, -1n);
      if (to !== undefined) t = applyDelegation(t, units, to, 1n);
      this.savePoolTally(store, id, operator, t);
    }
  }

  private saveTally(store: KVStore, id: bigint, operator: Uint8Array, t: ValidatorTally): void {
    if (isEmptyTally(t)) ValidatorTallies.delete(store, [id, operator]);
    else ValidatorTallies.set(store, [id, operator], t);
  }

  private savePoolTally(store: KVStore, id: bigint, operator: Uint8Array, t: ValidatorTally): void {
    if (isEmptyTally(t)) PoolTallies.delete(store, [id, operator]);
    else PoolTallies.set(store, [id, operator], t);
  }

  /** The proposals in their voting period `voter` has a current vote on, with the vote's options. */
  private liveVotes(store: KVStoreReader, voter: Uint8Array): [bigint, readonly WeightedVoteOption[]][] {
    const out: [bigint, readonly WeightedVoteOption[]][] = [];
    const ids: bigint[] = [];
    for (const [[, id]] of VoterProposals.entries(store, { subPrefix: voterPrefix(voter) })) ids.push(id);
    for (const id of ids) {
      if (!VotingPeriodProposals.has(store, id)) continue;
      const vote = this.currentVote(store, id, voter);
      if (vote !== undefined) out.push([id, vote.options]);
    }
    return out;
  }

  /**
   * x/restaking hook side: the units of `delegator` in the pool of `operator` are about to change
   * (sign -1: they leave the pool tallies) or have changed (sign +1: they enter them), for every
   * proposal in its voting period the delegator voted on. Compounding changes no units.
   */
  memberUnitsChanged(ctx: Context, delegator: Uint8Array, operator: Uint8Array, sign: 1n | -1n): void {
    if (this.pools === undefined) return;
    const c = this.unmetered(ctx);
    const store = this.store(c);
    const votes = this.liveVotes(store, delegator);
    if (votes.length === 0) return;
    const units = this.pools.unitsOf(c, delegator, operator);
    if (!units.isPositive()) return;
    for (const [id, options] of votes) this.savePoolTally(store, id, operator, applyDelegation(this.poolTally(store, id, operator), units, options, sign));
  }

  /**
   * Staking hook side: a delegation of `delegator` to `operator` is about to change (sign -1:
   * its current shares leave the tallies) or has changed (sign +1: its new shares enter them), for
   * every proposal in its voting period the delegator voted on.
   */
  delegationChanged(ctx: Context, delegator: Uint8Array, operator: Uint8Array, sign: 1n | -1n): void {
    const c = this.unmetered(ctx);
    const store = this.store(c);
    const ids: bigint[] = [];
    for (const [[, id]] of VoterProposals.entries(store, { subPrefix: voterPrefix(delegator) })) ids.push(id);
    if (ids.length === 0) return;
    const delegation = this.staking.getDelegation(c, delegator, operator);
    if (delegation === undefined) return;
    const shares = Dec.fromProto(delegation.shares);
    for (const id of ids) {
      if (!VotingPeriodProposals.has(store, id)) continue;
      const vote = this.currentVote(store, id, delegator);
      if (vote === undefined) continue;
      this.saveTally(store, id, operator, applyDelegation(this.validatorTally(store, id, operator), shares, vote.options, sign));
    }
  }

  /**
   * The tally of a proposal in its voting period from the running tallies of the bonded
   * validators (keeper.Tally's result, see tally.ts), without deleting anything.
   */
  tally(ctx: Context, proposal: Proposal): TallyOutcome {
    return tallyOutcome(this.tallySums(ctx, proposal.id), this.staking.totalBondedTokens(ctx), this.getParams(ctx), proposal.expedited);
  }

  /** The running tally's sums over the bonded validators, O(bonded validators). */
  tallySums(ctx: Context, id: bigint): TallySums {
    const store = this.store(ctx);
    const validators: TallyValidator[] = this.staking.getBondedValidatorsByPower(ctx).map((v) => {
      const operator = this.staking.addresses.decodeValidator(v.operatorAddress);
      let voters = this.validatorTally(store, id, operator);
      const pooled = this.poolTally(store, id, operator);
      const pool = isEmptyTally(pooled) ? undefined : this.pools?.poolStake(ctx, operator);
      if (pool !== undefined) voters = addTallies(voters, poolVoters(pooled, pool.shares, pool.totalUnits));
      return {
        bondedTokens: intOf(v.tokens),
        delegatorShares: Dec.fromProto(v.delegatorShares),
        vote: this.currentVote(store, id, operator)?.options,
        voters,
      };
    });
    return sumTally(validators);
  }

  /** The TallyResult query: live for a proposal in its voting period, else the stored one. */
  tallyResult(ctx: Context, proposal: Proposal): TallyResult {
    switch (proposal.status) {
      case ProposalStatus.PROPOSAL_STATUS_DEPOSIT_PERIOD:
        return EMPTY_TALLY_RESULT;
      case ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD:
        return this.tally(ctx, proposal).result;
      default:
        return proposal.finalTallyResult ?? EMPTY_TALLY_RESULT;
    }
  }

  /** Rebuilds every running tally from the stored votes (InitGenesis). */
  rebuildTallies(ctx: Context): void {
    const store = this.store(ctx);
    for (const [key] of [...ValidatorTallies.entries(store)]) ValidatorTallies.delete(store, key);
    for (const [key] of [...PoolTallies.entries(store)]) PoolTallies.delete(store, key);
    for (const [key] of [...VoterProposals.entries(store)]) VoterProposals.delete(store, key);
    for (const [key] of [...VotingRounds.entries(store)]) VotingRounds.delete(store, key);
    for (const [[id, voter], vote] of [...Votes.entries(store)]) this.retally(ctx, id, voter, undefined, vote.options);
  }

  // --- EndBlock -----------------------------------------------------------------------------

  /** abci.go EndBlocker: the inactive queue, then the active queue, then a batch of pruning. */
  endBlock(ctx: Context): void {
    const store = this.store(ctx);
    const until = queueEndAfter(ctx.blockTime);
    for (const [, id] of [...InactiveQueue.entries(store, { end: until })]) this.dropInactive(ctx, id);
    for (const [, id] of [...ActiveQueue.entries(store, { end: until })]) this.endVoting(ctx, id);
    this.prune(ctx, PRUNE_BATCH);
  }

  private dropInactive(ctx: Context, id: bigint): void {
    const proposal = this.getProposal(ctx, id);
    if (proposal === undefined) throw new Error(`proposal ${id} of the inactive queue does not exist`);
    this.deleteProposal(ctx, proposal);
    const params = this.getParams(ctx);
    if (params.burnProposalDepositPrevote) this.deleteAndBurnDeposits(ctx, id);
    else this.refundAndDeleteDeposits(ctx, id);
    ctx.events.emit(inactiveProposalEvent(id, "proposal_dropped"));
    ctx.logger.info("proposal did not meet minimum deposit; deleted", {
      module: "x/gov",
      proposal: id,
      expedited: proposal.expedited,
      title: proposal.title,
      min_deposit: minDepositFor(params, proposal.expedited).toString(),
      total_deposit: Coins.of(...coinsOf(proposal.totalDeposit).toArray()).toString(),
    });
  }

  private endVoting(ctx: Context, id: bigint): void {
    const proposal = this.getProposal(ctx, id);
    if (proposal === undefined || proposal.votingEndTime === undefined) throw new Error(`proposal ${id} of the active queue does not exist`);
    const outcome = this.tally(ctx, proposal);
    if (!(proposal.expedited && !outcome.passes)) {
      if (outcome.burnDeposits) this.deleteAndBurnDeposits(ctx, id);
      else this.refundAndDeleteDeposits(ctx, id);
    }
    const store = this.store(ctx);
    ActiveQueue.delete(store, [proposal.votingEndTime, id]);
    let updated: Proposal;
    let tag: ProposalResult;
    let log: string;
    if (outcome.passes) {
      try {
        const { events } = this.executor.execute(ctx, proposal.messages, this.moduleAccount);
        updated = { ...proposal, status: ProposalStatus.PROPOSAL_STATUS_PASSED };
        tag = "proposal_passed";
        log = "passed";
        ctx.events.emitAll(events);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        const m = EXEC_PREFIX.exec(message);
        const index = m?.[1] ?? "0";
        const reason = m === null ? message : message.slice(m[0].length);
        const typeUrl = proposal.messages[Number(index)]?.typeUrl ?? "";
        updated = { ...proposal, status: ProposalStatus.PROPOSAL_STATUS_FAILED, failedReason: reason };
        tag = "proposal_failed";
        log = `passed, but msg ${index} (${typeUrl}) failed on execution: ${reason}`;
      }
    } else if (proposal.expedited) {
      // Converted to a regular proposal: voting goes on until voting_start + voting_period, from no
      // votes (the SDK's tally deleted them): a new round, whose running tallies start empty.
      this.startNewRound(store, id);
      const end = addNanos(proposal.votingStartTime ?? proposal.votingEndTime, durationNanos(this.getParams(ctx).votingPeriod));
      updated = { ...proposal, expedited: false, votingEndTime: end };
      ActiveQueue.set(store, [end, id], id);
      tag = "expedited_proposal_rejected";
      log = "expedited proposal converted to regular";
    } else {
      updated = { ...proposal, status: ProposalStatus.PROPOSAL_STATUS_REJECTED, failedReason: "proposal did not get enough votes to pass" };
      tag = "proposal_rejected";
      log = "rejected";
    }
    updated = { ...updated, finalTallyResult: outcome.result };
    this.setProposal(ctx, updated);
    if (updated.status !== ProposalStatus.PROPOSAL_STATUS_VOTING_PERIOD) PruneQueue.set(store, id, true);
    ctx.logger.info("proposal tallied", {
      module: "x/gov",
      proposal: id,
      status: statusName(updated.status),
      expedited: updated.expedited,
      title: updated.title,
      results: log,
    });
    ctx.events.emit(activeProposalEvent(id, tag, log));
  }

  /** The votes cast so far stop counting (they stay stored until pruned); O(validators). */
  private startNewRound(store: KVStore, id: bigint): void {
    VotingRounds.set(store, id, this.votingRound(store, id) + 1n);
    const tallies: (readonly [bigint, Uint8Array])[] = [];
    for (const [key] of ValidatorTallies.entries(store, { subPrefix: proposalPrefix(id) })) tallies.push(key);
    for (const key of tallies) ValidatorTallies.delete(store, key);
    const pools: (readonly [bigint, Uint8Array])[] = [];
    for (const [key] of PoolTallies.entries(store, { subPrefix: proposalPrefix(id) })) pools.push(key);
    for (const key of pools) PoolTallies.delete(store, key);
  }

  /**
   * Removes up to `budget` stored entries of proposals that left their voting period: votes with
   * their voter index entries, then the proposal's running tallies. Returns the entries removed.
   */
  prune(ctx: Context, budget: number): number {
    const store = this.store(ctx);
    let removed = 0;
    for (const [id] of [...PruneQueue.entries(store)]) {
      if (removed >= budget) break;
      const votes: (readonly [bigint, Uint8Array])[] = [];
      for (const [key] of Votes.entries(store, { subPrefix: proposalPrefix(id) })) {
        if (votes.length >= budget - removed) break;
        votes.push(key);
      }
      for (const key of votes) {
        Votes.delete(store, key);
        VoterProposals.delete(store, [key[1], id]);
      }
      removed += votes.length;
      if (removed >= budget) break;
      const tallies: (readonly [bigint, Uint8Array])[] = [];
      for (const [key] of ValidatorTallies.entries(store, { subPrefix: proposalPrefix(id) })) tallies.push(key);
      for (const key of tallies) ValidatorTallies.delete(store, key);
      removed += tallies.length;
      const pools: (readonly [bigint, Uint8Array])[] = [];
      for (const [key] of PoolTallies.entries(store, { subPrefix: proposalPrefix(id) })) pools.push(key);
      for (const key of pools) PoolTallies.delete(store, key);
      removed += pools.length;
      VotingRounds.delete(store, id);
      PruneQueue.delete(store, id);
    }
    return removed;
  }

  // --- legacy content -----------------------------------------------------------------------

  /** MsgExecLegacyContent: authority, a known content type and its (empty for text) handler. */
  execLegacyContent(ctx: Context, authority: string, content: Any | undefined): void {
    const gov = this.addresses.encodeAccount(this.accounts.getModuleAccount(ctx, GOV_MODULE_NAME).address);
    if (authority !== gov) throw ErrInvalidSigner.wrap(`expected ${gov} got ${authority}`);
    if (content === undefined || content.typeUrl !== TEXT_PROPOSAL_TYPE_URL) {
      throw ErrInvalidProposalContent.wrap(`expected *v1beta1.Content, got ${content?.typeUrl ?? "<nil>"}`);
    }
    validateTextProposal(TextProposal.decode(content.value));
  }

  /** The depositor's address, with the SDK's message (sdk/7). */
  decodeAddress(address: string, what: string): Uint8Array {
    try {
      return this.addresses.decodeAccount(address);
    } catch (err) {
      throw ErrInvalidAddress.wrap(`invalid ${what} address: ${(err as Error).message.replace(/: invalid address$/, "")}`);
    }
  }
}

function utf8Length(s: string): number {
  return new TextEncoder().encode(s).length;
}

function addNanos(t: Timestamp, nanos: bigint): Timestamp {
  return nanosToTimestamp(timestampToNanos(t) + nanos);
}

function intOf(s: string): Int {
  return Int.fromProto(s);
}

/** collections.ErrNotFound for a proposal id (no registered code: undefined/1). */
export function proposalNotFound(id: bigint): AppError {
  return new AppError("undefined", 1, `collections: not found: key '${id}' of type github.com/cosmos/gogoproto/cosmos.gov.v1.Proposal`);
}
