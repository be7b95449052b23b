/**
 * x/distribution's keeper: the sole owner of the "distribution" store, with Cosmos SDK v0.50's F1
 * fee distribution (x/distribution/keeper/{keeper,allocation,validator,delegation,fee_pool,
 * store}.go). Each method names the SDK function it mirrors, and reads and writes the store in the
 * SDK's order, so that a tx's gas is a Go node's.
 *
 * `DistributionReader` holds the F1 record keeping over any writable KVStore: the block's store in
 * the keeper, a throwaway CacheKVStore over a committed version for queries (DelegationRewards
 * increments the validator's period on a branch, as the SDK's query does on its cache context).
 * `DistributionKeeper` adds what needs a Context: coins, events, staking, params.
 *
 * Failure policy: what the SDK panics on (a reference count going negative or above 2, negative
 * rewards, a final stake above the current stake beyond 3e-18) throws a plain Error, which halts
 * the chain in BeginBlock/EndBlock and fails a tx in a message, as a Go panic does.
 */
import type { Delegation, Validator } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import type { AddressCodec } from "../../app/address";
import { moduleAddress } from "../../app/address";
import { lengthPrefixed } from "../../app/collections";
import type { VoteInfo } from "../../app/block-info";
import type { Context } from "../../app/context";
import { ErrUnauthorized } from "../../app/errors";
import { Coins, Dec, DecCoins, Int } from "../../app/math";
import { CacheKVStore } from "../../app/store/cache-kv-store";
import type { Bytes, KVStore, KVStoreReader } from "../../app/store/types";
import { ErrBadDistribution, ErrEmptyDelegationDistInfo, ErrGovInvalidSigner, ErrNoValidatorCommission, ErrSetWithdrawAddrDisabled } from "./errors";
import { commissionEvent, rewardsEvent, setWithdrawAddressEvent, withdrawCommissionEvent, withdrawRewardsEvent } from "./events";
import type { DistributionAccountKeeper, DistributionBankKeeper, DistributionStakingKeeper } from "./expected-keepers";
import { decOf, validateDistributionParams, type Params } from "./params";
import {
  AccumulatedCommissions,
  CurrentRewards,
  DISTRIBUTION_STORE,
  FeePoolItem,
  HistoricalRewards,
  OutstandingRewards,
  ParamsItem,
  PreviousProposerItem,
  SlashEvents,
  StartingInfos,
  WithdrawAddresses,
  slashEventHeightPrefix,
} from "./state-keys";

export const DISTRIBUTION_MODULE_NAME = "distribution";

/**
 * The denom of the zero coin a withdrawal of nothing reports (`withdraw_rewards` amount "0stake"):
 * sdk.GetBaseDenom() is unset in simapp, so the SDK falls back to sdk.DefaultBondDenom, "stake",
 * whatever the chain's denom.
 */
export const SDK_DEFAULT_BOND_DENOM = "stake";

/** Three LegacySmallestDec: the rounding the final stake may exceed the current stake by. */
const STAKE_MARGIN = Dec.smallest().mulInt(3n);

export interface CurrentRewardsRecord {
  readonly rewards: DecCoins;
  readonly period: bigint;
}

export interface HistoricalRecord {
  readonly ratio: DecCoins;
  readonly referenceCount: number;
}

export interface StartingInfoRecord {
  readonly previousPeriod: bigint;
  readonly stake: Dec;
  readonly height: bigint;
}

export interface SlashEventRecord {
  readonly height: bigint;
  readonly period: bigint;
  readonly fraction: Dec;
}

const tokensOf = (v: Validator): Int => (v.tokens === "" ? Int.zero() : Int.fromProto(v.tokens));

/** TokensFromShares: shares * tokens / delegator shares, rounded (Quo). */
function tokensFromShares(v: Validator, shares: Dec): Dec {
  return shares.mulInt(tokensOf(v)).quo(decOf(v.delegatorShares));
}

/** TokensFromSharesTruncated. */
function tokensFromSharesTruncated(v: Validator, shares: Dec): Dec {
  return shares.mulInt(tokensOf(v)).quoTruncate(decOf(v.delegatorShares));
}

export function commissionRateOf(v: Validator): Dec {
  return decOf(v.commission.commissionRates.rate);
}

export class DistributionReader {
  constructor(readonly addresses: AddressCodec) {}

  // --- records (store.go) -------------------------------------------------------------------

  /** Params.Get: zero params if never set. */
  params(store: KVStoreReader): Params {
    return ParamsItem.get(store) ?? { communityTax: "0", baseProposerReward: "0", bonusProposerReward: "0", withdrawAddrEnabled: false };
  }

  communityPool(store: KVStoreReader): DecCoins {
    return DecCoins.fromProto(FeePoolItem.get(store)?.communityPool ?? []);
  }

  setCommunityPool(store: KVStore, pool: DecCoins): void {
    FeePoolItem.set(store, { communityPool: pool.toProto() });
  }

  /** GetDelegatorWithdrawAddr: the delegator itself unless it set another. */
  withdrawAddress(store: KVStoreReader, delegator: Bytes): Bytes {
    return WithdrawAddresses.get(store, delegator) ?? delegator;
  }

  previousProposer(store: KVStoreReader): Bytes | undefined {
    return PreviousProposerItem.get(store);
  }

  /** GetValidatorOutstandingRewards: empty when absent. */
  outstanding(store: KVStoreReader, validator: Bytes): DecCoins {
    return DecCoins.fromProto(OutstandingRewards.get(store, validator)?.rewards ?? []);
  }

  setOutstanding(store: KVStore, validator: Bytes, rewards: DecCoins): void {
    OutstandingRewards.set(store, validator, { rewards: rewards.toProto() });
  }

  /** GetValidatorAccumulatedCommission: empty when absent. */
  accumulatedCommission(store: KVStoreReader, validator: Bytes): DecCoins {
    return DecCoins.fromProto(AccumulatedCommissions.get(store, validator)?.commission ?? []);
  }

  /** SetValidatorAccumulatedCommission: a zero commission is stored as an empty message. */
  setAccumulatedCommission(store: KVStore, validator: Bytes, commission: DecCoins): void {
    AccumulatedCommissions.set(store, validator, { commission: commission.isZero() ? [] : commission.toProto() });
  }

  /** GetValidatorCurrentRewards: the zero value (no rewards, period 0) when absent. */
  currentRewards(store: KVStoreReader, validator: Bytes): CurrentRewardsRecord {
    const r = CurrentRewards.get(store, validator);
    return { rewards: DecCoins.fromProto(r?.rewards ?? []), period: r?.period ?? 0n };
  }

  setCurrentRewards(store: KVStore, validator: Bytes, r: CurrentRewardsRecord): void {
    CurrentRewards.set(store, validator, { rewards: r.rewards.toProto(), period: r.period });
  }

  /** GetValidatorHistoricalRewards: the zero value when absent. */
  historicalRewards(store: KVStoreReader, validator: Bytes, period: bigint): HistoricalRecord {
    const h = HistoricalRewards.get(store, { validator, period });
    return { ratio: DecCoins.fromProto(h?.cumulativeRewardRatio ?? []), referenceCount: h?.referenceCount ?? 0 };
  }

  setHistoricalRewards(store: KVStore, validator: Bytes, period: bigint, h: HistoricalRecord): void {
    HistoricalRewards.set(store, { validator, period }, { cumulativeRewardRatio: h.ratio.toProto(), referenceCount: h.referenceCount });
  }

  /** GetDelegatorStartingInfo: undefined when absent. */
  startingInfo(store: KVStoreReader, validator: Bytes, delegator: Bytes): StartingInfoRecord | undefined {
    const s = StartingInfos.get(store, { validator, delegator });
    return s === undefined ? undefined : { previousPeriod: s.previousPeriod, stake: decOf(s.stake), height: s.height };
  }

  setStartingInfo(store: KVStore, validator: Bytes, delegator: Bytes, s: StartingInfoRecord): void {
    StartingInfos.set(store, { validator, delegator }, { previousPeriod: s.previousPeriod, stake: s.stake.toProto(), height: s.height });
  }

  /** IterateValidatorSlashEventsBetween: heights start..end, both included, in key order. */
  *slashEventsBetween(store: KVStoreReader, validator: Bytes, start: bigint, end: bigint): IterableIterator<SlashEventRecord> {
    for (const [k, e] of SlashEvents.entries(store, { start: slashEventHeightPrefix(validator, start), end: slashEventHeightPrefix(validator, end + 1n) })) {
      yield { height: k.height, period: e.validatorPeriod, fraction: decOf(e.fraction) };
    }
  }

  // --- F1 (validator.go, delegation.go) -----------------------------------------------------

  /** incrementReferenceCount. */
  incrementReferenceCount(store: KVStore, validator: Bytes, period: bigint): void {
    const h = this.historicalRewards(store, validator, period);
    if (h.referenceCount > 2) throw new Error("reference count should never exceed 2");
    this.setHistoricalRewards(store, validator, period, { ...h, referenceCount: h.referenceCount + 1 });
  }

  /** decrementReferenceCount: the record goes when nothing refers to it any more. */
  decrementReferenceCount(store: KVStore, validator: Bytes, period: bigint): void {
    const h = this.historicalRewards(store, validator, period);
    if (h.referenceCount === 0) throw new Error("cannot set negative reference count");
    const referenceCount = h.referenceCount - 1;
    if (referenceCount === 0) HistoricalRewards.delete(store, { validator, period });
    else this.setHistoricalRewards(store, validator, period, { ...h, referenceCount });
  }

  /**
   * IncrementValidatorPeriod: closes the current period. Its rewards per token (truncated) join the
   * cumulative ratio of a new historical record; a validator without tokens hands them to the
   * community pool instead. Returns the period just closed.
   */
  incrementValidatorPeriod(store: KVStore, validator: Bytes, v: Validator): bigint {
    const rewards = this.currentRewards(store, validator);
    let current: DecCoins;
    const tokens = tokensOf(v);
    if (tokens.isZero()) {
      const pool = this.communityPool(store);
      const outstanding = this.outstanding(store, validator);
      this.setCommunityPool(store, pool.add(rewards.rewards));
      this.setOutstanding(store, validator, outstanding.sub(rewards.rewards));
      current = DecCoins.empty();
    } else {
      current = rewards.rewards.quoDecTruncate(Dec.fromInt(tokens));
    }
    const historical = this.historicalRewards(store, validator, rewards.period - 1n);
    this.decrementReferenceCount(store, validator, rewards.period - 1n);
    this.setHistoricalRewards(store, validator, rewards.period, { ratio: historical.ratio.add(current), referenceCount: 1 });
    this.setCurrentRewards(store, validator, { rewards: DecCoins.empty(), period: rewards.period + 1n });
    return rewards.period;
  }

  /** calculateDelegationRewardsBetween: (ratio[end] - ratio[start]) * stake, truncated. */
  rewardsBetween(store: KVStoreReader, validator: Bytes, startingPeriod: bigint, endingPeriod: bigint, stake: Dec): DecCoins {
    if (startingPeriod > endingPeriod) throw new Error("startingPeriod cannot be greater than endingPeriod");
    if (stake.isNegative()) throw new Error("stake should not be negative");
    const starting = this.historicalRewards(store, validator, startingPeriod);
    const ending = this.historicalRewards(store, validator, endingPeriod);
    const difference = ending.ratio.sub(starting.ratio);
    if (difference.isAnyNegative()) throw new Error("negative rewards should not be possible");
    return difference.mulDecTruncate(stake);
  }

  /**
   * A delegation's rewards as of now, writing nothing: IncrementValidatorPeriod then
   * CalculateDelegationRewards on a branch of `store` that is dropped (the SDK's DelegationRewards
   * query on its cache context).
   */
  pendingDelegationRewards(store: KVStoreReader, validator: Bytes, v: Validator, d: Delegation, height: bigint): DecCoins {
    const branch = new CacheKVStore(store);
    const endingPeriod = this.incrementValidatorPeriod(branch, validator, v);
    return this.calculateDelegationRewards(branch, validator, v, d, endingPeriod, height);
  }

  /**
   * CalculateDelegationRewards up to `endingPeriod` (a period IncrementValidatorPeriod just closed),
   * at block `height`: the stake shrinks at each slash event since the delegation's start, so the
   * cost grows with those events only, not with blocks or other delegators.
   */
  calculateDelegationRewards(store: KVStoreReader, validator: Bytes, v: Validator, d: Delegation, endingPeriod: bigint, height: bigint): DecCoins {
    const delegator = this.addresses.decodeAccount(d.delegatorAddress);
    // A missing starting info reads as the zero value in the SDK (period 0, stake 0, height 0).
    const info = this.startingInfo(store, validator, delegator) ?? { previousPeriod: 0n, stake: Dec.zero(), height: 0n };
    let rewards = DecCoins.empty();
    if (info.height === height) return rewards;
    let startingPeriod = info.previousPeriod;
    let stake = info.stake;
    if (height > info.height) {
      for (const event of this.slashEventsBetween(store, validator, info.height, height)) {
        if (event.period > startingPeriod) {
          rewards = rewards.add(this.rewardsBetween(store, validator, startingPeriod, event.period, stake));
          stake = stake.mulTruncate(Dec.one().sub(event.fraction));
          startingPeriod = event.period;
        }
      }
    }
    const currentStake = tokensFromShares(v, decOf(d.shares));
    if (stake.gt(currentStake)) {
      if (stake.lte(currentStake.add(STAKE_MARGIN))) {
        stake = currentStake;
      } else {
        throw new Error(
          `calculated final stake for delegator ${d.delegatorAddress} greater than current stake\n\tfinal stake:\t${stake.toString()}\n\tcurrent stake:\t${currentStake.toString()}`,
        );
      }
    }
    return rewards.add(this.rewardsBetween(store, validator, startingPeriod, endingPeriod, stake));
  }

  // --- iteration (genesis, invariants) -----------------------------------------------------

  *allOutstanding(store: KVStoreReader): IterableIterator<[Bytes, DecCoins]> {
    for (const [k, v] of OutstandingRewards.entries(store)) yield [k, DecCoins.fromProto(v.rewards)];
  }

  *allHistorical(store: KVStoreReader): IterableIterator<[Bytes, bigint, HistoricalRecord]> {
    for (const [k, v] of HistoricalRewards.entries(store)) yield [k.validator, k.period, { ratio: DecCoins.fromProto(v.cumulativeRewardRatio), referenceCount: v.referenceCount }];
  }

  *allStartingInfos(store: KVStoreReader): IterableIterator<[Bytes, Bytes, StartingInfoRecord]> {
    for (const [k, s] of StartingInfos.entries(store)) yield [k.validator, k.delegator, { previousPeriod: s.previousPeriod, stake: decOf(s.stake), height: s.height }];
  }

  *allSlashEvents(store: KVStoreReader): IterableIterator<[Bytes, SlashEventRecord]> {
    for (const [k, e] of SlashEvents.entries(store)) yield [k.validator, { height: k.height, period: e.validatorPeriod, fraction: decOf(e.fraction) }];
  }

  /** GetTotalRewards: the sum of every validator's outstanding rewards. */
  totalOutstanding(store: KVStoreReader): DecCoins {
    let total = DecCoins.empty();
    for (const [, r] of this.allOutstanding(store)) total = total.add(r);
    return total;
  }
}

export interface DistributionKeeperOptions {
  readonly staking: DistributionStakingKeeper;
  readonly bank: DistributionBankKeeper;
  readonly accounts: DistributionAccountKeeper;
  /** The module account fees are collected in (auth's fee_collector). */
  readonly feeCollectorName: string;
  /** Who may sign MsgUpdateParams and MsgCommunityPoolSpend (the gov module account, bech32). */
  readonly authority: string;
}

export class DistributionKeeper extends DistributionReader {
  readonly staking: DistributionStakingKeeper;
  readonly bank: DistributionBankKeeper;
  readonly authority: string;
  readonly moduleAddress: Bytes = moduleAddress(DISTRIBUTION_MODULE_NAME);

  constructor(private readonly o: DistributionKeeperOptions) {
    super(o.staking.addresses);
    this.staking = o.staking;
    this.bank = o.bank;
    this.authority = o.authority;
  }

  store(ctx: Context): KVStore {
    return ctx.kvStore(DISTRIBUTION_STORE);
  }

  getParams(ctx: Context): Params {
    return this.params(this.store(ctx));
  }

  setParams(ctx: Context, p: Params): void {
    ParamsItem.set(this.store(ctx), p);
  }

  getCommunityPool(ctx: Context): DecCoins {
    return this.communityPool(this.store(ctx));
  }

  /** GetDistributionAccount: the module account, created on first use. */
  ensureModuleAccount(ctx: Context): void {
    this.o.accounts.getModuleAccount(ctx, DISTRIBUTION_MODULE_NAME);
  }

  /** SetPreviousProposerConsAddr. */
  setPreviousProposer(ctx: Context, consAddr: Bytes): void {
    PreviousProposerItem.set(this.store(ctx), consAddr);
  }

  // --- allocation (allocation.go) -----------------------------------------------------------

  /**
   * AllocateTokens: everything the fee collector holds (the previous block's fees and this block's
   * mint) moves to the distribution module; the community tax and what rounding leaves go to the
   * community pool; each vote of the last commit, signed or not, earns its power's share.
   */
  allocateTokens(ctx: Context, totalPreviousPower: bigint, votes: readonly VoteInfo[]): void {
    this.o.accounts.getModuleAccount(ctx, this.o.feeCollectorName);
    const collectedInt = this.bank.getAllBalances(ctx, moduleAddress(this.o.feeCollectorName));
    const collected = DecCoins.fromCoins(collectedInt);
    this.bank.sendCoinsFromModuleToModule(ctx, this.o.feeCollectorName, DISTRIBUTION_MODULE_NAME, collectedInt);
    const store = this.store(ctx);
    const pool = this.communityPool(store);
    if (totalPreviousPower === 0n) {
      this.setCommunityPool(store, pool.add(collected));
      return;
    }
    let remaining = collected;
    const communityTax = decOf(this.params(store).communityTax);
    const feeMultiplier = collected.mulDecTruncate(Dec.one().sub(communityTax));
    const total = Dec.fromInt(totalPreviousPower);
    for (const vote of votes) {
      const validator = this.staking.getValidatorByConsAddr(ctx, vote.validator.address);
      if (validator === undefined) throw new Error(`validator does not exist: consensus address ${this.addresses.encodeConsensus(vote.validator.address)}`);
      const powerFraction = Dec.fromInt(vote.validator.power).quoTruncate(total);
      const reward = feeMultiplier.mulDecTruncate(powerFraction);
      this.allocateTokensToValidator(ctx, validator, reward);
      remaining = remaining.sub(reward);
    }
    this.setCommunityPool(store, pool.add(remaining));
  }

  /** AllocateTokensToValidator: commission at the validator's rate (rounded), the rest to its delegators. */
  allocateTokensToValidator(ctx: Context, v: Validator, tokens: DecCoins): void {
    const store = this.store(ctx);
    const validator = this.addresses.decodeValidator(v.operatorAddress);
    const commission = tokens.mulDec(commissionRateOf(v));
    const shared = tokens.sub(commission);
    ctx.events.emit(commissionEvent(commission.toString(), v.operatorAddress));
    this.setAccumulatedCommission(store, validator, this.accumulatedCommission(store, validator).add(commission));
    const current = this.currentRewards(store, validator);
    this.setCurrentRewards(store, validator, { rewards: current.rewards.add(shared), period: current.period });
    ctx.events.emit(rewardsEvent(tokens.toString(), v.operatorAddress));
    this.setOutstanding(store, validator, this.outstanding(store, validator).add(tokens));
  }

  // --- validator and delegation records (validator.go, delegation.go, hooks.go) --------------

  /** initializeValidator: period 0 with reference count 1, current period 1, nothing accrued. */
  initializeValidator(ctx: Context, v: Validator): void {
    const store = this.store(ctx);
    const validator = this.addresses.decodeValidator(v.operatorAddress);
    this.setHistoricalRewards(store, validator, 0n, { ratio: DecCoins.empty(), referenceCount: 1 });
    this.setCurrentRewards(store, validator, { rewards: DecCoins.empty(), period: 1n });
    this.setAccumulatedCommission(store, validator, DecCoins.empty());
    this.setOutstanding(store, validator, DecCoins.empty());
  }

  incrementPeriod(ctx: Context, v: Validator): bigint {
    return this.incrementValidatorPeriod(this.store(ctx), this.addresses.decodeValidator(v.operatorAddress), v);
  }

  /** initializeDelegation: the delegation starts at the period before the current one, with its stake now. */
  initializeDelegation(ctx: Context, validator: Bytes, delegator: Bytes): void {
    const store = this.store(ctx);
    const previousPeriod = this.currentRewards(store, validator).period - 1n;
    this.incrementReferenceCount(store, validator, previousPeriod);
    const v = this.staking.requireValidator(ctx, validator);
    const d = this.staking.requireDelegation(ctx, delegator, validator);
    const stake = tokensFromSharesTruncated(v, decOf(d.shares));
    this.setStartingInfo(store, validator, delegator, { previousPeriod, stake, height: ctx.height });
  }

  /**
   * withdrawDelegationRewards: closes the validator's period, pays the delegation's rewards
   * (truncated to whole coins) to the withdraw address, sends the decimal rest to the community
   * pool, and forgets the delegation's starting info. Returns what was paid.
   */
  withdrawDelegationRewards(ctx: Context, v: Validator, d: Delegation): Coins {
    const store = this.store(ctx);
    const delegator = this.addresses.decodeAccount(d.delegatorAddress);
    const validator = this.addresses.decodeValidator(d.validatorAddress);
    if (!StartingInfos.has(store, { validator, delegator })) throw ErrEmptyDelegationDistInfo.wrap();
    const endingPeriod = this.incrementValidatorPeriod(store, validator, v);
    const rewardsRaw = this.calculateDelegationRewards(store, validator, v, d, endingPeriod, ctx.height);
    const outstanding = this.outstanding(store, validator);
    const rewards = rewardsRaw.intersect(outstanding);
    if (!rewards.equal(rewardsRaw)) {
      ctx.logger.info("rounding error withdrawing rewards from validator", {
        delegator: d.delegatorAddress,
        validator: v.operatorAddress,
        got: rewards.toString(),
        expected: rewardsRaw.toString(),
      });
    }
    const [finalRewards, remainder] = rewards.truncateDecimal();
    if (!finalRewards.isZero()) {
      const withdrawTo = this.withdrawAddress(store, delegator);
      this.bank.sendCoinsFromModuleToAccount(ctx, DISTRIBUTION_MODULE_NAME, withdrawTo, finalRewards);
    }
    this.setOutstanding(store, validator, outstanding.sub(rewards));
    this.setCommunityPool(store, this.communityPool(store).add(remainder));
    const info = this.startingInfo(store, validator, delegator);
    this.decrementReferenceCount(store, validator, info?.previousPeriod ?? 0n);
    StartingInfos.delete(store, { validator, delegator });
    const amount = finalRewards.isZero() ? `0${SDK_DEFAULT_BOND_DENOM}` : finalRewards.toString();
    ctx.events.emit(withdrawRewardsEvent(amount, v.operatorAddress, d.delegatorAddress));
    return finalRewards;
  }

  /** WithdrawDelegationRewards (MsgWithdrawDelegatorReward): withdraw, then start a new period for the delegation. */
  withdrawDelegatorReward(ctx: Context, delegator: Bytes, validator: Bytes): Coins {
    const v = this.staking.requireValidator(ctx, validator);
    const d = this.staking.requireDelegation(ctx, delegator, validator);
    const rewards = this.withdrawDelegationRewards(ctx, v, d);
    this.initializeDelegation(ctx, validator, delegator);
    return rewards;
  }

  /** WithdrawValidatorCommission: the whole coins; the decimal rest stays for later (7 when nothing accrued). */
  withdrawValidatorCommission(ctx: Context, validator: Bytes): Coins {
    const store = this.store(ctx);
    const accumulated = this.accumulatedCommission(store, validator);
    if (accumulated.isZero()) throw ErrNoValidatorCommission.wrap();
    const [commission, remainder] = accumulated.truncateDecimal();
    this.setAccumulatedCommission(store, validator, remainder);
    const outstanding = this.outstanding(store, validator);
    this.setOutstanding(store, validator, outstanding.sub(DecCoins.fromCoins(commission)));
    if (!commission.isZero()) {
      const withdrawTo = this.withdrawAddress(store, validator);
      this.bank.sendCoinsFromModuleToAccount(ctx, DISTRIBUTION_MODULE_NAME, withdrawTo, commission);
    }
    ctx.events.emit(withdrawCommissionEvent(commission.toString()));
    return commission;
  }

  /** SetWithdrawAddr: refused for blocked module accounts (sdk/4) and when disabled (8). */
  setWithdrawAddress(ctx: Context, delegator: Bytes, withdrawTo: Bytes): void {
    if (this.bank.isBlockedAddress(withdrawTo)) throw ErrUnauthorized.wrap(`${this.addresses.encodeAccount(withdrawTo)} is not allowed to receive external funds`);
    const store = this.store(ctx);
    if (!this.params(store).withdrawAddrEnabled) throw ErrSetWithdrawAddrDisabled.wrap();
    ctx.events.emit(setWithdrawAddressEvent(this.addresses.encodeAccount(withdrawTo)));
    WithdrawAddresses.set(store, delegator, withdrawTo);
  }

  /** FundCommunityPool. */
  fundCommunityPool(ctx: Context, amount: Coins, sender: Bytes): void {
    this.bank.sendCoinsFromAccountToModule(ctx, sender, DISTRIBUTION_MODULE_NAME, amount);
    const store = this.store(ctx);
    this.setCommunityPool(store, this.communityPool(store).add(DecCoins.fromCoins(amount)));
  }

  /** DistributeFromFeePool (MsgCommunityPoolSpend): 9 when the pool holds less. */
  distributeFromFeePool(ctx: Context, amount: Coins, recipient: Bytes): void {
    const store = this.store(ctx);
    const { coins, hasNeg } = this.communityPool(store).safeSub(DecCoins.fromCoins(amount));
    if (hasNeg) throw ErrBadDistribution.wrap();
    this.bank.sendCoinsFromModuleToAccount(ctx, DISTRIBUTION_MODULE_NAME, recipient, amount);
    this.setCommunityPool(store, coins);
  }

  /** The authority check of MsgUpdateParams and MsgCommunityPoolSpend (gov/13). */
  checkAuthority(authority: string): void {
    if (authority !== this.authority) throw ErrGovInvalidSigner.wrap(`invalid authority; expected ${this.authority}, got ${authority}`);
  }

  updateParams(ctx: Context, params: Params): void {
    validateDistributionParams(params);
    this.setParams(ctx, params);
  }

  // --- hooks (hooks.go) ----------------------------------------------------------------------

  /** AfterValidatorRemoved: pays out the commission, sends what is left to the community pool, forgets the validator. */
  afterValidatorRemoved(ctx: Context, validator: Bytes): void {
    const store = this.store(ctx);
    let outstanding = this.outstanding(store, validator);
    const commission = this.accumulatedCommission(store, validator);
    if (!commission.isZero()) {
      outstanding = outstanding.sub(commission);
      const [coins, remainder] = commission.truncateDecimal();
      this.setCommunityPool(store, this.communityPool(store).add(remainder));
      if (!coins.isZero()) {
        const withdrawTo = this.withdrawAddress(store, validator);
        this.bank.sendCoinsFromModuleToAccount(ctx, DISTRIBUTION_MODULE_NAME, withdrawTo, coins);
      }
    }
    this.setCommunityPool(store, this.communityPool(store).add(outstanding));
    OutstandingRewards.delete(store, validator);
    AccumulatedCommissions.delete(store, validator);
    const own = { subPrefix: lengthPrefixed(validator) };
    for (const key of [...SlashEvents.entries(store, own)].map(([k]) => k)) SlashEvents.delete(store, key);
    for (const key of [...HistoricalRewards.entries(store, own)].map(([k]) => k)) HistoricalRewards.delete(store, key);
    CurrentRewards.delete(store, validator);
  }

  /** updateValidatorSlashFraction (BeforeValidatorSlashed): a new period and a slash event at this height. */
  updateValidatorSlashFraction(ctx: Context, validator: Bytes, fraction: Dec): void {
    if (fraction.gt(Dec.one()) || fraction.isNegative()) throw new Error(`fraction must be >=0 and <=1, current fraction: ${fraction.toString()}`);
    const v = this.staking.requireValidator(ctx, validator);
    const store = this.store(ctx);
    const newPeriod = this.incrementValidatorPeriod(store, validator, v);
    this.incrementReferenceCount(store, validator, newPeriod);
    SlashEvents.set(store, { validator, height: ctx.height, period: newPeriod }, { validatorPeriod: newPeriod, fraction: fraction.toProto() });
  }
}
