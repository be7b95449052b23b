/**
 * x/bank's Query service (`/cosmos.bank.v1beta1.Query/*`), with SDK v0.50's behaviour per method
 * (x/bank/keeper/grpc_query.go): the same validation order, gRPC statuses and texts, and the
 * pagination flavour each method uses (collections for most, the store paginator for
 * DenomsMetadata).
 *
 * Error kinds, as the Go handlers produce them:
 * - `QueryError` (invalidArgument / notFound / Internal): a gRPC status error;
 * - a plain AppError from `goError` or a PaginationError: a plain Go error returned as is.
 */
import { SendEnabled, type Metadata } from "cosmjs-types/cosmos/bank/v1beta1/bank";
import {
  QueryAllBalancesRequest,
  QueryAllBalancesResponse,
  QueryBalanceRequest,
  QueryBalanceResponse,
  QueryDenomMetadataByQueryStringRequest,
  QueryDenomMetadataByQueryStringResponse,
  QueryDenomMetadataRequest,
  QueryDenomMetadataResponse,
  QueryDenomOwnersByQueryRequest,
  QueryDenomOwnersByQueryResponse,
  QueryDenomOwnersRequest,
  QueryDenomOwnersResponse,
  QueryDenomsMetadataRequest,
  QueryDenomsMetadataResponse,
  QueryParamsRequest,
  QueryParamsResponse,
  QuerySendEnabledRequest,
  QuerySendEnabledResponse,
  QuerySpendableBalanceByDenomRequest,
  QuerySpendableBalanceByDenomResponse,
  QuerySpendableBalancesRequest,
  QuerySpendableBalancesResponse,
  QuerySupplyOfRequest,
  QuerySupplyOfResponse,
  QueryTotalSupplyRequest,
  QueryTotalSupplyResponse,
  type DenomOwner,
} from "cosmjs-types/cosmos/bank/v1beta1/query";
import type { PageRequest } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import type { ProtoCodec } from "../../app/codec";
import { Coin } from "../../app/math";
import type { QueryContext, QueryHandlerDef, ServiceRegistrar } from "../../app/module";
import { PaginationError, paginateCollection, paginatePrefix, type Page } from "../../app/pagination";
import { GrpcStatus, QueryError, invalidArgument, notFound } from "../../app/query-router";
import type { KVStoreReader } from "../../app/store/types";
import { errorText, stringToBytes } from "./address-codec";
import type { BankViewKeeper } from "./keeper";
import { BANK_STORE, Balances, DenomMetadata, DenomOwnersIndex, SendEnabled as SendEnabledStore, Supply, balancesOf, denomPart } from "./state-keys";
import { denomProblem } from "./validation";

const SERVICE = "/cosmos.bank.v1beta1.Query";

function method<Req, Res>(
  name: string,
  requestCodec: ProtoCodec<Req>,
  responseCodec: ProtoCodec<Res>,
  handle: (ctx: QueryContext, request: Req) => Res,
): QueryHandlerDef<Req, Res> {
  return { path: `${SERVICE}/${name}`, requestCodec, responseCodec, handle };
}

/** A gRPC Internal status, which is how several bank handlers report pagination failures. */
const internal = (err: unknown): QueryError => new QueryError(GrpcStatus.Internal, errorText(err));

/** Runs a paginator, mapping its (key + offset) failure the way the calling Go handler does. */
function paged<T>(run: () => T, onPaginationError: (err: PaginationError) => Error): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof PaginationError) throw onPaginationError(err);
    throw err;
  }
}

/** Registers the Query methods; the keeper is read-only (queries see the committed stores). */
export function registerBankQueryServer(registrar: ServiceRegistrar, keeper: BankViewKeeper): void {
  const prefix = keeper.addresses.account;
  const store = (ctx: QueryContext): KVStoreReader => ctx.store(BANK_STORE);

  /** The address codec's error as `status InvalidArgument "invalid address: ..."`. */
  const address = (text: string): Uint8Array => {
    try {
      return stringToBytes(prefix, text);
    } catch (err) {
      throw invalidArgument(`invalid address: ${errorText(err)}`);
    }
  };
  const denom = (d: string): string => {
    const problem = denomProblem(d);
    if (problem !== undefined) throw invalidArgument(problem);
    return d;
  };

  const denomMetadata = (ctx: QueryContext, d: string): Metadata => {
    const metadata = keeper.denomMetadata(store(ctx), denom(d));
    if (metadata === undefined) throw notFound(`client metadata for denom ${d}`);
    return metadata;
  };

  const denomOwners = (ctx: QueryContext, d: string, pagination: PageRequest | undefined): Page<DenomOwner> => {
    denom(d);
    const s = store(ctx);
    // Go returns the paginator's error as is (a plain error).
    return paginateCollection(
      s,
      DenomOwnersIndex,
      pagination,
      ([, owner]) => ({ address: keeper.addresses.encodeAccount(owner), balance: keeper.balance(s, owner, d).toProto() }),
      { subPrefix: denomPart(d) },
    );
  };

  registrar.registerQuery(
    method("Balance", QueryBalanceRequest, QueryBalanceResponse, (ctx, req) => {
      denom(req.denom);
      const addr = address(req.address);
      return { balance: keeper.balance(store(ctx), addr, req.denom).toProto() };
    }),
  );
  registrar.registerQuery(
    method("AllBalances", QueryAllBalancesRequest, QueryAllBalancesResponse, (ctx, req) => {
      const addr = address(req.address);
      const s = store(ctx);
      const page = paged(
        () =>
          paginateCollection(
            s,
            Balances,
            req.pagination,
            ([, d], amount) => {
              const display = req.resolveDenom ? keeper.denomMetadata(s, d)?.display : undefined;
              return Coin.unchecked(display ?? d, amount).toProto();
            },
            { subPrefix: balancesOf(addr) },
          ),
        (err) => invalidArgument(`paginate: ${err.message}`),
      );
      return { balances: page.results, pagination: page.pagination };
    }),
  );
  registrar.registerQuery(
    method("SpendableBalances", QuerySpendableBalancesRequest, QuerySpendableBalancesResponse, (ctx, req) => {
      const addr = address(req.address);
      const s = store(ctx);
      const page = paged(
        () => paginateCollection(s, Balances, req.pagination, ([, d]) => d, { subPrefix: balancesOf(addr) }),
        (err) => invalidArgument(`paginate: ${err.message}`),
      );
      const spendable = keeper.spendableCoins(s, addr);
      return { balances: page.results.map((d) => Coin.unchecked(d, spendable.amountOf(d)).toProto()), pagination: page.pagination };
    }),
  );
  registrar.registerQuery(
    method("SpendableBalanceByDenom", QuerySpendableBalanceByDenomRequest, QuerySpendableBalanceByDenomResponse, (ctx, req) => {
      const addr = address(req.address);
      denom(req.denom);
      return { balance: keeper.spendableCoin(store(ctx), addr, req.denom).toProto() };
    }),
  );
  registrar.registerQuery(
    method("TotalSupply", QueryTotalSupplyRequest, QueryTotalSupplyResponse, (ctx, req) => {
      const page = paged(() => paginateCollection(store(ctx), Supply, req.pagination, (d, amount) => Coin.unchecked(d, amount).toProto()), internal);
      return { supply: page.results, pagination: page.pagination };
    }),
  );
  registrar.registerQuery(
    method("SupplyOf", QuerySupplyOfRequest, QuerySupplyOfResponse, (ctx, req) => {
      denom(req.denom);
      return { amount: keeper.supply(store(ctx), req.denom).toProto() };
    }),
  );
  registrar.registerQuery(
    method("Params", QueryParamsRequest, QueryParamsResponse, (ctx) => ({ params: keeper.params(store(ctx)) })),
  );
  registrar.registerQuery(
    method("DenomsMetadata", QueryDenomsMetadataRequest, QueryDenomsMetadataResponse, (ctx, req) => {
      const metadatas: Metadata[] = [];
      const pagination = paged(
        () => paginatePrefix(store(ctx), DenomMetadata.prefix, req.pagination, (_key, value) => void metadatas.push(DenomMetadata.valueCodec.decode(value))),
        internal,
      );
      return { metadatas, pagination };
    }),
  );
  registrar.registerQuery(
    method("DenomMetadata", QueryDenomMetadataRequest, QueryDenomMetadataResponse, (ctx, req) => ({ metadata: denomMetadata(ctx, req.denom) })),
  );
  registrar.registerQuery(
    method("DenomMetadataByQueryString", QueryDenomMetadataByQueryStringRequest, QueryDenomMetadataByQueryStringResponse, (ctx, req) => ({
      metadata: denomMetadata(ctx, req.denom),
    })),
  );
  registrar.registerQuery(
    method("DenomOwners", QueryDenomOwnersRequest, QueryDenomOwnersResponse, (ctx, req) => {
      const page = denomOwners(ctx, req.denom, req.pagination);
      return { denomOwners: page.results, pagination: page.pagination };
    }),
  );
  registrar.registerQuery(
    method("DenomOwnersByQuery", QueryDenomOwnersByQueryRequest, QueryDenomOwnersByQueryResponse, (ctx, req) => {
      const page = denomOwners(ctx, req.denom, req.pagination);
      return { denomOwners: page.results, pagination: page.pagination };
    }),
  );
  registrar.registerQuery(
    method("SendEnabled", QuerySendEnabledRequest, QuerySendEnabledResponse, (ctx, req) => {
      const s = store(ctx);
      if (req.denoms.length > 0) {
        // Only denoms with a stored override are listed; no pagination.
        const sendEnabled: SendEnabled[] = [];
        for (const d of req.denoms) {
          const enabled = keeper.sendEnabledEntry(s, d);
          if (enabled !== undefined) sendEnabled.push(SendEnabled.fromPartial({ denom: d, enabled }));
        }
        return { sendEnabled, pagination: undefined };
      }
      const page = paged(() => paginateCollection(s, SendEnabledStore, req.pagination, (d, enabled) => SendEnabled.fromPartial({ denom: d, enabled })), internal);
      return { sendEnabled: page.results, pagination: page.pagination };
    }),
  );
}
