/**
 * x/staking's keeper: the sole owner of the "staking" store. Semantics are Cosmos SDK v0.50's
 * (x/staking/keeper/{validator,delegation,pool,unbonding,msg_server}.go); each method names the SDK
 * function it mirrors. The validator-set update (val-state-change.ts), slashing (slash.ts) and
 * historical info (historical-info.ts) live in their own files and are exposed here.
 *
 * `StakingReader` reads any KVStoreReader (queries at a height, invariants); `StakingKeeper` adds the
 * writes, always through a Context.
 */
import type { Coin as ProtoCoin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import {
  BondStatus,
  Delegation,
  HistoricalInfo,
  Params,
  Redelegation,
  UnbondingDelegation,
  Validator,
  type Description,
  type UnbondingDelegationEntry,
} from "cosmjs-types/cosmos/staking/v1beta1/staking";
import type { Any } from "cosmjs-types/google/protobuf/any";
import type { Timestamp } from "cosmjs-types/google/protobuf/timestamp";
import type { ValidatorUpdate } from "cosmjs-types/tendermint/abci/types";
import { moduleAddress, type AddressCodec } from "../../app/address";
import { concatBytes } from "../../app/collections";
import type { Context } from "../../app/context";
import { ErrInvalidRequest, ErrNotFound, ErrPanic } from "../../app/errors";
import { Coin, Coins, Dec, Int, sdkPanic } from "../../app/math";
import type { Bytes, KVStore, KVStoreReader } from "../../app/store/types";
import { equalBytes } from "../../app/store";
import {
  aboveCap,
  capBinds,
  capEnabled,
  capOf,
  defaultCapParams,
  formatCapPercent,
  formatPercentUp,
  judgeIncomingStake,
  maxTokensToEnter,
  minValidatorsForCap,
  validateCapParams,
  type CapParams,
} from "./cap";
import {
  ErrBadRedelegationDst,
  ErrBadRedelegationSrc,
  ErrBadRemoveValidator,
  ErrCommissionLTMinRate,
  ErrDelegatorShareExRateInvalid,
  ErrGovInvalidSigner,
  ErrMaxRedelegationEntries,
  ErrMaxUnbondingDelegationEntries,
  ErrMinSelfDelegationDecreased,
  ErrNoDelegation,
  ErrNoDelegatorForAddress,
  ErrNoRedelegation,
  ErrNoUnbondingDelegation,
  ErrNoValidatorFound,
  ErrNotEnoughDelegationShares,
  ErrSelfDelegationBelowMinimum,
  ErrSelfRedelegation,
  ErrTinyRedelegationAmount,
  ErrTransitiveRedelegation,
  ErrValidatorJailed,
  ErrValidatorOwnerExists,
  ErrValidatorPowerCapExceeded,
  ErrValidatorPubKeyExists,
  ErrValidatorPubKeyTypeNotSupported,
} from "./errors";
import type { StakingAccountKeeper, StakingBankKeeper, StakingPooledStake } from "./expected-keepers";
import { trackHistoricalInfo } from "./historical-info";
import { HookReentrancyError, StakingHooksRegistry } from "./hooks";
import { defaultStakingParams, plainError, validateStakingParams } from "./params";
import { consensusAddress, decodeConsensusPubKey } from "./pubkey";
import { jail, slash, unjail } from "./slash";
import {
  CapParamsItem,
  Delegations,
  DelegationsByValidator,
  HistoricalInfos,
  LastTotalPower,
  LastUnbondingId,
  LastValidatorPowers,
  ParamsItem,
  RedelegationQueue,
  Redelegations,
  RedelegationsByDst,
  RedelegationsBySrc,
  STAKING_STORE,
  UnbondingDelegations,
  UnbondingDelegationsByValidator,
  UnbondingIndex,
  UnbondingQueue,
  UnbondingType,
  UnbondingTypes,
  ValidatorQueue,
  Validators,
  ValidatorsByConsAddr,
  ValidatorsByPower,
  addressPrefix,
  inclusiveEnd,
  TimeKey,
  ValidatorQueueKeyCodec,
} from "./state-keys";
import { GO_ZERO_TIME, addDuration, compareTimestamps } from "./time";
import { applyAndReturnValidatorSetUpdates, blockValidatorUpdates, jailValidator } from "./val-state-change";
import {
  addTokensFromDel,
  delegatorSharesOf,
  ensureDescriptionLength,
  invalidExRate,
  isBonded,
  isMature,
  isOnHold,
  isUnbonded,
  isUnbonding,
  minSelfDelegationOf,
  newValidator,
  potentialConsensusPower,
  removeDelShares,
  removeTokens,
  sharesFromTokens,
  sharesFromTokensTruncated,
  tokensFromShares,
  tokensOf,
  updateDescription,
  validateNewCommissionRate,
} from "./validator";

export const BONDED_POOL_NAME = "bonded_tokens_pool";
export const NOT_BONDED_POOL_NAME = "not_bonded_tokens_pool";

/** Where the tokens of a delegation come from (Delegate's tokenSrc). */
export type TokenSource = BondStatus.BOND_STATUS_UNBONDED | BondStatus.BOND_STATUS_UNBONDING | BondStatus.BOND_STATUS_BONDED;

/**
 * What kind of operation brings new stake to a validator, named in the cap's refusals. A new path
 * that adds stake (compounding, restaking) adds its kind here and calls `delegate` with it.
 */
export type IncomingStake = "initial self-delegation" | "delegation" | "redelegation" | "cancelled unbonding" | "compounding";

/** sdk.NewCoins(sdk.NewCoin(denom, amount)): empty for a zero amount. */
function coinsOf(denom: string, amount: Int): Coins {
  return Coins.of(Coin.of(denom, amount));
}

/** Read-only access to staking state through any store reader (queries, invariants, genesis export). */
export class StakingReader {
  constructor(readonly addresses: AddressCodec) {}

  params(store: KVStoreReader): Params {
    return ParamsItem.get(store) ?? defaultStakingParams();
  }

  capParams(store: KVStoreReader): CapParams {
    return CapParamsItem.get(store) ?? defaultCapParams();
  }

  validator(store: KVStoreReader, operator: Bytes): Validator | undefined {
    return Validators.get(store, operator);
  }

  validatorByConsAddr(store: KVStoreReader, consAddr: Bytes): Validator | undefined {
    const operator = ValidatorsByConsAddr.get(store, consAddr);
    return operator === undefined ? undefined : Validators.get(store, operator);
  }

  delegation(store: KVStoreReader, delegator: Bytes, validator: Bytes): Delegation | undefined {
    return Delegations.get(store, [delegator, validator]);
  }

  unbondingDelegation(store: KVStoreReader, delegator: Bytes, validator: Bytes): UnbondingDelegation | undefined {
    return UnbondingDelegations.get(store, [delegator, validator]);
  }

  redelegation(store: KVStoreReader, delegator: Bytes, src: Bytes, dst: Bytes): Redelegation | undefined {
    return Redelegations.get(store, [delegator, src, dst]);
  }

  historicalInfo(store: KVStoreReader, height: bigint): HistoricalInfo | undefined {
    return height < 0n ? undefined : HistoricalInfos.get(store, height);
  }

  lastTotalPower(store: KVStoreReader): bigint {
    return LastTotalPower.get(store) ?? 0n;
  }

  /** The bonded set as of the last EndBlock: operator -> power, by operator address. */
  *lastValidatorPowers(store: KVStoreReader): IterableIterator<[Bytes, bigint]> {
    yield* LastValidatorPowers.entries(store);
  }

  *allValidators(store: KVStoreReader): IterableIterator<Validator> {
    for (const [, v] of Validators.entries(store)) yield v;
  }

  *allDelegations(store: KVStoreReader): IterableIterator<Delegation> {
    for (const [, d] of Delegations.entries(store)) yield d;
  }

  *allUnbondingDelegations(store: KVStoreReader): IterableIterator<UnbondingDelegation> {
    for (const [, u] of UnbondingDelegations.entries(store)) yield u;
  }

  *allRedelegations(store: KVStoreReader): IterableIterator<Redelegation> {
    for (const [, r] of Redelegations.entries(store)) yield r;
  }

  *delegatorDelegations(store: KVStoreReader, delegator: Bytes): IterableIterator<Delegation> {
    for (const [, d] of Delegations.entries(store, { subPrefix: addressPrefix(delegator) })) yield d;
  }

  /** GetValidatorDelegations, through the by-validator index (no scan of other validators). */
  *validatorDelegations(store: KVStoreReader, validator: Bytes): IterableIterator<Delegation> {
    for (const [[, delegator]] of DelegationsByValidator.entries(store, { subPrefix: addressPrefix(validator) })) {
      const d = Delegations.get(store, [delegator, validator]);
      if (d !== undefined) yield d;
    }
  }

  *validatorUnbondingDelegations(store: KVStoreReader, validator: Bytes): IterableIterator<UnbondingDelegation> {
    for (const [[, delegator]] of UnbondingDelegationsByValidator.entries(store, { subPrefix: addressPrefix(validator) })) {
      const u = UnbondingDelegations.get(store, [delegator, validator]);
      if (u !== undefined) yield u;
    }
  }

  *redelegationsFromValidator(store: KVStoreReader, src: Bytes): IterableIterator<Redelegation> {
    for (const [[, delegator, dst]] of RedelegationsBySrc.entries(store, { subPrefix: addressPrefix(src) })) {
      const r = Redelegations.get(store, [delegator, src, dst]);
      if (r !== undefined) yield r;
    }
  }

  /** HasReceivingRedelegation: any redelegation of `delegator` into `dst` still maturing. */
  hasReceivingRedelegation(store: KVStoreReader, delegator: Bytes, dst: Bytes): boolean {
    const sub = concatBytes(addressPrefix(dst), addressPrefix(delegator));
    return RedelegationsByDst.entries(store, { subPrefix: sub }).next().done !== true;
  }

  /** Operators in the power index, highest power first (ties: lower operator bytes first). */
  *validatorsByPowerIndex(store: KVStoreReader): IterableIterator<Bytes> {
    for (const [, operator] of ValidatorsByPower.entries(store, { reverse: true })) yield operator;
  }

  /** GetLastValidators: the bonded set's validator records, by operator address. */
  lastValidators(store: KVStoreReader): Validator[] {
    const out: Validator[] = [];
    for (const [operator] of LastValidatorPowers.entries(store)) {
      const v = Validators.get(store, operator);
      if (v === undefined) throw sdkPanic(`validator record not found for address: ${Buffer.from(operator).toString("hex").toUpperCase()}`);
      out.push(v);
    }
    return out;
  }

  operatorBytes(v: Validator): Bytes {
    return this.addresses.decodeValidator(v.operatorAddress);
  }

  consAddress(v: Validator): Bytes {
    return consensusAddress(decodeConsensusPubKey(v.consensusPubkey));
  }
}

export interface StakingKeeperOptions {
  readonly addresses: AddressCodec;
  readonly accountKeeper: StakingAccountKeeper;
  readonly bankKeeper: StakingBankKeeper;
  /** Who may sign MsgUpdateParams (SDK default: the gov module account, bech32). */
  readonly authority: string;
  /** The hook registry distribution and slashing register into (created empty if omitted). */
  readonly hooks?: StakingHooksRegistry;
}

export class StakingKeeper extends StakingReader {
  readonly accountKeeper: StakingAccountKeeper;
  readonly bankKeeper: StakingBankKeeper;
  readonly authority: string;
  readonly hooks: StakingHooksRegistry;
  readonly bondedPoolAddress: Bytes = moduleAddress(BONDED_POOL_NAME);
  readonly notBondedPoolAddress: Bytes = moduleAddress(NOT_BONDED_POOL_NAME);

  constructor(options: StakingKeeperOptions) {
    super(options.addresses);
    this.accountKeeper = options.accountKeeper;
    this.bankKeeper = options.bankKeeper;
    this.authority = options.authority;
    this.hooks = options.hooks ?? new StakingHooksRegistry();
  }

  /** x/restaking's pools (StakingPooledStake), set once at wiring; without it nothing changes. */
  private pooledStake: StakingPooledStake | undefined;

  setPooledStake(pooled: StakingPooledStake): void {
    if (this.pooledStake !== undefined) throw new Error("staking's pooled stake is set twice");
    this.pooledStake = pooled;
  }

  store(ctx: Context): KVStore {
    return ctx.kvStore(STAKING_STORE);
  }

  // --- params -----------------------------------------------------------------------------

  getParams(ctx: Context): Params {
    return this.params(this.store(ctx));
  }

  setParams(ctx: Context, params: Params): void {
    ParamsItem.set(this.store(ctx), params);
  }

  bondDenom(ctx: Context): string {
    return this.getParams(ctx).bondDenom;
  }

  minCommissionRate(ctx: Context): Dec {
    return Dec.fromProto(this.getParams(ctx).minCommissionRate);
  }

  getCapParams(ctx: Context): CapParams {
    return this.capParams(this.store(ctx));
  }

  setCapParams(ctx: Context, params: CapParams): void {
    CapParamsItem.set(this.store(ctx), params);
  }

  /** MsgUpdateParams (x/staking): authority check, Params.Validate, save. */
  updateParams(ctx: Context, authority: string, params: Params): void {
    if (authority !== this.authority) throw ErrGovInvalidSigner.wrap(`invalid authority; expected ${this.authority}, got ${authority}`);
    validateStakingParams(params);
    this.setParams(ctx, params);
  }

  /** plume.staking.v1.MsgUpdateParams: the cap's own params, same authority rule. */
  updateCapParams(ctx: Context, authority: string, params: CapParams): void {
    if (authority !== this.authority) throw ErrGovInvalidSigner.wrap(`invalid authority; expected ${this.authority}, got ${authority}`);
    validateCapParams(params);
    this.setCapParams(ctx, params);
  }

  // --- validators ---------------------------------------------------------------------------

  getValidator(ctx: Context, operator: Bytes): Validator | undefined {
    return this.validator(this.store(ctx), operator);
  }

  /** GetValidator with the SDK's error. */
  requireValidator(ctx: Context, operator: Bytes): Validator {
    const v = this.getValidator(ctx, operator);
    if (v === undefined) throw ErrNoValidatorFound.wrap();
    return v;
  }

  /** mustGetValidator: a missing record here is a broken invariant (the SDK panics). */
  mustGetValidator(ctx: Context, operator: Bytes): Validator {
    const v = this.getValidator(ctx, operator);
    if (v === undefined) throw sdkPanic(`validator record not found for address: ${Buffer.from(operator).toString("hex").toUpperCase()}`);
    return v;
  }

  getValidatorByConsAddr(ctx: Context, consAddr: Bytes): Validator | undefined {
    return this.validatorByConsAddr(this.store(ctx), consAddr);
  }

  /** IterateValidators: every validator, by operator address. */
  iterateValidators(ctx: Context): IterableIterator<Validator> {
    return this.allValidators(this.store(ctx));
  }

  setValidator(ctx: Context, v: Validator): void {
    Validators.set(this.store(ctx), this.operatorBytes(v), v);
  }

  setValidatorByConsAddr(ctx: Context, v: Validator): void {
    ValidatorsByConsAddr.set(this.store(ctx), this.consAddress(v), this.operatorBytes(v));
  }

  private powerKey(v: Validator): { power: bigint; operator: Bytes } {
    return { power: potentialConsensusPower(v), operator: this.operatorBytes(v) };
  }

  /** SetValidatorByPowerIndex: jailed validators are kept out of the index. */
  setValidatorByPowerIndex(ctx: Context, v: Validator): void {
    if (v.jailed) return;
    const key = this.powerKey(v);
    ValidatorsByPower.set(this.store(ctx), key, key.operator);
  }

  deleteValidatorByPowerIndex(ctx: Context, v: Validator): void {
    ValidatorsByPower.delete(this.store(ctx), this.powerKey(v));
  }

  setNewValidatorByPowerIndex(ctx: Context, v: Validator): void {
    const key = this.powerKey(v);
    ValidatorsByPower.set(this.store(ctx), key, key.operator);
  }

  /** Private: only `delegate` adds tokens to a validator, so that the cap sees every addition. */
  private addValidatorTokensAndShares(ctx: Context, v: Validator, tokens: Int): [Validator, Dec] {
    this.deleteValidatorByPowerIndex(ctx, v);
    const [updated, shares] = addTokensFromDel(v, tokens);
    this.setValidator(ctx, updated);
    this.setValidatorByPowerIndex(ctx, updated);
    return [updated, shares];
  }

  removeValidatorTokensAndShares(ctx: Context, v: Validator, shares: Dec): [Validator, Int] {
    this.deleteValidatorByPowerIndex(ctx, v);
    const [updated, tokens] = removeDelShares(v, shares);
    this.setValidator(ctx, updated);
    this.setValidatorByPowerIndex(ctx, updated);
    return [updated, tokens];
  }

  removeValidatorTokens(ctx: Context, v: Validator, tokens: Int): Validator {
    this.deleteValidatorByPowerIndex(ctx, v);
    const updated = removeTokens(v, tokens);
    this.setValidator(ctx, updated);
    this.setValidatorByPowerIndex(ctx, updated);
    return updated;
  }

  /**
   * RemoveValidator: only an Unbonded validator without tokens; deletes the record and its indexes
   * (the bonded index is ApplyAndReturnValidatorSetUpdates' business), then afterValidatorRemoved.
   */
  removeValidator(ctx: Context, operator: Bytes): void {
    const v = this.getValidator(ctx, operator);
    if (v === undefined) return;
    if (!isUnbonded(v)) throw ErrBadRemoveValidator.wrap("cannot call RemoveValidator on bonded or unbonding validators");
    if (tokensOf(v).isPositive()) throw ErrBadRemoveValidator.wrap("attempting to remove a validator which still contains tokens");
    const consAddr = this.consAddress(v);
    const store = this.store(ctx);
    Validators.delete(store, operator);
    ValidatorsByConsAddr.delete(store, consAddr);
    ValidatorsByPower.delete(store, this.powerKey(v));
    this.callLogged(ctx, "after validator removed", () => this.hooks.afterValidatorRemoved(ctx, consAddr, operator));
  }

  getLastValidatorPower(ctx: Context, operator: Bytes): bigint | undefined {
    return LastValidatorPowers.get(this.store(ctx), operator);
  }

  setLastValidatorPower(ctx: Context, operator: Bytes, power: bigint): void {
    LastValidatorPowers.set(this.store(ctx), operator, power);
  }

  deleteLastValidatorPower(ctx: Context, operator: Bytes): void {
    LastValidatorPowers.delete(this.store(ctx), operator);
  }

  getLastTotalPower(ctx: Context): bigint {
    return this.lastTotalPower(this.store(ctx));
  }

  setLastTotalPower(ctx: Context, power: bigint): void {
    LastTotalPower.set(this.store(ctx), power);
  }

  getLastValidators(ctx: Context): Validator[] {
    const validators = this.lastValidators(this.store(ctx));
    if (validators.length > this.getParams(ctx).maxValidators) throw sdkPanic("more validators than maxValidators found");
    return validators;
  }

  /** GetBondedValidatorsByPower: the bonded validators among the top max_validators of the index. */
  getBondedValidatorsByPower(ctx: Context): Validator[] {
    const max = this.getParams(ctx).maxValidators;
    const out: Validator[] = [];
    for (const operator of this.validatorsByPowerIndex(this.store(ctx))) {
      if (out.length >= max) break;
      const v = this.mustGetValidator(ctx, operator);
      if (isBonded(v)) out.push(v);
    }
    return out;
  }

  // --- validator queue ----------------------------------------------------------------------

  getUnbondingValidators(ctx: Context, time: Timestamp, height: bigint): string[] {
    return ValidatorQueue.get(this.store(ctx), { time, height })?.addresses ?? [];
  }

  insertUnbondingValidatorQueue(ctx: Context, v: Validator): void {
    const key = { time: v.unbondingTime, height: v.unbondingHeight };
    ValidatorQueue.set(this.store(ctx), key, { addresses: [...this.getUnbondingValidators(ctx, key.time, key.height), v.operatorAddress] });
  }

  /** DeleteValidatorQueue: drops one validator from its (time, height) slot, compared as bytes. */
  deleteValidatorQueue(ctx: Context, v: Validator): void {
    const key = { time: v.unbondingTime, height: v.unbondingHeight };
    const target = this.operatorBytes(v);
    const rest = this.getUnbondingValidators(ctx, key.time, key.height).filter((a) => !equalBytes(this.addresses.decodeValidator(a), target));
    if (rest.length === 0) ValidatorQueue.delete(this.store(ctx), key);
    else ValidatorQueue.set(this.store(ctx), key, { addresses: rest });
  }

  /**
   * UnbondAllMatureValidators: every queue slot up to (block time, block height) whose time and
   * height have both passed; validators finish unbonding (and are removed when no shares remain).
   */
  unbondAllMatureValidators(ctx: Context): void {
    const now = ctx.blockTime;
    const height = ctx.height;
    const store = this.store(ctx);
    const end = inclusiveEnd(ValidatorQueueKeyCodec.encode({ time: now, height: height < 0n ? 0n : height }));
    for (const [key, value] of ValidatorQueue.entries(store, { end })) {
      if (!(key.height <= height && compareTimestamps(key.time, now) <= 0)) continue;
      for (const address of value.addresses) {
        const operator = this.addresses.decodeValidator(address);
        const found = this.getValidator(ctx, operator);
        if (found === undefined) throw ErrNoValidatorFound.wrap("validator in the unbonding queue was not found");
        if (!isUnbonding(found)) throw plainError("unexpected validator in unbonding queue; status was not unbonding");
        if (found.unbondingOnHoldRefCount !== 0n) continue;
        for (const id of found.unbondingIds) this.deleteUnbondingIndex(ctx, id);
        const v: Validator = { ...found, status: BondStatus.BOND_STATUS_UNBONDED };
        this.setValidator(ctx, v);
        // The SDK clears the in-memory unbonding ids of a validator that stays but does not save
        // them; the stored record keeps its ids, and so does plumed's.
        if (delegatorSharesOf(v).isZero()) this.removeValidator(ctx, operator);
        this.deleteValidatorQueue(ctx, v);
      }
    }
  }

  // --- unbonding ids ------------------------------------------------------------------------

  incrementUnbondingId(ctx: Context): bigint {
    const store = this.store(ctx);
    const id = (LastUnbondingId.get(store) ?? 0n) + 1n;
    LastUnbondingId.set(store, id);
    return id;
  }

  setUnbondingIndex(ctx: Context, id: bigint, storeKey: Bytes, type: bigint): void {
    const store = this.store(ctx);
    UnbondingIndex.set(store, id, storeKey);
    UnbondingTypes.set(store, id, type);
  }

  /**
   * DeleteUnbondingIndex. (The SDK leaves the id's type entry behind forever; plumed deletes it
   * with the index, which no query or hook can observe.)
   */
  deleteUnbondingIndex(ctx: Context, id: bigint): void {
    const store = this.store(ctx);
    UnbondingIndex.delete(store, id);
    UnbondingTypes.delete(store, id);
  }

  // --- delegations --------------------------------------------------------------------------

  getDelegation(ctx: Context, delegator: Bytes, validator: Bytes): Delegation | undefined {
    return this.delegation(this.store(ctx), delegator, validator);
  }

  /** GetDelegatorDelegations: every delegation of one delegator, by validator address bytes. */
  getDelegatorDelegations(ctx: Context, delegator: Bytes): Delegation[] {
    return [...this.delegatorDelegations(this.store(ctx), delegator)];
  }

  /** GetDelegation with the SDK's error (what slashing's Unjail answers without a self-delegation). */
  requireDelegation(ctx: Context, delegator: Bytes, validator: Bytes): Delegation {
    const d = this.getDelegation(ctx, delegator, validator);
    if (d === undefined) throw ErrNoDelegation.wrap();
    return d;
  }

  setDelegation(ctx: Context, delegator: Bytes, validator: Bytes, d: Delegation): void {
    const store = this.store(ctx);
    Delegations.set(store, [delegator, validator], d);
    DelegationsByValidator.set(store, [validator, delegator], true);
  }

  /** RemoveDelegation: beforeDelegationRemoved, then the delegation and its index go. */
  removeDelegation(ctx: Context, delegator: Bytes, validator: Bytes): void {
    this.hooks.beforeDelegationRemoved(ctx, delegator, validator);
    const store = this.store(ctx);
    Delegations.delete(store, [delegator, validator]);
    DelegationsByValidator.delete(store, [validator, delegator]);
  }

  getUnbondingDelegation(ctx: Context, delegator: Bytes, validator: Bytes): UnbondingDelegation | undefined {
    return this.unbondingDelegation(this.store(ctx), delegator, validator);
  }

  setUnbondingDelegation(ctx: Context, delegator: Bytes, validator: Bytes, ubd: UnbondingDelegation): void {
    const store = this.store(ctx);
    UnbondingDelegations.set(store, [delegator, validator], ubd);
    UnbondingDelegationsByValidator.set(store, [validator, delegator], true);
  }

  removeUnbondingDelegation(ctx: Context, delegator: Bytes, validator: Bytes): void {
    const store = this.store(ctx);
    UnbondingDelegations.delete(store, [delegator, validator]);
    UnbondingDelegationsByValidator.delete(store, [validator, delegator]);
  }

  hasMaxUnbondingDelegationEntries(ctx: Context, delegator: Bytes, validator: Bytes): boolean {
    const entries = this.getUnbondingDelegation(ctx, delegator, validator)?.entries.length ?? 0;
    return entries >= this.getParams(ctx).maxEntries;
  }

  /**
   * SetUnbondingDelegationEntry: takes a new unbonding id (always), merges into an entry with the
   * same creation height and completion time if there is one, else appends; only a new entry is
   * indexed by its id and reported to afterUnbondingInitiated.
   */
  setUnbondingDelegationEntry(ctx: Context, delegator: Bytes, validator: Bytes, creationHeight: bigint, completionTime: Timestamp, balance: Int): UnbondingDelegation {
    const id = this.incrementUnbondingId(ctx);
    const existing = this.getUnbondingDelegation(ctx, delegator, validator);
    let ubd: UnbondingDelegation;
    let isNew = true;
    const fresh: UnbondingDelegationEntry = {
      creationHeight,
      completionTime,
      initialBalance: balance.toProto(),
      balance: balance.toProto(),
      unbondingId: id,
      unbondingOnHoldRefCount: 0n,
    };
    if (existing !== undefined) {
      const i = existing.entries.findIndex((e) => e.creationHeight === creationHeight && compareTimestamps(e.completionTime, completionTime) === 0);
      if (i >= 0) {
        const e = existing.entries[i] as UnbondingDelegationEntry;
        const merged = { ...e, balance: Int.fromProto(e.balance).add(balance).toProto(), initialBalance: Int.fromProto(e.initialBalance).add(balance).toProto() };
        ubd = { ...existing, entries: existing.entries.map((x, j) => (j === i ? merged : x)) };
        isNew = false;
      } else {
        ubd = { ...existing, entries: [...existing.entries, fresh] };
      }
    } else {
      ubd = {
        delegatorAddress: this.addresses.encodeAccount(delegator),
        validatorAddress: this.addresses.encodeValidator(validator),
        entries: [fresh],
      };
    }
    this.setUnbondingDelegation(ctx, delegator, validator, ubd);
    if (isNew) {
      this.setUnbondingIndex(ctx, id, UnbondingDelegations.storeKey([delegator, validator]), UnbondingType.UnbondingDelegation);
      this.callLogged(ctx, "after unbonding initiated", () => this.hooks.afterUnbondingInitiated(ctx, id));
    }
    return ubd;
  }

  /** InsertUBDQueue: appends the (delegator, validator) pair to the completion time's slot. */
  insertUBDQueue(ctx: Context, ubd: UnbondingDelegation, completionTime: Timestamp): void {
    const store = this.store(ctx);
    const pairs = UnbondingQueue.get(store, completionTime)?.pairs ?? [];
    UnbondingQueue.set(store, completionTime, { pairs: [...pairs, { delegatorAddress: ubd.delegatorAddress, validatorAddress: ubd.validatorAddress }] });
  }

  /** DequeueAllMatureUBDQueue: every slot up to and including `now`, deleted as it is read. */
  dequeueAllMatureUBDQueue(ctx: Context, now: Timestamp): { delegatorAddress: string; validatorAddress: string }[] {
    const store = this.store(ctx);
    const out: { delegatorAddress: string; validatorAddress: string }[] = [];
    for (const [time, slot] of UnbondingQueue.entries(store, { end: inclusiveEnd(TimeKey.encode(now)) })) {
      out.push(...slot.pairs);
      UnbondingQueue.delete(store, time);
    }
    return out;
  }

  getRedelegation(ctx: Context, delegator: Bytes, src: Bytes, dst: Bytes): Redelegation | undefined {
    return this.redelegation(this.store(ctx), delegator, src, dst);
  }

  setRedelegation(ctx: Context, delegator: Bytes, src: Bytes, dst: Bytes, red: Redelegation): void {
    const store = this.store(ctx);
    Redelegations.set(store, [delegator, src, dst], red);
    RedelegationsBySrc.set(store, [src, delegator, dst], true);
    RedelegationsByDst.set(store, [dst, delegator, src], true);
  }

  removeRedelegation(ctx: Context, delegator: Bytes, src: Bytes, dst: Bytes): void {
    const store = this.store(ctx);
    Redelegations.delete(store, [delegator, src, dst]);
    RedelegationsBySrc.delete(store, [src, delegator, dst]);
    RedelegationsByDst.delete(store, [dst, delegator, src]);
  }

  hasMaxRedelegationEntries(ctx: Context, delegator: Bytes, src: Bytes, dst: Bytes): boolean {
    const red = this.getRedelegation(ctx, delegator, src, dst);
    return red !== undefined && red.entries.length >= this.getParams(ctx).maxEntries;
  }

  /** SetRedelegationEntry: a new entry (never merged), indexed by its new unbonding id. */
  setRedelegationEntry(
    ctx: Context,
    delegator: Bytes,
    src: Bytes,
    dst: Bytes,
    creationHeight: bigint,
    completionTime: Timestamp,
    balance: Int,
    sharesDst: Dec,
  ): Redelegation {
    const id = this.incrementUnbondingId(ctx);
    const entry = { creationHeight, completionTime, initialBalance: balance.toProto(), sharesDst: sharesDst.toProto(), unbondingId: id, unbondingOnHoldRefCount: 0n };
    const existing = this.getRedelegation(ctx, delegator, src, dst);
    const red: Redelegation =
      existing !== undefined
        ? { ...existing, entries: [...existing.entries, entry] }
        : {
            delegatorAddress: this.addresses.encodeAccount(delegator),
            validatorSrcAddress: this.addresses.encodeValidator(src),
            validatorDstAddress: this.addresses.encodeValidator(dst),
            entries: [entry],
          };
    this.setRedelegation(ctx, delegator, src, dst, red);
    this.setUnbondingIndex(ctx, id, Redelegations.storeKey([delegator, src, dst]), UnbondingType.Redelegation);
    this.callLogged(ctx, "after unbonding initiated", () => this.hooks.afterUnbondingInitiated(ctx, id));
    return red;
  }

  insertRedelegationQueue(ctx: Context, red: Redelegation, completionTime: Timestamp): void {
    const store = this.store(ctx);
    const triplets = RedelegationQueue.get(store, completionTime)?.triplets ?? [];
    RedelegationQueue.set(store, completionTime, {
      triplets: [...triplets, { delegatorAddress: red.delegatorAddress, validatorSrcAddress: red.validatorSrcAddress, validatorDstAddress: red.validatorDstAddress }],
    });
  }

  dequeueAllMatureRedelegationQueue(ctx: Context, now: Timestamp): { delegatorAddress: string; validatorSrcAddress: string; validatorDstAddress: string }[] {
    const store = this.store(ctx);
    const out: { delegatorAddress: string; validatorSrcAddress: string; validatorDstAddress: string }[] = [];
    for (const [time, slot] of RedelegationQueue.entries(store, { end: inclusiveEnd(TimeKey.encode(now)) })) {
      out.push(...slot.triplets);
      RedelegationQueue.delete(store, time);
    }
    return out;
  }

  // --- pools --------------------------------------------------------------------------------

  bondedTokensToNotBonded(ctx: Context, tokens: Int): void {
    this.bankKeeper.sendCoinsFromModuleToModule(ctx, BONDED_POOL_NAME, NOT_BONDED_POOL_NAME, coinsOf(this.bondDenom(ctx), tokens));
  }

  notBondedTokensToBonded(ctx: Context, tokens: Int): void {
    this.bankKeeper.sendCoinsFromModuleToModule(ctx, NOT_BONDED_POOL_NAME, BONDED_POOL_NAME, coinsOf(this.bondDenom(ctx), tokens));
  }

  burnBondedTokens(ctx: Context, amount: Int): void {
    if (!amount.isPositive()) return;
    this.bankKeeper.burnCoins(ctx, BONDED_POOL_NAME, coinsOf(this.bondDenom(ctx), amount));
  }

  burnNotBondedTokens(ctx: Context, amount: Int): void {
    if (!amount.isPositive()) return;
    this.bankKeeper.burnCoins(ctx, NOT_BONDED_POOL_NAME, coinsOf(this.bondDenom(ctx), amount));
  }

  /** TotalBondedTokens: the bonded pool's balance of the bond denom. */
  totalBondedTokens(ctx: Context): Int {
    return this.bankKeeper.getBalance(ctx, this.bondedPoolAddress, this.bondDenom(ctx)).amount;
  }

  stakingTokenSupply(ctx: Context): Int {
    return this.bankKeeper.getSupply(ctx, this.bondDenom(ctx)).amount;
  }

  /** BondedRatio: bonded / supply (QuoInt, truncating), 0 without supply. */
  bondedRatio(ctx: Context): Dec {
    const supply = this.stakingTokenSupply(ctx);
    if (!supply.isPositive()) return Dec.zero();
    return Dec.fromInt(this.totalBondedTokens(ctx)).quoInt(supply);
  }

  // --- delegate / unbond --------------------------------------------------------------------

  /**
   * Delegate. `tokenSrc` is where the tokens are now: an account or the not-bonded pool
   * (Unbonded/Unbonding) or the bonded pool (Bonded, a redelegation from a bonded validator);
   * `fromAccount` takes them from the delegator's account (SDK: subtractAccount). Returns the new
   * shares.
   *
   * Every path that adds stake to a validator goes through here, and the decentralization cap is
   * checked first (checkIncomingStake): a future path (compounding, restaking) must call this with
   * its own `kind`, never move tokens to a validator itself.
   */
  delegate(ctx: Context, delegator: Bytes, amount: Int, tokenSrc: TokenSource, validator: Validator, fromAccount: boolean, kind: IncomingStake = "delegation"): Dec {
    if (invalidExRate(validator)) throw ErrDelegatorShareExRateInvalid.wrap();
    const valAddr = this.operatorBytes(validator);
    // The decentralization cap's seam: nothing adds tokens to a validator without passing here.
    this.checkIncomingStake(ctx, validator, amount, tokenSrc, kind);

    let delegation = this.getDelegation(ctx, delegator, valAddr);
    if (delegation !== undefined) {
      this.hooks.beforeDelegationSharesModified(ctx, delegator, valAddr);
    } else {
      delegation = Delegation.fromPartial({
        delegatorAddress: this.addresses.encodeAccount(delegator),
        validatorAddress: validator.operatorAddress,
        shares: Dec.zero().toProto(),
      });
      this.hooks.beforeDelegationCreated(ctx, delegator, valAddr);
    }

    if (fromAccount) {
      if (tokenSrc === BondStatus.BOND_STATUS_BONDED) throw sdkPanic("delegation token source cannot be bonded");
      const pool = isBonded(validator) ? BONDED_POOL_NAME : NOT_BONDED_POOL_NAME;
      this.bankKeeper.delegateCoinsFromAccountToModule(ctx, delegator, pool, coinsOf(this.bondDenom(ctx), amount));
    } else {
      const srcBonded = tokenSrc === BondStatus.BOND_STATUS_BONDED;
      if (!srcBonded && isBonded(validator)) this.notBondedTokensToBonded(ctx, amount);
      else if (srcBonded && !isBonded(validator)) this.bondedTokensToNotBonded(ctx, amount);
    }

    const [, newShares] = this.addValidatorTokensAndShares(ctx, validator, amount);
    const updated = { ...delegation, shares: Dec.fromProto(delegation.shares).add(newShares).toProto() };
    this.setDelegation(ctx, delegator, valAddr, updated);
    this.hooks.afterDelegationModified(ctx, delegator, valAddr);
    return newShares;
  }

  /**
   * Unbond: removes shares from a delegation (jailing the operator whose self-delegation falls
   * below its minimum) and the matching tokens from the validator; returns the tokens. Pool moves
   * are the caller's.
   */
  unbond(ctx: Context, delegator: Bytes, valAddr: Bytes, shares: Dec): Int {
    const delegation = this.getDelegation(ctx, delegator, valAddr);
    if (delegation === undefined) throw ErrNoDelegatorForAddress.wrap();
    this.hooks.beforeDelegationSharesModified(ctx, delegator, valAddr);
    const held = Dec.fromProto(delegation.shares);
    if (held.lt(shares)) throw ErrNotEnoughDelegationShares.wrap(held.toString());
    let validator = this.requireValidator(ctx, valAddr);
    const remaining = held.sub(shares);
    const updated = { ...delegation, shares: remaining.toProto() };

    if (equalBytes(delegator, valAddr) && !validator.jailed && tokensFromShares(validator, remaining).truncateInt().lt(minSelfDelegationOf(validator))) {
      jailValidator(this, ctx, validator);
      validator = this.mustGetValidator(ctx, valAddr);
    }

    if (remaining.isZero()) {
      this.removeDelegation(ctx, delegator, valAddr);
    } else {
      this.setDelegation(ctx, delegator, valAddr, updated);
      this.hooks.afterDelegationModified(ctx, delegator, valAddr);
    }

    const [after, amount] = this.removeValidatorTokensAndShares(ctx, validator, shares);
    if (delegatorSharesOf(after).isZero() && isUnbonded(after)) this.removeValidator(ctx, valAddr);
    return amount;
  }

  /**
   * Moves `shares` from one delegation to another on the same validator, with no token movement:
   * the validator's tokens, shares, status and power stay, so the pools, the power index and the
   * decentralization cap are untouched (x/restaking's join and leave, docs/restaking.md). Hooks run
   * as for an unbond from `from` and a delegation to `to`: BeforeDelegationSharesModified (and
   * BeforeDelegationRemoved when emptied) on the source, BeforeDelegationCreated or
   * BeforeDelegationSharesModified then AfterDelegationModified on the destination.
   */
  transferDelegationShares(ctx: Context, from: Bytes, to: Bytes, valAddr: Bytes, shares: Dec): void {
    if (!shares.isPositive()) throw ErrInvalidRequest.wrap("shares to transfer must be positive");
    const validator = this.requireValidator(ctx, valAddr);
    const source = this.getDelegation(ctx, from, valAddr);
    if (source === undefined) throw ErrNoDelegation.wrap();
    const held = Dec.fromProto(source.shares);
    if (held.lt(shares)) throw ErrNotEnoughDelegationShares.wrap(held.toString());
    this.hooks.beforeDelegationSharesModified(ctx, from, valAddr);
    const remaining = held.sub(shares);
    if (remaining.isZero()) this.removeDelegation(ctx, from, valAddr);
    else {
      this.setDelegation(ctx, from, valAddr, { ...source, shares: remaining.toProto() });
      this.hooks.afterDelegationModified(ctx, from, valAddr);
    }
    let target = this.getDelegation(ctx, to, valAddr);
    if (target !== undefined) this.hooks.beforeDelegationSharesModified(ctx, to, valAddr);
    else {
      target = Delegation.fromPartial({ delegatorAddress: this.addresses.encodeAccount(to), validatorAddress: validator.operatorAddress, shares: Dec.zero().toProto() });
      this.hooks.beforeDelegationCreated(ctx, to, valAddr);
    }
    this.setDelegation(ctx, to, valAddr, { ...target, shares: Dec.fromProto(target.shares).add(shares).toProto() });
    this.hooks.afterDelegationModified(ctx, to, valAddr);
  }

  /**
   * ValidateUnbondAmount: the shares worth `amount` tokens; refused when even the truncated share
   * count exceeds the delegation, capped at the delegation's shares otherwise (so that a full
   * withdrawal is possible despite rounding).
   */
  validateUnbondAmount(ctx: Context, delegator: Bytes, valAddr: Bytes, amount: Int): Dec {
    const validator = this.requireValidator(ctx, valAddr);
    const delegation = this.getDelegation(ctx, delegator, valAddr);
    if (delegation === undefined) throw ErrNoDelegation.wrap();
    let shares = sharesFromTokens(validator, amount);
    const truncated = sharesFromTokensTruncated(validator, amount);
    const held = Dec.fromProto(delegation.shares);
    if (truncated.gt(held)) throw ErrInvalidRequest.wrap("invalid shares amount");
    if (shares.gt(held)) shares = held;
    return shares;
  }

  /**
   * Undelegate: at most max_entries entries per (delegator, validator); tokens leave the bonded
   * pool if the validator was bonded; the entry completes at block time + unbonding_time.
   */
  undelegate(ctx: Context, delegator: Bytes, valAddr: Bytes, shares: Dec): { completionTime: Timestamp; amount: Int } {
    const validator = this.requireValidator(ctx, valAddr);
    if (this.hasMaxUnbondingDelegationEntries(ctx, delegator, valAddr)) throw ErrMaxUnbondingDelegationEntries.wrap();
    const amount = this.unbond(ctx, delegator, valAddr, shares);
    if (isBonded(validator)) this.bondedTokensToNotBonded(ctx, amount);
    const completionTime = addDuration(ctx.blockTime, this.getParams(ctx).unbondingTime);
    const ubd = this.setUnbondingDelegationEntry(ctx, delegator, valAddr, ctx.height, completionTime, amount);
    this.insertUBDQueue(ctx, ubd, completionTime);
    return { completionTime, amount };
  }

  /** CompleteUnbonding: pays out every mature entry not on hold; returns what was paid. */
  completeUnbonding(ctx: Context, delegator: Bytes, valAddr: Bytes): Coins {
    const ubd = this.getUnbondingDelegation(ctx, delegator, valAddr);
    if (ubd === undefined) throw ErrNoUnbondingDelegation.wrap();
    const denom = this.bondDenom(ctx);
    let paid = Coins.empty();
    const kept: UnbondingDelegationEntry[] = [];
    for (const entry of ubd.entries) {
      if (isMature(entry, ctx.blockTime) && !isOnHold(entry)) {
        this.deleteUnbondingIndex(ctx, entry.unbondingId);
        const balance = Int.fromProto(entry.balance);
        if (!balance.isZero()) {
          this.bankKeeper.undelegateCoinsFromModuleToAccount(ctx, NOT_BONDED_POOL_NAME, delegator, coinsOf(denom, balance));
          paid = paid.add(Coin.of(denom, balance));
        }
      } else {
        kept.push(entry);
      }
    }
    if (kept.length === 0) this.removeUnbondingDelegation(ctx, delegator, valAddr);
    else this.setUnbondingDelegation(ctx, delegator, valAddr, { ...ubd, entries: kept });
    return paid;
  }

  /**
   * getBeginInfo: a redelegation completes with the source's unbonding: now + unbonding_time from
   * a Bonded source, the source's own unbonding time/height from an Unbonding one, at once from an
   * Unbonded one. A source that disappeared during the unbond (an Unbonded validator whose last
   * shares just left) yields ErrNoValidatorFound, exactly as the SDK's named-return quirk does.
   */
  private beginInfo(ctx: Context, src: Bytes): { completionTime: Timestamp; height: bigint; completeNow: boolean } {
    const v = this.getValidator(ctx, src);
    if (v === undefined) throw ErrNoValidatorFound.wrap();
    if (isBonded(v)) return { completionTime: addDuration(ctx.blockTime, this.getParams(ctx).unbondingTime), height: ctx.height, completeNow: false };
    if (isUnbonded(v)) return { completionTime: GO_ZERO_TIME, height: 0n, completeNow: true };
    if (isUnbonding(v)) return { completionTime: v.unbondingTime, height: v.unbondingHeight, completeNow: false };
    throw sdkPanic(`unknown validator status: ${v.status}`);
  }

  /**
   * BeginRedelegation: refuses self-redelegation (29), unknown dst (31) or src (44), a transitive
   * redelegation (32: the delegator has a redelegation INTO src still maturing), too many entries
   * (33) and amounts that truncate to zero tokens (30); then unbonds from src and delegates to dst.
   */
  beginRedelegation(ctx: Context, delegator: Bytes, src: Bytes, dst: Bytes, shares: Dec): Timestamp {
    if (equalBytes(src, dst)) throw ErrSelfRedelegation.wrap();
    const dstValidator = this.getValidator(ctx, dst);
    if (dstValidator === undefined) throw ErrBadRedelegationDst.wrap();
    const srcValidator = this.getValidator(ctx, src);
    if (srcValidator === undefined) throw ErrBadRedelegationSrc.wrap();
    if (this.hasReceivingRedelegation(this.store(ctx), delegator, src)) throw ErrTransitiveRedelegation.wrap();
    if (this.hasMaxRedelegationEntries(ctx, delegator, src, dst)) throw ErrMaxRedelegationEntries.wrap();

    const amount = this.unbond(ctx, delegator, src, shares);
    if (amount.isZero()) throw ErrTinyRedelegationAmount.wrap();
    const sharesCreated = this.delegate(ctx, delegator, amount, srcValidator.status as TokenSource, dstValidator, false, "redelegation");

    const { completionTime, height, completeNow } = this.beginInfo(ctx, src);
    if (completeNow) return completionTime;
    const red = this.setRedelegationEntry(ctx, delegator, src, dst, height, completionTime, amount, sharesCreated);
    this.insertRedelegationQueue(ctx, red, completionTime);
    return completionTime;
  }

  /** CompleteRedelegation: drops mature entries; returns their initial balances. */
  completeRedelegation(ctx: Context, delegator: Bytes, src: Bytes, dst: Bytes): Coins {
    const red = this.getRedelegation(ctx, delegator, src, dst);
    if (red === undefined) throw ErrNoRedelegation.wrap();
    const denom = this.bondDenom(ctx);
    let balances = Coins.empty();
    const kept = red.entries.filter((entry) => {
      if (!(isMature(entry, ctx.blockTime) && !isOnHold(entry))) return true;
      this.deleteUnbondingIndex(ctx, entry.unbondingId);
      const initial = Int.fromProto(entry.initialBalance);
      if (!initial.isZero()) balances = balances.add(Coin.of(denom, initial));
      return false;
    });
    if (kept.length === 0) this.removeRedelegation(ctx, delegator, src, dst);
    else this.setRedelegation(ctx, delegator, src, dst, { ...red, entries: kept });
    return balances;
  }

  // --- message-level operations (the msg server's business rules) ---------------------------

  private requireBondDenom(ctx: Context, denom: string): void {
    const bondDenom = this.bondDenom(ctx);
    if (denom !== bondDenom) throw ErrInvalidRequest.wrap(`invalid coin denomination: got ${denom}, expected ${bondDenom}`);
  }

  /**
   * MsgCreateValidator after its stateless Validate: min commission (40), unused operator (4) and
   * consensus key (5), bond denom, description lengths, key type allowed by the consensus params
   * (6); then the validator, its indexes, afterValidatorCreated and the self-delegation.
   */
  createValidator(
    ctx: Context,
    args: {
      readonly operator: Bytes;
      readonly pubkey: Any;
      readonly description: Description;
      readonly rate: Dec;
      readonly maxRate: Dec;
      readonly maxChangeRate: Dec;
      readonly minSelfDelegation: Int;
      readonly value: ProtoCoin;
    },
  ): void {
    const minRate = this.minCommissionRate(ctx);
    if (args.rate.lt(minRate)) throw ErrCommissionLTMinRate.wrap(`cannot set validator commission to less than minimum rate of ${minRate.toString()}`);
    if (this.getValidator(ctx, args.operator) !== undefined) throw ErrValidatorOwnerExists.wrap();
    const pk = decodeConsensusPubKey(args.pubkey);
    if (this.getValidatorByConsAddr(ctx, consensusAddress(pk)) !== undefined) throw ErrValidatorPubKeyExists.wrap();
    this.requireBondDenom(ctx, args.value.denom);
    ensureDescriptionLength(args.description);
    const allowed = ctx.consensusParams?.validator?.pubKeyTypes;
    if (ctx.consensusParams?.validator !== undefined && allowed !== undefined && !allowed.includes(pk.type)) {
      throw ErrValidatorPubKeyTypeNotSupported.wrap(`got: ${pk.type}, expected: [${allowed.join(" ")}]`);
    }

    let validator = newValidator(this.addresses.encodeValidator(args.operator), args.pubkey, args.description);
    validator = {
      ...validator,
      commission: {
        commissionRates: { rate: args.rate.toProto(), maxRate: args.maxRate.toProto(), maxChangeRate: args.maxChangeRate.toProto() },
        updateTime: ctx.blockTime,
      },
      minSelfDelegation: args.minSelfDelegation.toProto(),
    };
    this.setValidator(ctx, validator);
    this.setValidatorByConsAddr(ctx, validator);
    this.setNewValidatorByPowerIndex(ctx, validator);
    this.hooks.afterValidatorCreated(ctx, args.operator);
    this.delegate(ctx, args.operator, Int.fromProto(args.value.amount), BondStatus.BOND_STATUS_UNBONDED, validator, true, "initial self-delegation");
  }

  /**
   * MsgEditValidator after its stateless checks: the commission floor, the validator, the
   * description ("[do-not-modify]" keeps a field), a commission change (24h, max rate, max change;
   * beforeValidatorModified), a min self delegation that only grows (17) and stays covered (16).
   * Returns the saved validator.
   */
  editValidator(ctx: Context, operator: Bytes, description: Description, newRate: Dec | undefined, newMinSelfDelegation: Int | undefined): Validator {
    if (newRate !== undefined) {
      const minRate = this.minCommissionRate(ctx);
      if (newRate.lt(minRate)) throw ErrInvalidRequest.wrap(`commission rate cannot be less than the min commission rate ${minRate.toString()}`);
    }
    let validator = this.requireValidator(ctx, operator);
    validator = { ...validator, description: updateDescription(validator.description, description) };
    if (newRate !== undefined) {
      validateNewCommissionRate(validator.commission, newRate, ctx.blockTime);
      const minRate = this.minCommissionRate(ctx);
      if (newRate.lt(minRate)) throw plainError(`cannot set validator commission to less than minimum rate of ${minRate.toString()}`);
      this.hooks.beforeValidatorModified(ctx, operator);
      validator = {
        ...validator,
        commission: { commissionRates: { ...validator.commission.commissionRates, rate: newRate.toProto() }, updateTime: ctx.blockTime },
      };
    }
    if (newMinSelfDelegation !== undefined) {
      if (!newMinSelfDelegation.gt(minSelfDelegationOf(validator))) throw ErrMinSelfDelegationDecreased.wrap();
      if (newMinSelfDelegation.gt(tokensOf(validator))) throw ErrSelfDelegationBelowMinimum.wrap();
      validator = { ...validator, minSelfDelegation: newMinSelfDelegation.toProto() };
    }
    this.setValidator(ctx, validator);
    return validator;
  }

  /** MsgDelegate after address and amount checks: the validator must exist, the denom be the bond denom. */
  delegateFromAccount(ctx: Context, delegator: Bytes, valAddr: Bytes, amount: ProtoCoin): Dec {
    const validator = this.requireValidator(ctx, valAddr);
    this.requireBondDenom(ctx, amount.denom);
    return this.delegate(ctx, delegator, Int.fromProto(amount.amount), BondStatus.BOND_STATUS_UNBONDED, validator, true);
  }

  /** MsgUndelegate after address and amount checks. */
  undelegateAmount(ctx: Context, delegator: Bytes, valAddr: Bytes, amount: ProtoCoin): { completionTime: Timestamp; amount: Int } {
    this.pooledStake?.coverUnbond(ctx, delegator, valAddr, Int.fromProto(amount.amount));
    const shares = this.validateUnbondAmount(ctx, delegator, valAddr, Int.fromProto(amount.amount));
    this.requireBondDenom(ctx, amount.denom);
    return this.undelegate(ctx, delegator, valAddr, shares);
  }

  /** MsgBeginRedelegate after address and amount checks. */
  redelegateAmount(ctx: Context, delegator: Bytes, src: Bytes, dst: Bytes, amount: ProtoCoin): Timestamp {
    this.pooledStake?.coverUnbond(ctx, delegator, src, Int.fromProto(amount.amount));
    const shares = this.validateUnbondAmount(ctx, delegator, src, Int.fromProto(amount.amount));
    this.requireBondDenom(ctx, amount.denom);
    return this.beginRedelegation(ctx, delegator, src, dst, shares);
  }

  /**
   * MsgCancelUnbondingDelegation after address, amount and height checks: re-delegates part or all
   * of the entry created at `creationHeight` (tokens come from the not-bonded pool).
   */
  cancelUnbondingDelegation(ctx: Context, delegator: Bytes, valAddr: Bytes, creationHeight: bigint, amount: ProtoCoin): void {
    this.requireBondDenom(ctx, amount.denom);
    const validator = this.requireValidator(ctx, valAddr);
    if (invalidExRate(validator)) throw ErrDelegatorShareExRateInvalid.wrap();
    if (validator.jailed) throw ErrValidatorJailed.wrap();
    const ubd = this.getUnbondingDelegation(ctx, delegator, valAddr);
    if (ubd === undefined) {
      throw plainError(
        `rpc error: code = NotFound desc = unbonding delegation with delegator ${this.addresses.encodeAccount(delegator)} not found for validator ${this.addresses.encodeValidator(valAddr)}`,
      );
    }
    const index = ubd.entries.findIndex((e) => e.creationHeight === creationHeight);
    if (index < 0) throw ErrNotFound.wrap(`unbonding delegation entry is not found at block height ${creationHeight}`);
    const entry = ubd.entries[index] as UnbondingDelegationEntry;
    const cancel = Int.fromProto(amount.amount);
    const balance = Int.fromProto(entry.balance);
    if (balance.lt(cancel)) throw ErrInvalidRequest.wrap("amount is greater than the unbonding delegation entry balance");
    if (compareTimestamps(entry.completionTime, ctx.blockTime) < 0) throw ErrInvalidRequest.wrap("unbonding delegation is already processed");

    this.delegate(ctx, delegator, cancel, BondStatus.BOND_STATUS_UNBONDING, validator, false, "cancelled unbonding");

    const left = balance.sub(cancel);
    let entries: UnbondingDelegationEntry[];
    if (left.isZero()) {
      entries = ubd.entries.filter((_, i) => i !== index);
      // The SDK leaves the removed entry's id index behind; nothing can reach it, so plumed drops it.
      this.deleteUnbondingIndex(ctx, entry.unbondingId);
    } else {
      const updated = { ...entry, balance: left.toProto(), initialBalance: Int.fromProto(entry.initialBalance).sub(cancel).toProto() };
      entries = ubd.entries.map((e, i) => (i === index ? updated : e));
    }
    if (entries.length === 0) this.removeUnbondingDelegation(ctx, delegator, valAddr);
    else this.setUnbondingDelegation(ctx, delegator, valAddr, { ...ubd, entries });
  }

  // --- the decentralization cap (docs/decentralization-cap.md) ------------------------------
  //
  // The rule lives in cap.ts; this section applies it with the keeper's state. Every way stake can
  // reach a validator passes through here:
  //   - new stake (MsgCreateValidator's self-delegation, MsgDelegate, the destination of
  //     MsgBeginRedelegate, MsgCancelUnbondingDelegation): `delegate` calls `checkIncomingStake`
  //     before moving any token. `delegate` is the only code that adds tokens to a validator
  //     (`addValidatorTokensAndShares` is private), so a future path that adds stake (compounding
  //     of rewards, restaking) MUST call `delegate` with its own `IncomingStake` kind: it is the seam.
  //   - a validator coming back into the set by unjail: `unjail` calls `checkCapOnReentry`.
  //   - any validator entering the set at EndBlock: val-state-change.ts forms the set with
  //     `chooseBondedSet`, which keeps out an entrant above the cap (the backstop for what the
  //     checks above could not foresee: the others shrinking, a displaced validator).

  /** How many validators are bonded, counting no further than `limit`. */
  countBondedValidators(ctx: Context, limit: bigint): bigint {
    let n = 0n;
    for (const _ of LastValidatorPowers.entries(this.store(ctx))) {
      n++;
      if (n >= limit) break;
    }
    return n;
  }

  /**
   * The cap and whether it binds in this block: N is the bonded set as of the last EndBlock, so
   * every tx of a block and the block's own EndBlock see the same answer.
   */
  capStatus(ctx: Context): { readonly cap: Dec; readonly binding: boolean } {
    const cap = capOf(this.getCapParams(ctx));
    if (!capEnabled(cap)) return { cap, binding: false };
    const threshold = minValidatorsForCap(cap);
    return { cap, binding: capBinds(cap, this.countBondedValidators(ctx, threshold)) };
  }

  /**
   * Refuses new stake that would lift a validator above max_validator_power_share of the bonded
   * tokens of the set it is in, or would be in once bonded (cap.ts, judgeIncomingStake), once the
   * cap binds. Called by `delegate` before any token moves, on the state every earlier message of
   * the block (and of the tx) left. The bonded pool's balance is the bonded total before the
   * operation: during a redelegation from a bonded validator the moving tokens are already off
   * the source but still in the pool.
   */
  checkIncomingStake(ctx: Context, validator: Validator, amount: Int, tokenSrc: TokenSource, kind: IncomingStake): void {
    const { cap, binding } = this.capStatus(ctx);
    if (!binding) return;
    const bonded = isBonded(validator);
    const verdict = judgeIncomingStake(cap, {
      validatorTokens: tokensOf(validator).toBigInt(),
      validatorBonded: bonded,
      bondedTotal: this.totalBondedTokens(ctx).toBigInt(),
      amount: amount.toBigInt(),
      fromBondedSet: tokenSrc === BondStatus.BOND_STATUS_BONDED,
    });
    if (!verdict.exceeds) return;
    const denom = this.bondDenom(ctx);
    const share = `${formatPercentUp(verdict.tokensAfter, verdict.totalAfter)}% of bonded power`;
    const reach = bonded ? `raise validator ${validator.operatorAddress} to ${share}` : `give validator ${validator.operatorAddress} ${share} once bonded`;
    throw ErrValidatorPowerCapExceeded.wrap(
      `${kind} of ${amount.toString()}${denom} would ${reach}, above the ${formatCapPercent(cap)}% cap; it can accept at most ${verdict.headroom}${denom} more`,
    );
  }

  /**
   * The most tokens from outside the bonded set (an account: a delegation, a compounding) the
   * validator may receive now without passing the cap; undefined while the cap does not bind (no
   * limit). The same headroom checkIncomingStake names in its refusals.
   */
  incomingStakeHeadroom(ctx: Context, validator: Validator): bigint | undefined {
    const { cap, binding } = this.capStatus(ctx);
    if (!binding) return undefined;
    return judgeIncomingStake(cap, {
      validatorTokens: tokensOf(validator).toBigInt(),
      validatorBonded: isBonded(validator),
      bondedTotal: this.totalBondedTokens(ctx).toBigInt(),
      amount: 0n,
      fromBondedSet: false,
    }).headroom;
  }

  /**
   * Refuses to bring back into the set (unjail) a validator outside it whose tokens would exceed
   * the cap of the bonded tokens once it is back, t > cap * (T + t), once the cap binds. A jailed
   * validator that is still Bonded (jailed in this block) never left the set and is not checked.
   */
  checkCapOnReentry(ctx: Context, validator: Validator): void {
    if (isBonded(validator)) return;
    const { cap, binding } = this.capStatus(ctx);
    if (!binding) return;
    const t = tokensOf(validator).toBigInt();
    const others = this.totalBondedTokens(ctx).toBigInt();
    if (!aboveCap(cap, t, others + t)) return;
    const denom = this.bondDenom(ctx);
    throw ErrValidatorPowerCapExceeded.wrap(
      `unjailing validator ${validator.operatorAddress} would bring it back with ${formatPercentUp(t, others + t)}% of bonded power, above the ` +
        `${formatCapPercent(cap)}% cap; it can re-enter with at most ${maxTokensToEnter(cap, others)}${denom} (it holds ${t}${denom})`,
    );
  }

  // --- block processing and other modules' entry points ---------------------------------------

  /** EndBlock's set update (val-state-change.ts). */
  applyAndReturnValidatorSetUpdates(ctx: Context): ValidatorUpdate[] {
    return applyAndReturnValidatorSetUpdates(this, ctx);
  }

  /** The whole staking EndBlock (val-state-change.ts). */
  blockValidatorUpdates(ctx: Context): ValidatorUpdate[] {
    return blockValidatorUpdates(this, ctx);
  }

  trackHistoricalInfo(ctx: Context): void {
    trackHistoricalInfo(this, ctx);
  }

  getHistoricalInfo(ctx: Context, height: bigint): HistoricalInfo | undefined {
    return this.historicalInfo(this.store(ctx), height);
  }

  /** Slash (slash.ts): returns the amount burned. */
  slash(ctx: Context, consAddr: Bytes, infractionHeight: bigint, power: bigint, slashFactor: Dec): Int {
    return slash(this, ctx, consAddr, infractionHeight, power, slashFactor);
  }

  jail(ctx: Context, consAddr: Bytes): void {
    jail(this, ctx, consAddr);
  }

  /** Unjail (slashing's MsgUnjail): refused with the cap error if the return would exceed the cap. */
  unjail(ctx: Context, consAddr: Bytes): void {
    unjail(this, ctx, consAddr);
  }

  /**
   * Runs a hook whose returned error the SDK only logs (see hooks.ts). Panics (ErrPanic-coded
   * errors) and nested hook dispatch are not errors a hook returns: they propagate.
   */
  callLogged(ctx: Context, what: string, call: () => void): void {
    try {
      call();
    } catch (err) {
      if (err instanceof HookReentrancyError || ErrPanic.is(err) || !(err instanceof Error)) throw err;
      ctx.logger.error(`error in ${what} hook`, { module: "x/staking", error: err.message });
    }
  }
}
