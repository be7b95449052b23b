/**
 * x/restaking's keeper: the sole owner of the "restaking" store. Per validator one compounding
 * pool (the restaking module account's delegation to it, held in x/staking) whose members hold
 * units; every compound_interval blocks each pool's rewards are withdrawn once and delegated once
 * (docs/restaking.md: design, maths, rounding, the cap).
 *
 * `RestakingReader` reads any KVStoreReader (queries at a height, genesis export, invariants);
 * `RestakingKeeper` adds the writes, always through a Context.
 */
import { BondStatus, type Validator } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { moduleAddress, type AddressCodec } from "../../app/address";
import type { Context } from "../../app/context";
import { infiniteGasMeter } from "../../app/gas";
import { ErrInvalidAddress } from "../../app/errors";
import { Coin, Coins, Dec, Int } from "../../app/math";
import { equalBytes } from "../../app/store/bytes";
import type { Bytes, KVStore, KVStoreReader } from "../../app/store/types";
import type { Member, Params, Pool } from "../../proto/plume/restaking/v1/restaking";
import {
  ErrGovInvalidSigner,
  ErrNoDelegation,
  ErrNotEnoughPoolStake,
  ErrNothingToRestake,
  ErrNotMember,
  ErrSelfDelegation,
  ErrValidatorNotFound,
  ErrWithdrawAddressDiffers,
  ErrWorthlessPool,
} from "./errors";
import { compoundEvent, joinEvent, leaveEvent, restakeEvent } from "./events";
import type { RestakingBankKeeper, RestakingDistributionKeeper, RestakingHooks, RestakingStakingKeeper } from "./expected-keepers";
import { defaultRestakingParams, isCompoundingHeight, validateRestakingParams } from "./params";
import { compoundable, idleForUnits, sharesForUnits, sharesFromTokens, tokensFromShares, unitsForJoin, unitsForShares } from "./pool-math";
import { LastCompoundHeight, Members, MembersByValidator, ParamsItem, Pools, RESTAKING_STORE, delegatorPrefix } from "./state-keys";

/** The module's name, its store's and its module account's (which holds every pool's delegation). */
export const RESTAKING_MODULE = "restaking";

/** Why the last compounding of a pool delegated less than it had (Pool.held_back_reason). */
export const HELD_BACK_BY_CAP = "decentralization cap";
/** The validator has shares but no tokens (slashed to nothing): x/staking refuses delegations to it. */
export const HELD_BACK_NO_TOKENS = "validator has no tokens";

/** A pool with no units: what a validator without pool reads as. */
export function emptyPool(validatorAddress: string): Pool {
  return { validatorAddress, totalUnits: Dec.zero().toProto(), idle: [], lastCompounded: "0", lastHeldBack: "0", heldBackReason: "" };
}

/** What one pool's compounding did (for events, tests and the bench). */
export interface CompoundResult {
  readonly rewards: Coins;
  readonly compounded: Int;
  readonly heldBack: Int;
}

export class RestakingReader {
  /** The restaking module account: the delegator of every pool. */
  readonly poolAddress: Bytes = moduleAddress(RESTAKING_MODULE);

  constructor(readonly addresses: AddressCodec) {}

  params(store: KVStoreReader): Params {
    return ParamsItem.get(store) ?? defaultRestakingParams();
  }

  /** The height of the last compounding; 0 before the first. */
  lastCompoundHeight(store: KVStoreReader): bigint {
    return LastCompoundHeight.get(store) ?? 0n;
  }

  pool(store: KVStoreReader, validator: Bytes): Pool | undefined {
    return Pools.get(store, validator);
  }

  /** Every pool, by operator address bytes. */
  *pools(store: KVStoreReader): IterableIterator<[Bytes, Pool]> {
    yield* Pools.entries(store);
  }

  member(store: KVStoreReader, delegator: Bytes, validator: Bytes): Member | undefined {
    return Members.get(store, [delegator, validator]);
  }

  /** One delegator's memberships, by operator address bytes. */
  *memberships(store: KVStoreReader, delegator: Bytes): IterableIterator<Member> {
    for (const [, m] of Members.entries(store, { subPrefix: delegatorPrefix(delegator) })) yield m;
  }

  /** The members of one validator's pool, by delegator address bytes. */
  *poolMembers(store: KVStoreReader, validator: Bytes): IterableIterator<Member> {
    for (const [[, d]] of MembersByValidator.entries(store, { subPrefix: delegatorPrefix(validator) })) {
      const m = this.member(store, d, validator);
      if (m !== undefined) yield m;
    }
  }

  /** Every membership, by (delegator, validator) bytes. */
  *members(store: KVStoreReader): IterableIterator<[Bytes, Bytes, Member]> {
    for (const [[d, v], m] of Members.entries(store)) yield [d, v, m];
  }
}

export interface RestakingKeeperOptions {
  readonly staking: RestakingStakingKeeper;
  readonly distribution: RestakingDistributionKeeper;
  readonly bank: RestakingBankKeeper;
  /** Who may sign MsgUpdateParams (the gov module account, bech32). */
  readonly authority: string;
}

export class RestakingKeeper extends RestakingReader {
  readonly staking: RestakingStakingKeeper;
  readonly distribution: RestakingDistributionKeeper;
  readonly bank: RestakingBankKeeper;
  readonly authority: string;

  constructor(options: RestakingKeeperOptions) {
    super(options.staking.addresses);
    this.staking = options.staking;
    this.distribution = options.distribution;
    this.bank = options.bank;
    this.authority = options.authority;
  }

  store(ctx: Context): KVStore {
    return ctx.kvStore(RESTAKING_STORE);
  }

  /** Hooks around members' unit changes (x/gov's), set once at wiring. */
  private hooks: RestakingHooks | undefined;

  setHooks(hooks: RestakingHooks): void {
    this.hooks = hooks;
  }

  // --- pooled stake as x/gov's running tally sees it (x/gov's GovPoolKeeper) ----------------

  /** The delegator's memberships: validator operator bytes and units. */
  memberUnits(ctx: Context, delegator: Bytes): [Bytes, Dec][] {
    return [...this.memberships(this.store(ctx), delegator)].map((m): [Bytes, Dec] => [this.addresses.decodeValidator(m.validatorAddress), Dec.fromProto(m.units)]);
  }

  /** One membership's units; zero for a non-member. */
  unitsOf(ctx: Context, delegator: Bytes, validator: Bytes): Dec {
    const m = this.member(this.store(ctx), delegator, validator);
    return m === undefined ? Dec.zero() : Dec.fromProto(m.units);
  }

  /** A validator's pool: its delegation's shares and its total units; undefined without a pool. */
  poolStake(ctx: Context, validator: Bytes): { readonly shares: Dec; readonly totalUnits: Dec } | undefined {
    const pool = this.pool(this.store(ctx), validator);
    return pool === undefined ? undefined : { shares: this.poolShares(ctx, validator), totalUnits: Dec.fromProto(pool.totalUnits) };
  }

  // --- params and heights -------------------------------------------------------------------

  getParams(ctx: Context): Params {
    return this.params(this.store(ctx));
  }

  setParams(ctx: Context, params: Params): void {
    ParamsItem.set(this.store(ctx), params);
  }

  /** MsgUpdateParams: authority (gov/13), validation, save. */
  updateParams(ctx: Context, authority: string, params: Params): void {
    if (authority !== this.authority) throw ErrGovInvalidSigner.wrap(`invalid authority; expected ${this.authority}, got ${authority}`);
    validateRestakingParams(params);
    this.setParams(ctx, params);
  }

  setLastCompoundHeight(ctx: Context, height: bigint): void {
    LastCompoundHeight.set(this.store(ctx), height);
  }

  setPool(ctx: Context, validator: Bytes, pool: Pool): void {
    Pools.set(this.store(ctx), validator, pool);
  }

  /** Saves a membership; the hooks see its units before and after. */
  setMember(ctx: Context, delegator: Bytes, validator: Bytes, member: Member): void {
    const store = this.store(ctx);
    this.hooks?.beforeMemberUnitsModified(ctx, delegator, validator);
    Members.set(store, [delegator, validator], member);
    MembersByValidator.set(store, [validator, delegator], true);
    this.hooks?.afterMemberUnitsModified(ctx, delegator, validator);
  }

  private deleteMember(ctx: Context, delegator: Bytes, validator: Bytes): void {
    const store = this.store(ctx);
    this.hooks?.beforeMemberUnitsModified(ctx, delegator, validator);
    Members.delete(store, [delegator, validator]);
    MembersByValidator.delete(store, [validator, delegator]);
    this.hooks?.afterMemberUnitsModified(ctx, delegator, validator);
  }

  // --- pool state as x/staking holds it ---------------------------------------------------

  private requireValidator(ctx: Context, valAddr: Bytes): Validator {
    const v = this.staking.getValidator(ctx, valAddr);
    if (v === undefined) throw ErrValidatorNotFound.wrap(this.addresses.encodeValidator(valAddr));
    return v;
  }

  /** The pool delegation's shares (zero without one). */
  poolShares(ctx: Context, valAddr: Bytes): Dec {
    const d = this.staking.getDelegation(ctx, this.poolAddress, valAddr);
    return d === undefined ? Dec.zero() : Dec.fromProto(d.shares);
  }

  // --- joining and leaving ------------------------------------------------------------------

  /** MsgSetAutoCompound: join (all of the delegation) or leave (all of the units). Returns the units after. */
  setAutoCompound(ctx: Context, delegator: Bytes, valAddr: Bytes, enabled: boolean): Dec {
    if (enabled) return this.join(ctx, delegator, valAddr);
    this.leave(ctx, delegator, valAddr);
    return Dec.zero();
  }

  /**
   * Opt in: the pool is compounded first (its rate is current), then every share of the
   * delegator's own delegation moves into the pool's (F1 pays the delegator's pending rewards out
   * on the way, as for any change of a delegation) for floor(value * U / P) units. Enabling again
   * adds what the delegator delegated since; with nothing to add it is a no-op.
   */
  join(ctx: Context, delegator: Bytes, valAddr: Bytes): Dec {
    this.requireValidator(ctx, valAddr);
    if (equalBytes(delegator, valAddr)) throw ErrSelfDelegation.wrap(this.addresses.encodeValidator(valAddr));
    if (equalBytes(delegator, this.poolAddress)) throw ErrInvalidAddress.wrap("the restaking module account cannot join a pool");
    const store = this.store(ctx);
    const existing = this.member(store, delegator, valAddr);
    const own = this.staking.getDelegation(ctx, delegator, valAddr);
    const shares = own === undefined ? Dec.zero() : Dec.fromProto(own.shares);
    if (!shares.isPositive()) {
      if (existing !== undefined) return Dec.fromProto(existing.units);
      throw ErrNoDelegation.wrap(`${this.addresses.encodeAccount(delegator)} has no delegation to ${this.addresses.encodeValidator(valAddr)}`);
    }

    const validatorAddress = this.addresses.encodeValidator(valAddr);
    if (this.pool(store, valAddr) !== undefined) this.compoundPool(ctx, valAddr);
    const validator = this.requireValidator(ctx, valAddr);
    const pool = this.pool(store, valAddr) ?? emptyPool(validatorAddress);
    const totalUnits = Dec.fromProto(pool.totalUnits);
    const poolValue = tokensFromShares(validator, this.poolShares(ctx, valAddr)).add(Dec.fromInt(Coins.fromProto(pool.idle).amountOf(this.staking.bondDenom(ctx))));
    const units = unitsForJoin(shares, tokensFromShares(validator, shares), totalUnits, poolValue);
    if (units === undefined) throw ErrWorthlessPool.wrap(`pool of ${validatorAddress} has ${totalUnits.toString()} units and no stake`);
    if (!units.isPositive()) throw ErrNotEnoughPoolStake.wrap(`a delegation of ${shares.toString()} shares is worth less than one unit atom`);

    this.staking.transferDelegationShares(ctx, delegator, this.poolAddress, valAddr, shares);
    const delegatorAddress = this.addresses.encodeAccount(delegator);
    const memberUnits = (existing === undefined ? Dec.zero() : Dec.fromProto(existing.units)).add(units);
    this.setPool(ctx, valAddr, { ...pool, totalUnits: totalUnits.add(units).toProto() });
    this.setMember(ctx, delegator, valAddr, { delegatorAddress, validatorAddress, units: memberUnits.toProto() });
    ctx.events.emit(joinEvent(delegatorAddress, validatorAddress, shares.toString(), units.toString()));
    return memberUnits;
  }

  /**
   * Opt out: the pool is compounded first, then the member's units are burned and floor(S * u / U)
   * shares move back into its own delegation, with its part of the idle coins paid to its account
   * (the last member takes everything).
   */
  leave(ctx: Context, delegator: Bytes, valAddr: Bytes): void {
    const store = this.store(ctx);
    const member = this.member(store, delegator, valAddr);
    if (member === undefined) throw ErrNotMember.wrap(`${this.addresses.encodeAccount(delegator)} on ${this.addresses.encodeValidator(valAddr)}`);
    this.compoundPool(ctx, valAddr);
    this.exit(ctx, delegator, valAddr, Dec.fromProto(member.units), undefined);
  }

  /**
   * A partial exit of exactly `shares` pool shares into the member's own delegation, burning
   * ceil(shares * U / S) units (in the pool's favour): the seam for a standard MsgUndelegate or
   * MsgBeginRedelegate by a member (docs/restaking.md, item 3), which then runs unchanged on the
   * member's own delegation. Returns the units burned.
   */
  withdrawFromPool(ctx: Context, delegator: Bytes, valAddr: Bytes, shares: Dec): Dec {
    if (this.member(this.store(ctx), delegator, valAddr) === undefined) throw ErrNotMember.wrap(`${this.addresses.encodeAccount(delegator)} on ${this.addresses.encodeValidator(valAddr)}`);
    if (!shares.isPositive()) throw ErrNotEnoughPoolStake.wrap("shares to withdraw must be positive");
    this.compoundPool(ctx, valAddr);
    return this.takeFromPool(ctx, delegator, valAddr, shares);
  }

  /**
   * x/staking's seam (StakingPooledStake): before a standard MsgUndelegate or MsgBeginRedelegate
   * of `amount` tokens, the pooled shares the member's own delegation lacks for it (at most all of
   * them) move into its own delegation, the pool compounded first; the message then runs as the
   * SDK's on the own delegation, with its codes when even that is not enough. Taking every unit
   * ends the membership (auto-compound off). A non-member is left alone.
   */
  coverUnbond(ctx: Context, delegator: Bytes, valAddr: Bytes, amount: Int): void {
    // Whether the delegator is a member is looked up without charging gas, so that a non-member's
    // MsgUndelegate / MsgBeginRedelegate costs exactly what it costs on a Go SDK node
    // (test/txs-use-the-same-gas-as-the-go-node.test.ts); a member's cover is charged as usual.
    if (this.member(this.store(ctx.withGasMeter(infiniteGasMeter())), delegator, valAddr) === undefined || !amount.isPositive()) return;
    const store = this.store(ctx);
    const member = this.member(store, delegator, valAddr);
    if (member === undefined) return;
    this.compoundPool(ctx, valAddr);
    const v = this.staking.getValidator(ctx, valAddr);
    if (v === undefined || Int.fromProto(v.tokens).isZero()) return;
    const own = this.staking.getDelegation(ctx, delegator, valAddr);
    const needed = sharesFromTokens(v, amount).sub(own === undefined ? Dec.zero() : Dec.fromProto(own.shares));
    if (!needed.isPositive()) return;
    const pool = this.pool(store, valAddr);
    if (pool === undefined) return;
    const pooled = sharesForUnits(Dec.fromProto(member.units), Dec.fromProto(pool.totalUnits), this.poolShares(ctx, valAddr));
    const take = Dec.min(needed, pooled);
    if (take.isPositive()) this.takeFromPool(ctx, delegator, valAddr, take);
  }

  /** withdrawFromPool without compounding (the pool compounded already). */
  private takeFromPool(ctx: Context, delegator: Bytes, valAddr: Bytes, shares: Dec): Dec {
    const store = this.store(ctx);
    const member = this.member(store, delegator, valAddr);
    if (member === undefined) throw ErrNotMember.wrap();
    const pool = this.pool(store, valAddr) ?? emptyPool(this.addresses.encodeValidator(valAddr));
    const units = Dec.fromProto(member.units);
    const totalUnits = Dec.fromProto(pool.totalUnits);
    const poolShares = this.poolShares(ctx, valAddr);
    const own = sharesForUnits(units, totalUnits, poolShares);
    if (shares.gt(own)) throw ErrNotEnoughPoolStake.wrap(`${shares.toString()} shares asked, the member's units stand for ${own.toString()}`);
    const burn = Dec.min(unitsForShares(shares, totalUnits, poolShares), units);
    return this.exit(ctx, delegator, valAddr, burn, burn.equal(units) ? undefined : shares);
  }

  /**
   * Burns `units` of a member (the pool already compounded). `shares` undefined: the units' own fraction of the pool's shares
   * and idle coins leaves (a full exit); given: exactly those shares leave, no idle coins.
   */
  private exit(ctx: Context, delegator: Bytes, valAddr: Bytes, units: Dec, shares: Dec | undefined): Dec {
    const store = this.store(ctx);
    const validatorAddress = this.addresses.encodeValidator(valAddr);
    const pool = this.pool(store, valAddr) ?? emptyPool(validatorAddress);
    const member = this.member(store, delegator, valAddr);
    if (member === undefined) throw ErrNotMember.wrap();
    const totalUnits = Dec.fromProto(pool.totalUnits);
    const memberUnits = Dec.fromProto(member.units);
    const idle = Coins.fromProto(pool.idle);
    const sharesOut = shares ?? sharesForUnits(units, totalUnits, this.poolShares(ctx, valAddr));
    const idleOut = shares === undefined ? idleForUnits(units, totalUnits, idle) : Coins.empty();

    if (sharesOut.isPositive()) this.staking.transferDelegationShares(ctx, this.poolAddress, delegator, valAddr, sharesOut);
    if (!idleOut.isEmpty()) this.bank.sendCoinsFromModuleToAccount(ctx, RESTAKING_MODULE, delegator, idleOut);

    const remainingUnits = totalUnits.sub(units);
    const remainingMember = memberUnits.sub(units);
    if (remainingMember.isPositive()) this.setMember(ctx, delegator, valAddr, { ...member, units: remainingMember.toProto() });
    else this.deleteMember(ctx, delegator, valAddr);
    if (remainingUnits.isPositive()) this.setPool(ctx, valAddr, { ...pool, totalUnits: remainingUnits.toProto(), idle: idle.sub(idleOut).toProto() });
    else Pools.delete(store, valAddr);
    ctx.events.emit(leaveEvent(member.delegatorAddress, validatorAddress, sharesOut.toString(), units.toString(), idleOut.toString()));
    return units;
  }

  // --- explicit restake (MsgRestakeRewards) ------------------------------------------------

  /**
   * Plume's restakeRewards(): the rewards of every delegation of the delegator (its own ones; its
   * pool stake compounds by itself) are withdrawn, in validator-address order, and their
   * bond-denom total is delegated to `valAddr` (the cap applies: its refusal is staking's
   * plume-staking/2). Refused before anything moves when the rewards would be paid to another
   * withdraw address, and, with the whole message undone, when there is nothing to restake.
   * A member of the target's pool gets the new stake into the pool. Returns the amount delegated.
   */
  restakeRewards(ctx: Context, delegator: Bytes, valAddr: Bytes): Coin {
    const validator = this.requireValidator(ctx, valAddr);
    const withdrawTo = this.distribution.withdrawAddress(this.distribution.store(ctx), delegator);
    if (!equalBytes(withdrawTo, delegator)) throw ErrWithdrawAddressDiffers.wrap(`withdraw address is ${this.addresses.encodeAccount(withdrawTo)}`);
    const delegations = this.staking.getDelegatorDelegations(ctx, delegator);
    let withdrawn = Coins.empty();
    for (const d of delegations) withdrawn = withdrawn.add(this.distribution.withdrawDelegatorReward(ctx, delegator, this.addresses.decodeValidator(d.validatorAddress)));
    const denom = this.staking.bondDenom(ctx);
    const amount = withdrawn.amountOf(denom);
    const delegatorAddress = this.addresses.encodeAccount(delegator);
    if (!amount.isPositive()) throw ErrNothingToRestake.wrap(`${delegatorAddress} has no pending ${denom} rewards on its ${delegations.length} delegations`);
    this.staking.delegate(ctx, delegator, amount, BondStatus.BOND_STATUS_UNBONDED, this.requireValidator(ctx, valAddr), true, "compounding");
    if (this.member(this.store(ctx), delegator, valAddr) !== undefined) this.join(ctx, delegator, valAddr);
    const coin = Coin.of(denom, amount);
    ctx.events.emit(restakeEvent(delegatorAddress, validator.operatorAddress, withdrawn.toString(), delegations.length, coin.toString()));
    return coin;
  }

  // --- compounding --------------------------------------------------------------------------

  /**
   * One pool's compounding: its rewards withdrawn once, its idle bond-denom coins delegated once to
   * its validator, as far as the decentralization cap lets (the rest stays idle). O(1) whatever
   * the number of members. A pool without units or without its delegation is left alone; a
   * validator that accepts no delegation (no tokens) keeps the rewards idle.
   */
  compoundPool(ctx: Context, valAddr: Bytes): CompoundResult | undefined {
    const store = this.store(ctx);
    const pool = this.pool(store, valAddr);
    if (pool === undefined || !Dec.fromProto(pool.totalUnits).isPositive()) return undefined;
    if (this.staking.getDelegation(ctx, this.poolAddress, valAddr) === undefined) return undefined;
    const validator = this.requireValidator(ctx, valAddr);

    const rewards = this.distribution.withdrawDelegatorReward(ctx, this.poolAddress, valAddr);
    let idle = Coins.fromProto(pool.idle).add(rewards);
    const denom = this.staking.bondDenom(ctx);
    const available = idle.amountOf(denom);
    // x/staking refuses any delegation to a validator with shares and no tokens (its exchange rate
    // is undefined): then nothing is delegated, so that joining and leaving still work.
    const acceptsStake = !(Int.fromProto(validator.tokens).isZero() && Dec.fromProto(validator.delegatorShares).isPositive());
    const headroom = !available.isPositive() ? undefined : acceptsStake ? this.staking.incomingStakeHeadroom(ctx, validator) : 0n;
    const { amount, heldBack } = compoundable(available, headroom);
    if (amount.isPositive()) {
      this.staking.delegate(ctx, this.poolAddress, amount, BondStatus.BOND_STATUS_UNBONDED, validator, true, "compounding");
      idle = idle.sub(Coin.of(denom, amount));
    }
    this.setPool(ctx, valAddr, {
      ...pool,
      idle: idle.toProto(),
      lastCompounded: amount.toString(),
      lastHeldBack: heldBack.toString(),
      heldBackReason: !heldBack.isPositive() ? "" : acceptsStake ? HELD_BACK_BY_CAP : HELD_BACK_NO_TOKENS,
    });
    const after = this.requireValidator(ctx, valAddr);
    ctx.events.emit(
      compoundEvent({
        validator: pool.validatorAddress,
        rewards: rewards.toString(),
        compounded: Coins.of(Coin.of(denom, amount)).toString(),
        heldBack: Coins.of(Coin.of(denom, heldBack)).toString(),
        newTokens: after.tokens,
      }),
    );
    return { rewards, compounded: amount, heldBack };
  }

  /**
   * BeginBlock: at a compounding height, every pool in operator-address order, each on its own
   * branch: a pool whose compounding fails (its validator refuses delegations, e.g. slashed to
   * zero tokens) is logged and skipped, and the block goes on. O(pools).
   */
  beginBlock(ctx: Context): void {
    const params = this.getParams(ctx);
    if (!isCompoundingHeight(ctx.height, params)) return;
    const validators = [...this.pools(this.store(ctx))].map(([v]) => v);
    for (const valAddr of validators) {
      const branch = ctx.branch();
      try {
        this.compoundPool(branch, valAddr);
        branch.multiStore.write();
        ctx.events.emitAll(branch.events.events());
      } catch (err) {
        if (!(err instanceof Error)) throw err;
        ctx.logger.error("restaking: pool not compounded", { module: "x/restaking", validator: this.addresses.encodeValidator(valAddr), error: err.message });
      }
    }
    this.setLastCompoundHeight(ctx, ctx.height);
  }
}
