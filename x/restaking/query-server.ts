/**
 * x/restaking's Query service (plume.restaking.v1.Query), served over abci_query, gRPC and REST
 * from the same handlers. Each reads the committed restaking store at the queried height and
 * x/staking's state at the same height (through RestakingStakingQuerier).
 */
import { anyQueryHandler as erase, type AnyQueryHandler, type QueryContext, type ServiceRegistrar } from "../../app/module";
import { invalidArgument, notFound } from "../../app/query-router";
import { Coins, Dec } from "../../app/math";
import type { Bytes, KVStoreReader } from "../../app/store/types";
import type { Pool } from "../../proto/plume/restaking/v1/restaking";
import {
  QueryCompoundingHeightsRequest,
  QueryCompoundingHeightsResponse,
  QueryDelegatorSettingsRequest,
  QueryDelegatorSettingsResponse,
  QueryParamsRequest,
  QueryParamsResponse,
  QueryPoolRequest,
  QueryPoolResponse,
  QueryPoolsRequest,
  QueryPoolsResponse,
  type AutoCompoundSetting,
  type PoolInfo,
} from "../../proto/plume/restaking/v1/query";
import type { RestakingStakingQuerier } from "./expected-keepers";
import type { RestakingReader } from "./keeper";
import { nextCompoundingHeight } from "./params";
import { idleForUnits, sharesForUnits, tokensFromShares } from "./pool-math";
import { RESTAKING_STORE } from "./state-keys";

const path = (method: string): string => `/plume.restaking.v1.Query/${method}`;

export function restakingQueryHandlers(r: RestakingReader, staking: RestakingStakingQuerier): AnyQueryHandler[] {
  const store = (ctx: QueryContext): KVStoreReader => ctx.store(RESTAKING_STORE);
  const decode = (what: string, f: () => Bytes): Bytes => {
    try {
      return f();
    } catch {
      throw invalidArgument(`invalid ${what} address`);
    }
  };
  const poolShares = (ctx: QueryContext, valAddr: Bytes): Dec => {
    const d = staking.delegationAt(ctx, r.poolAddress, valAddr);
    return d === undefined ? Dec.zero() : Dec.fromProto(d.shares);
  };
  const poolInfo = (ctx: QueryContext, valAddr: Bytes, pool: Pool): PoolInfo => {
    const shares = poolShares(ctx, valAddr);
    const v = staking.validatorAt(ctx, valAddr);
    const tokens = v === undefined ? Dec.zero() : tokensFromShares(v, shares);
    return { pool, shares: shares.toProto(), tokens: tokens.truncateInt().toString() };
  };

  return [
    erase<QueryParamsRequest, QueryParamsResponse>({
      path: path("Params"),
      requestCodec: QueryParamsRequest,
      responseCodec: QueryParamsResponse,
      handle: (ctx) => ({ params: r.params(store(ctx)) }),
    }),
    erase<QueryDelegatorSettingsRequest, QueryDelegatorSettingsResponse>({
      path: path("DelegatorSettings"),
      requestCodec: QueryDelegatorSettingsRequest,
      responseCodec: QueryDelegatorSettingsResponse,
      handle: (ctx, req) => {
        if (req.delegatorAddress === "") throw invalidArgument("delegator address cannot be empty");
        const delegator = decode("delegator", () => r.addresses.decodeAccount(req.delegatorAddress));
        const s = store(ctx);
        const settings: AutoCompoundSetting[] = [];
        for (const m of r.memberships(s, delegator)) {
          const valAddr = r.addresses.decodeValidator(m.validatorAddress);
          const pool = r.pool(s, valAddr);
          const v = staking.validatorAt(ctx, valAddr);
          const units = Dec.fromProto(m.units);
          const total = pool === undefined ? Dec.zero() : Dec.fromProto(pool.totalUnits);
          const shares = sharesForUnits(units, total, poolShares(ctx, valAddr));
          const stake = v === undefined ? Dec.zero() : tokensFromShares(v, shares);
          const idle = pool === undefined ? Coins.empty() : idleForUnits(units, total, Coins.fromProto(pool.idle));
          settings.push({ validatorAddress: m.validatorAddress, enabled: true, units: m.units, shares: shares.toProto(), stake: stake.truncateInt().toString(), idle: idle.toProto() });
        }
        return { settings };
      },
    }),
    erase<QueryPoolRequest, QueryPoolResponse>({
      path: path("Pool"),
      requestCodec: QueryPoolRequest,
      responseCodec: QueryPoolResponse,
      handle: (ctx, req) => {
        if (req.validatorAddress === "") throw invalidArgument("validator address cannot be empty");
        const valAddr = decode("validator", () => r.addresses.decodeValidator(req.validatorAddress));
        const pool = r.pool(store(ctx), valAddr);
        if (pool === undefined) throw notFound(`no compounding pool for validator ${req.validatorAddress}`);
        return { pool: poolInfo(ctx, valAddr, pool) };
      },
    }),
    erase<QueryPoolsRequest, QueryPoolsResponse>({
      path: path("Pools"),
      requestCodec: QueryPoolsRequest,
      responseCodec: QueryPoolsResponse,
      handle: (ctx) => ({ pools: [...r.pools(store(ctx))].map(([v, pool]) => poolInfo(ctx, v, pool)) }),
    }),
    erase<QueryCompoundingHeightsRequest, QueryCompoundingHeightsResponse>({
      path: path("CompoundingHeights"),
      requestCodec: QueryCompoundingHeightsRequest,
      responseCodec: QueryCompoundingHeightsResponse,
      handle: (ctx) => {
        const params = r.params(store(ctx));
        return { lastHeight: r.lastCompoundHeight(store(ctx)), nextHeight: nextCompoundingHeight(ctx.height, params), compoundInterval: params.compoundInterval };
      },
    }),
  ];
}

export function registerRestakingQueryServer(registrar: ServiceRegistrar, r: RestakingReader, staking: RestakingStakingQuerier): void {
  for (const def of restakingQueryHandlers(r, staking)) registrar.registerQuery(def);
}
