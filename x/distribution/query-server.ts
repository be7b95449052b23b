/**
 * x/distribution's Query service (cosmos.distribution.v1beta1.Query) with the texts and gRPC codes
 * of SDK v0.50's keeper/grpc_query.go. Each handler reads the committed stores at the queried
 * height; the rewards queries close the validator's period on a throwaway branch of the
 * distribution store (CacheKVStore), as the SDK's do on their cache context, so nothing is written.
 *
 * Where the SDK asks staking for a validator or delegation, a missing one answers staking's own
 * error (staking/3 "validator does not exist", staking/19), as on a Go node.
 */
import { ValidatorSlashEvent } from "cosmjs-types/cosmos/distribution/v1beta1/distribution";
import {
  QueryCommunityPoolRequest,
  QueryCommunityPoolResponse,
  QueryDelegationRewardsRequest,
  QueryDelegationRewardsResponse,
  QueryDelegationTotalRewardsRequest,
  QueryDelegationTotalRewardsResponse,
  QueryDelegatorValidatorsRequest,
  QueryDelegatorValidatorsResponse,
  QueryDelegatorWithdrawAddressRequest,
  QueryDelegatorWithdrawAddressResponse,
  QueryParamsRequest,
  QueryParamsResponse,
  QueryValidatorCommissionRequest,
  QueryValidatorCommissionResponse,
  QueryValidatorDistributionInfoRequest,
  QueryValidatorDistributionInfoResponse,
  QueryValidatorOutstandingRewardsRequest,
  QueryValidatorOutstandingRewardsResponse,
  QueryValidatorSlashesRequest,
  QueryValidatorSlashesResponse,
} from "cosmjs-types/cosmos/distribution/v1beta1/query";
import type { Delegation, Validator } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { lengthPrefixed, concatBytes } from "../../app/collections";
import { DecCoins } from "../../app/math";
import { anyQueryHandler as erase, type AnyQueryHandler, type QueryContext, type ServiceRegistrar } from "../../app/module";
import { PaginationError, filteredPaginatePrefix } from "../../app/pagination";
import { GrpcStatus, QueryError, invalidArgument } from "../../app/query-router";
import type { KVStoreReader } from "../../app/store/types";
import { ErrNoDelegation, ErrNoValidatorFound } from "../staking/errors";
import type { DistributionPooledRewardsQuerier, DistributionStakingReader, PooledRewardsShare } from "./expected-keepers";
import type { DistributionReader } from "./keeper";
import { DISTRIBUTION_STORE, SlashEvents } from "./state-keys";

export interface DistributionQueryDeps {
  readonly reader: DistributionReader;
  readonly staking: DistributionStakingReader;
  readonly stakingStore: string;
  /**
   * x/restaking's pools: DelegationRewards and DelegationTotalRewards add to a member's own
   * rewards its part of its pool's pending rewards, and DelegatorValidators lists the validators
   * it reaches through a pool (docs/restaking.md, "Pending rewards of a member").
   */
  readonly pooled?: DistributionPooledRewardsQuerier;
}

const compareBytes = (x: Uint8Array, y: Uint8Array): number => (x.length !== y.length ? x.length - y.length : Buffer.compare(x, y));

export function distributionQueryHandlers(d: DistributionQueryDeps): AnyQueryHandler[] {
  const r = d.reader;
  const a = r.addresses;
  const store = (ctx: QueryContext): KVStoreReader => ctx.store(DISTRIBUTION_STORE);
  const stakingStore = (ctx: QueryContext): KVStoreReader => ctx.store(d.stakingStore);
  const path = (method: string): string => `/cosmos.distribution.v1beta1.Query/${method}`;
  const validatorOf = (ctx: QueryContext, operator: Uint8Array): Validator => {
    const v = d.staking.validator(stakingStore(ctx), operator);
    if (v === undefined) throw ErrNoValidatorFound.wrap();
    return v;
  };
  const delegationOf = (ctx: QueryContext, delegator: Uint8Array, operator: Uint8Array): Delegation => {
    const del = d.staking.delegation(stakingStore(ctx), delegator, operator);
    if (del === undefined) throw ErrNoDelegation.wrap();
    return del;
  };
  const rewardsOf = (ctx: QueryContext, operator: Uint8Array, v: Validator, del: Delegation): DecCoins => r.pendingDelegationRewards(store(ctx), operator, v, del, ctx.height);
  const poolSharesOf = (ctx: QueryContext, delegator: Uint8Array): readonly PooledRewardsShare[] => d.pooled?.poolSharesAt(ctx, delegator) ?? [];
  /** A member's part of the pending rewards of the pool delegation on `operator` (none when the pool has no delegation). */
  const pooledRewardsOf = (ctx: QueryContext, operator: Uint8Array, v: Validator, pooled: PooledRewardsShare): DecCoins => {
    const poolAddress = d.pooled?.poolAddress;
    const poolDel = poolAddress === undefined ? undefined : d.staking.delegation(stakingStore(ctx), poolAddress, operator);
    return poolDel === undefined ? DecCoins.empty() : pooled.share(rewardsOf(ctx, operator, v, poolDel));
  };
  return [
    erase<QueryParamsRequest, QueryParamsResponse>({
      path: path("Params"),
      requestCodec: QueryParamsRequest,
      responseCodec: QueryParamsResponse,
      handle: (ctx) => ({ params: r.params(store(ctx)) }),
    }),
    erase<QueryValidatorDistributionInfoRequest, QueryValidatorDistributionInfoResponse>({
      path: path("ValidatorDistributionInfo"),
      requestCodec: QueryValidatorDistributionInfoRequest,
      responseCodec: QueryValidatorDistributionInfoResponse,
      handle: (ctx, req) => {
        if (req.validatorAddress === "") throw invalidArgument("empty validator address");
        const operator = a.decodeValidator(req.validatorAddress);
        const v = validatorOf(ctx, operator);
        const del = delegationOf(ctx, operator, operator);
        const selfBondRewards = rewardsOf(ctx, operator, v, del);
        return {
          operatorAddress: a.encodeAccount(operator),
          selfBondRewards: selfBondRewards.toProto(),
          commission: r.accumulatedCommission(store(ctx), operator).toProto(),
        };
      },
    }),
    erase<QueryValidatorOutstandingRewardsRequest, QueryValidatorOutstandingRewardsResponse>({
      path: path("ValidatorOutstandingRewards"),
      requestCodec: QueryValidatorOutstandingRewardsRequest,
      responseCodec: QueryValidatorOutstandingRewardsResponse,
      handle: (ctx, req) => {
        if (req.validatorAddress === "") throw invalidArgument("empty validator address");
        const operator = a.decodeValidator(req.validatorAddress);
        validatorOf(ctx, operator);
        return { rewards: { rewards: r.outstanding(store(ctx), operator).toProto() } };
      },
    }),
    erase<QueryValidatorCommissionRequest, QueryValidatorCommissionResponse>({
      path: path("ValidatorCommission"),
      requestCodec: QueryValidatorCommissionRequest,
      responseCodec: QueryValidatorCommissionResponse,
      handle: (ctx, req) => {
        if (req.validatorAddress === "") throw invalidArgument("empty validator address");
        const operator = a.decodeValidator(req.validatorAddress);
        validatorOf(ctx, operator);
        return { commission: { commission: r.accumulatedCommission(store(ctx), operator).toProto() } };
      },
    }),
    erase<QueryValidatorSlashesRequest, QueryValidatorSlashesResponse>({
      path: path("ValidatorSlashes"),
      requestCodec: QueryValidatorSlashesRequest,
      responseCodec: QueryValidatorSlashesResponse,
      handle: (ctx, req) => {
        if (req.validatorAddress === "") throw invalidArgument("empty validator address");
        if (req.endingHeight < req.startingHeight) {
          throw invalidArgument(`starting height greater than ending height (${req.startingHeight} > ${req.endingHeight})`);
        }
        let operator: Uint8Array;
        try {
          operator = a.decodeValidator(req.validatorAddress);
        } catch {
          throw invalidArgument("invalid validator address");
        }
        const slashes: ValidatorSlashEvent[] = [];
        try {
          // The SDK compares the event's validator period (not its height) with the heights asked for.
          const pagination = filteredPaginatePrefix(store(ctx), concatBytes(SlashEvents.prefix, lengthPrefixed(operator)), req.pagination, (_key, value, accumulate) => {
            const event = ValidatorSlashEvent.decode(value);
            if (event.validatorPeriod < req.startingHeight || event.validatorPeriod > req.endingHeight) return false;
            if (accumulate) slashes.push(event);
            return true;
          });
          return { slashes, pagination };
        } catch (err) {
          if (err instanceof PaginationError) throw new QueryError(GrpcStatus.Unknown, err.message);
          throw err;
        }
      },
    }),
    erase<QueryDelegationRewardsRequest, QueryDelegationRewardsResponse>({
      path: path("DelegationRewards"),
      requestCodec: QueryDelegationRewardsRequest,
      responseCodec: QueryDelegationRewardsResponse,
      handle: (ctx, req) => {
        if (req.delegatorAddress === "") throw invalidArgument("empty delegator address");
        if (req.validatorAddress === "") throw invalidArgument("empty validator address");
        const operator = a.decodeValidator(req.validatorAddress);
        const v = validatorOf(ctx, operator);
        const delegator = a.decodeAccount(req.delegatorAddress);
        const pooled = poolSharesOf(ctx, delegator).find((p) => compareBytes(p.validator, operator) === 0);
        if (pooled === undefined) {
          const del = delegationOf(ctx, delegator, operator);
          return { rewards: rewardsOf(ctx, operator, v, del).toProto() };
        }
        // A member: its own delegation's rewards (if it has one) and its part of the pool's.
        const own = d.staking.delegation(stakingStore(ctx), delegator, operator);
        const ownRewards = own === undefined ? DecCoins.empty() : rewardsOf(ctx, operator, v, own);
        return { rewards: ownRewards.add(pooledRewardsOf(ctx, operator, v, pooled)).toProto() };
      },
    }),
    erase<QueryDelegationTotalRewardsRequest, QueryDelegationTotalRewardsResponse>({
      path: path("DelegationTotalRewards"),
      requestCodec: QueryDelegationTotalRewardsRequest,
      responseCodec: QueryDelegationTotalRewardsResponse,
      handle: (ctx, req) => {
        if (req.delegatorAddress === "") throw invalidArgument("empty delegator address");
        const delegator = a.decodeAccount(req.delegatorAddress);
        let total = DecCoins.empty();
        const pooled = poolSharesOf(ctx, delegator);
        const entries: { operator: Uint8Array; validatorAddress: string; reward: DecCoins }[] = [];
        for (const del of d.staking.delegatorDelegations(stakingStore(ctx), delegator)) {
          const operator = a.decodeValidator(del.validatorAddress);
          const v = validatorOf(ctx, operator);
          let reward = rewardsOf(ctx, operator, v, del);
          const hit = pooled.find((p) => compareBytes(p.validator, operator) === 0);
          if (hit !== undefined) reward = reward.add(pooledRewardsOf(ctx, operator, v, hit));
          entries.push({ operator, validatorAddress: del.validatorAddress, reward });
        }
        // Pools the member reaches with no own delegation: an entry each, in validator order.
        const pooledOnly = pooled.filter((p) => !entries.some((e) => compareBytes(e.operator, p.validator) === 0));
        for (const p of pooledOnly) {
          entries.push({ operator: p.validator, validatorAddress: a.encodeValidator(p.validator), reward: pooledRewardsOf(ctx, p.validator, validatorOf(ctx, p.validator), p) });
        }
        if (pooledOnly.length > 0) entries.sort((x, y) => compareBytes(x.operator, y.operator));
        const rewards: QueryDelegationTotalRewardsResponse["rewards"] = [];
        for (const e of entries) {
          rewards.push({ validatorAddress: e.validatorAddress, reward: e.reward.toProto() });
          total = total.add(e.reward);
        }
        return { rewards, total: total.toProto() };
      },
    }),
    erase<QueryDelegatorValidatorsRequest, QueryDelegatorValidatorsResponse>({
      path: path("DelegatorValidators"),
      requestCodec: QueryDelegatorValidatorsRequest,
      responseCodec: QueryDelegatorValidatorsResponse,
      handle: (ctx, req) => {
        if (req.delegatorAddress === "") throw invalidArgument("empty delegator address");
        const delegator = a.decodeAccount(req.delegatorAddress);
        const operators = [...d.staking.delegatorDelegations(stakingStore(ctx), delegator)].map((del) => a.decodeValidator(del.validatorAddress));
        const pooledOnly = poolSharesOf(ctx, delegator)
          .map((p) => p.validator)
          .filter((v) => !operators.some((o) => compareBytes(o, v) === 0));
        if (pooledOnly.length > 0) operators.push(...pooledOnly);
        if (pooledOnly.length > 0) operators.sort(compareBytes);
        return { validators: operators.map((o) => a.encodeValidator(o)) };
      },
    }),
    erase<QueryDelegatorWithdrawAddressRequest, QueryDelegatorWithdrawAddressResponse>({
      path: path("DelegatorWithdrawAddress"),
      requestCodec: QueryDelegatorWithdrawAddressRequest,
      responseCodec: QueryDelegatorWithdrawAddressResponse,
      handle: (ctx, req) => {
        if (req.delegatorAddress === "") throw invalidArgument("empty delegator address");
        const delegator = a.decodeAccount(req.delegatorAddress);
        return { withdrawAddress: a.encodeAccount(r.withdrawAddress(store(ctx), delegator)) };
      },
    }),
    erase<QueryCommunityPoolRequest, QueryCommunityPoolResponse>({
      path: path("CommunityPool"),
      requestCodec: QueryCommunityPoolRequest,
      responseCodec: QueryCommunityPoolResponse,
      handle: (ctx) => ({ pool: r.communityPool(store(ctx)).toProto() }),
    }),
  ];
}

export function registerDistributionQueryServer(registrar: ServiceRegistrar, deps: DistributionQueryDeps): void {
  for (const def of distributionQueryHandlers(deps)) registrar.registerQuery(def);
}
