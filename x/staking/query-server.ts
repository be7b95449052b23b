/**
 * x/staking's Query service (cosmos.staking.v1beta1.Query) with the texts, gRPC codes and
 * pagination of SDK v0.50's keeper/grpc_query.go, and the cap's plume.staking.v1.Query.
 */
import {
  QueryDelegationRequest,
  QueryDelegationResponse,
  QueryDelegatorDelegationsRequest,
  QueryDelegatorDelegationsResponse,
  QueryDelegatorUnbondingDelegationsRequest,
  QueryDelegatorUnbondingDelegationsResponse,
  QueryDelegatorValidatorRequest,
  QueryDelegatorValidatorResponse,
  QueryDelegatorValidatorsRequest,
  QueryDelegatorValidatorsResponse,
  QueryHistoricalInfoRequest,
  QueryHistoricalInfoResponse,
  QueryParamsRequest,
  QueryParamsResponse,
  QueryPoolRequest,
  QueryPoolResponse,
  QueryRedelegationsRequest,
  QueryRedelegationsResponse,
  QueryUnbondingDelegationRequest,
  QueryUnbondingDelegationResponse,
  QueryValidatorDelegationsRequest,
  QueryValidatorDelegationsResponse,
  QueryValidatorRequest,
  QueryValidatorResponse,
  QueryValidatorsRequest,
  QueryValidatorsResponse,
  QueryValidatorUnbondingDelegationsRequest,
  QueryValidatorUnbondingDelegationsResponse,
} from "cosmjs-types/cosmos/staking/v1beta1/query";
import {
  Delegation,
  UnbondingDelegation,
  Validator,
  type DelegationResponse,
  type Redelegation,
  type RedelegationResponse,
} from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { concatBytes } from "../../app/collections";
import { AppError } from "../../app/errors";
import { Dec } from "../../app/math";
import type { QueryContext, QueryHandlerDef, ServiceRegistrar } from "../../app/module";
import { PaginationError, filteredPaginatePrefix, paginatePrefix, type PageRequest, type PageResponse } from "../../app/pagination";
import { GrpcStatus, QueryError, invalidArgument, notFound } from "../../app/query-router";
import type { Bytes, KVStoreReader } from "../../app/store/types";
import {
  QueryParamsRequest as CapQueryParamsRequest,
  QueryParamsResponse as CapQueryParamsResponse,
  QueryValidatorPowerSharesRequest,
  QueryValidatorPowerSharesResponse,
  type ValidatorPowerShare,
} from "../../proto/plume/staking/v1/query";
import { capEnabled, capHeadroom, capOf, minValidatorsForCap } from "./cap";
import { ErrNoValidatorFound } from "./errors";
import { plainError } from "./params";
import type { StakingBankQuerier, StakingPooledStakeQuerier } from "./expected-keepers";
import type { StakingReader } from "./keeper";
import {
  AddressKey,
  Delegations,
  DelegationsByValidator,
  LastValidatorPowers,
  RedelegationsBySrc,
  Redelegations,
  STAKING_STORE,
  UnbondingDelegations,
  UnbondingDelegationsByValidator,
  Validators,
  addressPrefix,
} from "./state-keys";
import { bondStatusName, consensusPower, tokensFromShares, tokensOf } from "./validator";

const internal = (message: string): QueryError => new QueryError(GrpcStatus.Internal, message);

/** Runs a paginated read, turning pagination failures into the SDK's codes.Internal. */
function paged<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof PaginationError) throw internal(err.message);
    throw err;
  }
}

/** status.Error(codes.Internal, err.Error()) around keeper errors, as the SDK's helpers do. */
function asInternal<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof QueryError) throw internal(err.message);
    if (err instanceof AppError) throw internal(err.message);
    throw err;
  }
}

export interface StakingQueryDeps {
  readonly reader: StakingReader;
  readonly bank: StakingBankQuerier;
  readonly bondedPoolAddress: Bytes;
  readonly notBondedPoolAddress: Bytes;
  /**
   * x/restaking's pooled stake: Delegation, DelegatorDelegations and ValidatorDelegations add a
   * member's pooled shares to its own (a member with no own delegation gets one, on the last page)
   * and ValidatorDelegations hides the pool account's delegation (docs/restaking.md).
   */
  readonly pooled?: StakingPooledStakeQuerier;
}

const compareBytes = (x: Bytes, y: Bytes): number => (x.length !== y.length ? x.length - y.length : Buffer.compare(x, y));
const sameBytes = (x: Bytes, y: Bytes): boolean => compareBytes(x, y) === 0;

export function stakingQueryHandlers(deps: StakingQueryDeps): QueryHandlerDef<never, unknown>[] {
  const r = deps.reader;
  const a = r.addresses;
  const store = (ctx: QueryContext): KVStoreReader => ctx.store(STAKING_STORE);
  const nonEmpty = (value: string, what: string): void => {
    if (value === "") throw invalidArgument(`${what} address cannot be empty`);
  };

  const delegationResponse = (s: KVStoreReader, d: Delegation): DelegationResponse => {
    const v = r.validator(s, a.decodeValidator(d.validatorAddress));
    if (v === undefined) throw ErrNoValidatorFound.wrap();
    a.decodeAccount(d.delegatorAddress);
    const shares = Dec.fromProto(d.shares);
    return { delegation: d, balance: { denom: r.params(s).bondDenom, amount: tokensFromShares(v, shares).truncateInt().toString() } };
  };

  const redelegationResponse = (s: KVStoreReader, red: Redelegation): RedelegationResponse =>
    asInternal(() => {
      a.decodeValidator(red.validatorSrcAddress);
      const dst = a.decodeValidator(red.validatorDstAddress);
      a.decodeAccount(red.delegatorAddress);
      const v = r.validator(s, dst);
      if (v === undefined) throw ErrNoValidatorFound.wrap();
      return {
        redelegation: red,
        entries: red.entries.map((e) => ({ redelegationEntry: e, balance: tokensFromShares(v, Dec.fromProto(e.sharesDst)).truncateInt().toString() })),
      };
    });

  const page = (s: KVStoreReader, prefix: Bytes, req: PageRequest | undefined, onResult: (key: Bytes, value: Bytes) => void): PageResponse =>
    paged(() => paginatePrefix(s, prefix, req, onResult));

  /**
   * A page of delegations with pooled shares folded in: `extra` lists (other party, shares); an
   * entry matching a delegation of the page adds to it; on the last page the others become
   * delegations of their own (`make`), the page sorted by the other party's bytes again.
   */
  const withPooled = (
    dels: Delegation[],
    pagination: PageResponse,
    extra: readonly (readonly [Bytes, Dec])[],
    partyOf: (d: Delegation) => Bytes,
    hasOwn: (party: Bytes) => boolean,
    make: (party: Bytes, shares: Dec) => Delegation,
  ): { dels: Delegation[]; pagination: PageResponse } => {
    if (extra.length === 0) return { dels, pagination };
    const out = dels.map((d) => {
      const hit = extra.find(([party]) => sameBytes(party, partyOf(d)));
      return hit === undefined ? d : { ...d, shares: Dec.fromProto(d.shares).add(hit[1]).toProto() };
    });
    if (pagination.nextKey.length !== 0) return { dels: out, pagination };
    const added = extra.filter(([party]) => !hasOwn(party)).map(([party, shares]) => make(party, shares));
    const all = [...out, ...added].sort((x, y) => compareBytes(partyOf(x), partyOf(y)));
    return { dels: all, pagination: pagination.total > 0n ? { ...pagination, total: pagination.total + BigInt(added.length) } : pagination };
  };
  const pooledDelegation = (delegator: Bytes, validator: Bytes, shares: Dec): Delegation =>
    Delegation.fromPartial({ delegatorAddress: a.encodeAccount(delegator), validatorAddress: a.encodeValidator(validator), shares: shares.toProto() });

  // queryAllRedelegations decodes the delegator without the empty check the other queries make.
  const decodeAccountForQuery = (s: string): Uint8Array => {
    if (s === "") throw plainError("empty address string is not allowed");
    return a.decodeAccount(s);
  };

  const defs: QueryHandlerDef<never, unknown>[] = [];
  const add = <Req, Res>(def: QueryHandlerDef<Req, Res>): void => {
    defs.push(def as unknown as QueryHandlerDef<never, unknown>);
  };
  const path = (method: string): string => `/cosmos.staking.v1beta1.Query/${method}`;

  add({
    path: path("Validators"),
    requestCodec: QueryValidatorsRequest,
    responseCodec: QueryValidatorsResponse,
    handle: (ctx, req) => {
      const status = req.status;
      const known = ["BOND_STATUS_BONDED", "BOND_STATUS_UNBONDED", "BOND_STATUS_UNBONDING"];
      if (status !== "" && !known.includes(status)) throw invalidArgument(`invalid validator status ${status}`);
      const validators: Validator[] = [];
      const pagination = paged(() =>
        filteredPaginatePrefix(store(ctx), Validators.prefix, req.pagination, (_key, value, accumulate) => {
          const v = Validator.decode(value);
          if (status !== "" && bondStatusName(v.status).toUpperCase() !== status.toUpperCase()) return false;
          if (accumulate) validators.push(v);
          return true;
        }),
      );
      return { validators, pagination };
    },
  });

  add({
    path: path("Validator"),
    requestCodec: QueryValidatorRequest,
    responseCodec: QueryValidatorResponse,
    handle: (ctx, req) => {
      nonEmpty(req.validatorAddr, "validator");
      const v = r.validator(store(ctx), a.decodeValidator(req.validatorAddr));
      if (v === undefined) throw notFound(`validator ${req.validatorAddr} not found`);
      return { validator: v };
    },
  });

  add({
    path: path("ValidatorDelegations"),
    requestCodec: QueryValidatorDelegationsRequest,
    responseCodec: QueryValidatorDelegationsResponse,
    handle: (ctx, req) => {
      nonEmpty(req.validatorAddr, "validator");
      const valAddr = a.decodeValidator(req.validatorAddr);
      const s = store(ctx);
      const dels: Delegation[] = [];
      // The by-validator index: keys are the delegator's raw address after len|validator.
      const prefix = concatBytes(DelegationsByValidator.prefix, addressPrefix(valAddr));
      const pooled = deps.pooled;
      let pagination: PageResponse;
      if (pooled === undefined) {
        pagination = page(s, prefix, req.pagination, (delAddr) => {
          const d = Delegations.get(s, [delAddr, valAddr]);
          if (d !== undefined) dels.push(d);
        });
      } else {
        // The pool account's delegation is its members' stake, listed as theirs below.
        pagination = paged(() =>
          filteredPaginatePrefix(s, prefix, req.pagination, (delAddr, _value, accumulate) => {
            if (sameBytes(delAddr, pooled.poolAddress)) return false;
            const d = Delegations.get(s, [delAddr, valAddr]);
            if (d === undefined) return false;
            if (accumulate) dels.push(d);
            return true;
          }),
        );
        const merged = withPooled(
          dels,
          pagination,
          pooled.poolMembersAt(ctx, valAddr),
          (d) => a.decodeAccount(d.delegatorAddress),
          (member) => r.delegation(s, member, valAddr) !== undefined,
          (member, shares) => pooledDelegation(member, valAddr, shares),
        );
        dels.splice(0, dels.length, ...merged.dels);
        pagination = merged.pagination;
      }
      const delegationResponses = asInternal(() => dels.map((d) => delegationResponse(s, d)));
      return { delegationResponses, pagination };
    },
  });

  add({
    path: path("ValidatorUnbondingDelegations"),
    requestCodec: QueryValidatorUnbondingDelegationsRequest,
    responseCodec: QueryValidatorUnbondingDelegationsResponse,
    handle: (ctx, req) => {
      nonEmpty(req.validatorAddr, "validator");
      const valAddr = a.decodeValidator(req.validatorAddr);
      const s = store(ctx);
      const unbondingResponses: UnbondingDelegation[] = [];
      const pagination = page(s, concatBytes(UnbondingDelegationsByValidator.prefix, addressPrefix(valAddr)), req.pagination, (key) => {
        const u = UnbondingDelegations.get(s, [AddressKey.decode(key), valAddr]);
        if (u !== undefined) unbondingResponses.push(u);
      });
      return { unbondingResponses, pagination };
    },
  });

  add({
    path: path("Delegation"),
    requestCodec: QueryDelegationRequest,
    responseCodec: QueryDelegationResponse,
    handle: (ctx, req) => {
      nonEmpty(req.delegatorAddr, "delegator");
      nonEmpty(req.validatorAddr, "validator");
      const del = a.decodeAccount(req.delegatorAddr);
      const val = a.decodeValidator(req.validatorAddr);
      const s = store(ctx);
      const own = r.delegation(s, del, val);
      const pooled = deps.pooled?.pooledSharesAt(ctx, del).find(([v]) => sameBytes(v, val))?.[1];
      const d = pooled === undefined ? own : own === undefined ? pooledDelegation(del, val, pooled) : { ...own, shares: Dec.fromProto(own.shares).add(pooled).toProto() };
      if (d === undefined) throw notFound(`delegation with delegator ${req.delegatorAddr} not found for validator ${req.validatorAddr}`);
      return { delegationResponse: asInternal(() => delegationResponse(s, d)) };
    },
  });

  add({
    path: path("UnbondingDelegation"),
    requestCodec: QueryUnbondingDelegationRequest,
    responseCodec: QueryUnbondingDelegationResponse,
    handle: (ctx, req) => {
      nonEmpty(req.delegatorAddr, "delegator");
      nonEmpty(req.validatorAddr, "validator");
      const del = a.decodeAccount(req.delegatorAddr);
      const val = a.decodeValidator(req.validatorAddr);
      const u = r.unbondingDelegation(store(ctx), del, val);
      if (u === undefined) throw notFound(`unbonding delegation with delegator ${req.delegatorAddr} not found for validator ${req.validatorAddr}`);
      return { unbond: u };
    },
  });

  add({
    path: path("DelegatorDelegations"),
    requestCodec: QueryDelegatorDelegationsRequest,
    responseCodec: QueryDelegatorDelegationsResponse,
    handle: (ctx, req) => {
      nonEmpty(req.delegatorAddr, "delegator");
      const del = a.decodeAccount(req.delegatorAddr);
      const s = store(ctx);
      const own: Delegation[] = [];
      const ownPage = page(s, concatBytes(Delegations.prefix, addressPrefix(del)), req.pagination, (_k, value) => own.push(Delegation.decode(value)));
      const { dels, pagination } =
        deps.pooled === undefined
          ? { dels: own, pagination: ownPage }
          : withPooled(
              own,
              ownPage,
              deps.pooled.pooledSharesAt(ctx, del),
              (d) => a.decodeValidator(d.validatorAddress),
              (validator) => r.delegation(s, del, validator) !== undefined,
              (validator, shares) => pooledDelegation(del, validator, shares),
            );
      const delegationResponses = asInternal(() => dels.map((d) => delegationResponse(s, d)));
      return { delegationResponses, pagination };
    },
  });

  add({
    path: path("DelegatorValidator"),
    requestCodec: QueryDelegatorValidatorRequest,
    responseCodec: QueryDelegatorValidatorResponse,
    handle: (ctx, req) => {
      nonEmpty(req.delegatorAddr, "delegator");
      nonEmpty(req.validatorAddr, "validator");
      const del = a.decodeAccount(req.delegatorAddr);
      const val = a.decodeValidator(req.validatorAddr);
      const s = store(ctx);
      const d = r.delegation(s, del, val);
      if (d === undefined) throw internal("no delegation for (address, validator) tuple");
      const v = r.validator(s, a.decodeValidator(d.validatorAddress));
      if (v === undefined) throw internal("validator does not exist");
      return { validator: v };
    },
  });

  add({
    path: path("DelegatorUnbondingDelegations"),
    requestCodec: QueryDelegatorUnbondingDelegationsRequest,
    responseCodec: QueryDelegatorUnbondingDelegationsResponse,
    handle: (ctx, req) => {
      nonEmpty(req.delegatorAddr, "delegator");
      const del = a.decodeAccount(req.delegatorAddr);
      const unbondingResponses: UnbondingDelegation[] = [];
      const pagination = page(store(ctx), concatBytes(UnbondingDelegations.prefix, addressPrefix(del)), req.pagination, (_k, value) =>
        unbondingResponses.push(UnbondingDelegation.decode(value)),
      );
      return { unbondingResponses, pagination };
    },
  });

  add({
    path: path("HistoricalInfo"),
    requestCodec: QueryHistoricalInfoRequest,
    responseCodec: QueryHistoricalInfoResponse,
    handle: (ctx, req) => {
      if (req.height < 0n) throw invalidArgument("height cannot be negative");
      const hist = r.historicalInfo(store(ctx), req.height);
      if (hist === undefined) throw notFound(`historical info for height ${req.height} not found`);
      return { hist };
    },
  });

  add({
    path: path("Redelegations"),
    requestCodec: QueryRedelegationsRequest,
    responseCodec: QueryRedelegationsResponse,
    handle: (ctx, req) => {
      const s = store(ctx);
      let redels: Redelegation[] = [];
      let pagination: PageResponse | undefined;
      asInternal(() => {
        if (req.delegatorAddr !== "" && req.srcValidatorAddr !== "" && req.dstValidatorAddr !== "") {
          const red = r.redelegation(s, a.decodeAccount(req.delegatorAddr), a.decodeValidator(req.srcValidatorAddr), a.decodeValidator(req.dstValidatorAddr));
          if (red === undefined) {
            throw notFound(`redelegation not found for delegator address ${req.delegatorAddr} from validator address ${req.srcValidatorAddr}`);
          }
          redels = [red];
        } else if (req.delegatorAddr === "" && req.srcValidatorAddr !== "" && req.dstValidatorAddr === "") {
          const src = a.decodeValidator(req.srcValidatorAddr);
          pagination = paginatePrefix(s, concatBytes(RedelegationsBySrc.prefix, addressPrefix(src)), req.pagination, (key) => {
            const [del, dst] = splitTwo(key);
            const red = Redelegations.get(s, [del, src, dst]);
            if (red !== undefined) redels.push(red);
          });
        } else {
          const del = decodeAccountForQuery(req.delegatorAddr);
          pagination = paginatePrefix(s, concatBytes(Redelegations.prefix, addressPrefix(del)), req.pagination, (_k, value) =>
            redels.push(Redelegations.valueCodec.decode(value)),
          );
        }
      });
      const redelegationResponses = redels.map((red) => redelegationResponse(s, red));
      return pagination === undefined ? { redelegationResponses } : { redelegationResponses, pagination };
    },
  });

  add({
    path: path("DelegatorValidators"),
    requestCodec: QueryDelegatorValidatorsRequest,
    responseCodec: QueryDelegatorValidatorsResponse,
    handle: (ctx, req) => {
      nonEmpty(req.delegatorAddr, "delegator");
      const del = a.decodeAccount(req.delegatorAddr);
      const s = store(ctx);
      const validators: Validator[] = [];
      const pagination = asInternal(() =>
        paginatePrefix(s, concatBytes(Delegations.prefix, addressPrefix(del)), req.pagination, (_k, value) => {
          const d = Delegation.decode(value);
          const v = r.validator(s, a.decodeValidator(d.validatorAddress));
          if (v === undefined) throw ErrNoValidatorFound.wrap();
          validators.push(v);
        }),
      );
      return { validators, pagination };
    },
  });

  add({
    path: path("Pool"),
    requestCodec: QueryPoolRequest,
    responseCodec: QueryPoolResponse,
    handle: (ctx) => {
      const denom = r.params(store(ctx)).bondDenom;
      return {
        pool: {
          notBondedTokens: deps.bank.balanceAt(ctx, deps.notBondedPoolAddress, denom).toString(),
          bondedTokens: deps.bank.balanceAt(ctx, deps.bondedPoolAddress, denom).toString(),
        },
      };
    },
  });

  add({
    path: path("Params"),
    requestCodec: QueryParamsRequest,
    responseCodec: QueryParamsResponse,
    handle: (ctx) => ({ params: r.params(store(ctx)) }),
  });

  return defs;
}

/** Splits "len a ‖ len b" (a key relative to a redelegation index's first address). */
function splitTwo(key: Bytes): [Bytes, Bytes] {
  const n = key[0] ?? 0;
  return [key.subarray(1, 1 + n), AddressKey.decode(key.subarray(1 + n))];
}

/**
 * The cap's queries. ValidatorPowerShares pages through the bonded set (by operator address); the
 * totals cover the whole set, whatever the page.
 */
export function capQueryHandlers(reader: StakingReader): QueryHandlerDef<never, unknown>[] {
  const defs: QueryHandlerDef<never, unknown>[] = [];
  const add = <Req, Res>(def: QueryHandlerDef<Req, Res>): void => {
    defs.push(def as unknown as QueryHandlerDef<never, unknown>);
  };
  add({
    path: "/plume.staking.v1.Query/Params",
    requestCodec: CapQueryParamsRequest,
    responseCodec: CapQueryParamsResponse,
    handle: (ctx) => ({ params: reader.capParams(ctx.store(STAKING_STORE)) }),
  });
  add({
    path: "/plume.staking.v1.Query/ValidatorPowerShares",
    requestCodec: QueryValidatorPowerSharesRequest,
    responseCodec: QueryValidatorPowerSharesResponse,
    handle: (ctx, req) => {
      const s = ctx.store(STAKING_STORE);
      const cap = capOf(reader.capParams(s));
      let total = 0n;
      let count = 0n;
      for (const [operator] of reader.lastValidatorPowers(s)) {
        const v = reader.validator(s, operator);
        if (v !== undefined) total += tokensOf(v).toBigInt();
        count++;
      }
      const threshold = minValidatorsForCap(cap);
      const binding = capEnabled(cap) && count >= threshold;
      const validators: ValidatorPowerShare[] = [];
      const pagination = paged(() =>
        paginatePrefix(s, LastValidatorPowers.prefix, req.pagination, (key) => {
          const v = reader.validator(s, AddressKey.decode(key));
          if (v === undefined) return;
          const t = tokensOf(v).toBigInt();
          validators.push({
            operatorAddress: v.operatorAddress,
            tokens: t.toString(),
            power: consensusPower(v),
            share: (total === 0n ? Dec.zero() : Dec.fromInt(t).quo(Dec.fromInt(total))).toProto(),
            headroom: binding ? capHeadroom(cap, t, total, false).toString() : "",
          });
        }),
      );
      return {
        validators,
        totalBondedTokens: total.toString(),
        maxValidatorPowerShare: cap.toProto(),
        bondedValidators: Number(count),
        minValidatorsForCap: Number(threshold > 0xffffffffn ? 0xffffffffn : threshold),
        capBinding: binding,
        pagination,
      };
    },
  });
  return defs;
}

export function registerStakingQueryServer(registrar: ServiceRegistrar, deps: StakingQueryDeps): void {
  for (const def of stakingQueryHandlers(deps)) registrar.registerQuery(def);
}

export function registerCapQueryServer(registrar: ServiceRegistrar, reader: StakingReader): void {
  for (const def of capQueryHandlers(reader)) registrar.registerQuery(def);
}
