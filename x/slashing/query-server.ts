/**
 * x/slashing's Query service (cosmos.slashing.v1beta1.Query) with the texts, gRPC codes and
 * pagination of SDK v0.50's keeper/grpc_query.go, and correlated slashing's plume.slashing.v1.Query.
 * Each handler reads the committed store at the queried height.
 */
import { ValidatorSigningInfo } from "cosmjs-types/cosmos/slashing/v1beta1/slashing";
import {
  QueryParamsRequest,
  QueryParamsResponse,
  QuerySigningInfoRequest,
  QuerySigningInfoResponse,
  QuerySigningInfosRequest,
  QuerySigningInfosResponse,
} from "cosmjs-types/cosmos/slashing/v1beta1/query";
import { anyQueryHandler as erase, type AnyQueryHandler, type QueryContext, type ServiceRegistrar } from "../../app/module";
import { PaginationError, paginatePrefix } from "../../app/pagination";
import { GrpcStatus, QueryError, invalidArgument, notFound } from "../../app/query-router";
import type { KVStoreReader } from "../../app/store/types";
import {
  QueryDoubleSignOffencesRequest,
  QueryDoubleSignOffencesResponse,
  QueryParamsRequest as CorrelationQueryParamsRequest,
  QueryParamsResponse as CorrelationQueryParamsResponse,
} from "../../proto/plume/slashing/v1/query";
import type { SlashingReader } from "./keeper";
import { SLASHING_STORE, SigningInfos } from "./state-keys";

export function slashingQueryHandlers(r: SlashingReader): AnyQueryHandler[] {
  const store = (ctx: QueryContext): KVStoreReader => ctx.store(SLASHING_STORE);
  const path = (method: string): string => `/cosmos.slashing.v1beta1.Query/${method}`;
  return [
    erase<QueryParamsRequest, QueryParamsResponse>({
      path: path("Params"),
      requestCodec: QueryParamsRequest,
      responseCodec: QueryParamsResponse,
      handle: (ctx) => ({ params: r.params(store(ctx)) }),
    }),
    erase<QuerySigningInfoRequest, QuerySigningInfoResponse>({
      path: path("SigningInfo"),
      requestCodec: QuerySigningInfoRequest,
      responseCodec: QuerySigningInfoResponse,
      handle: (ctx, req) => {
        if (req.consAddress === "") throw invalidArgument("invalid request");
        const consAddr = r.addresses.decodeConsensus(req.consAddress);
        const info = r.signingInfo(store(ctx), consAddr);
        if (info === undefined) throw notFound(`SigningInfo not found for validator ${req.consAddress}`);
        return { valSigningInfo: info };
      },
    }),
    erase<QuerySigningInfosRequest, QuerySigningInfosResponse>({
      path: path("SigningInfos"),
      requestCodec: QuerySigningInfosRequest,
      responseCodec: QuerySigningInfosResponse,
      handle: (ctx, req) => {
        const info: ValidatorSigningInfo[] = [];
        try {
          const pagination = paginatePrefix(store(ctx), SigningInfos.prefix, req.pagination, (_key, value) => info.push(ValidatorSigningInfo.decode(value)));
          return { info, pagination };
        } catch (err) {
          if (err instanceof PaginationError) throw new QueryError(GrpcStatus.Unknown, err.message);
          throw err;
        }
      },
    }),
  ];
}

/** plume.slashing.v1.Query: correlated slashing's params and the recorded double signs. */
export function correlationQueryHandlers(r: SlashingReader): AnyQueryHandler[] {
  const store = (ctx: QueryContext): KVStoreReader => ctx.store(SLASHING_STORE);
  return [
    erase<CorrelationQueryParamsRequest, CorrelationQueryParamsResponse>({
      path: "/plume.slashing.v1.Query/Params",
      requestCodec: CorrelationQueryParamsRequest,
      responseCodec: CorrelationQueryParamsResponse,
      handle: (ctx) => ({ params: r.correlationParams(store(ctx)) }),
    }),
    erase<QueryDoubleSignOffencesRequest, QueryDoubleSignOffencesResponse>({
      path: "/plume.slashing.v1.Query/DoubleSignOffences",
      requestCodec: QueryDoubleSignOffencesRequest,
      responseCodec: QueryDoubleSignOffencesResponse,
      handle: (ctx) => ({ offences: [...r.doubleSignOffences(store(ctx))] }),
    }),
  ];
}

export function registerSlashingQueryServer(registrar: ServiceRegistrar, r: SlashingReader): void {
  for (const def of slashingQueryHandlers(r)) registrar.registerQuery(def);
}

export function registerCorrelationQueryServer(registrar: ServiceRegistrar, r: SlashingReader): void {
  for (const def of correlationQueryHandlers(r)) registrar.registerQuery(def);
}
