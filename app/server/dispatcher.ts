/**
 * The one place gRPC and REST calls are answered: resolves the query height (the
 * `x-cosmos-block-height` header, or the latest committed block), builds the read-only context,
 * runs the query handler or async service, and reports failures as gRPC statuses.
 *
 * Mirrors baseapp's gRPC interceptor (baseapp/grpcserver.go, RegisterGRPCServer): every method,
 * including the tx, cmtservice and node services, runs at a resolved height and answers with that
 * height in the response header; before the first block nothing can be queried.
 */
import { AppError, ErrInvalidRequest, ErrKeyNotFound, ErrNotFound, ErrUnauthorized } from "../errors";
import { resolveQueryHeight, stateNotAvailable } from "../query-height";
import type { QueryContext } from "../module";
import { GrpcStatus, grpcStatusOf, QueryError, type QueryRouter } from "../query-router";
import type { KVStoreReader } from "../store/types";
import type { ServiceTable } from "./services/service-table";

/** The header (gRPC metadata and HTTP) that selects and reports the query height. */
export const HEIGHT_HEADER = "x-cosmos-block-height";

/** What the servers need from the app (BaseApp fits). */
export interface QueryableApp {
  lastBlockHeight(): bigint;
  /** A read-only view of the committed state at `height`; throws for heights not kept. */
  contextAt(height: bigint): { readonly chainId: string; readonly multiStore: { getStore(name: string): KVStoreReader } };
}

/** A failed call: a gRPC status code and message, and the height it ran at when known. */
export class RpcError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly height?: bigint,
  ) {
    super(message);
    this.name = "RpcError";
  }
}

export interface DispatchResult {
  readonly bytes: Uint8Array;
  readonly height: bigint;
}

export interface DispatcherOptions {
  readonly app: QueryableApp;
  readonly queryRouter: QueryRouter;
  readonly services?: ServiceTable;
  /** Named in "<app> is not ready; please wait for first block". */
  readonly appName?: string;
}

/**
 * The status an SDK error raised outside a handler maps to; the reverse of baseapp's
 * gRPC-to-SDK mapping (client/grpc_query.go sdkErrorToGRPCError): invalid request ->
 * InvalidArgument, unauthorized -> Unauthenticated, key not found / not found -> NotFound,
 * anything else Unknown (registered SDK errors carry codes.Unknown).
 */
export function sdkErrorStatus(err: unknown): { code: number; message: string } {
  if (err instanceof QueryError) return { code: err.status, message: err.description };
  const message = err instanceof Error ? err.message : String(err);
  if (!(err instanceof AppError)) return { code: GrpcStatus.Unknown, message };
  if (ErrInvalidRequest.is(err)) return { code: GrpcStatus.InvalidArgument, message };
  if (ErrUnauthorized.is(err)) return { code: GrpcStatus.Unauthenticated, message };
  if (ErrKeyNotFound.is(err) || ErrNotFound.is(err)) return { code: GrpcStatus.NotFound, message };
  return { code: GrpcStatus.Unknown, message };
}

export class QueryDispatcher {
  constructor(private readonly opts: DispatcherOptions) {}

  /** Every gRPC method path served: the query router's and the async services'. */
  paths(): string[] {
    return [...new Set([...this.opts.queryRouter.paths(), ...(this.opts.services?.paths() ?? [])])].sort();
  }

  has(path: string): boolean {
    return this.opts.queryRouter.handler(path) !== undefined || this.opts.services?.get(path) !== undefined;
  }

  /** The height a call runs at: the header's, or the latest committed one. Throws RpcError. */
  resolveHeight(header: string | undefined): bigint {
    let requested = 0n;
    if (header !== undefined && header !== "") {
      if (!/^-?\d+$/.test(header.trim())) {
        throw rpcErrorOf(
          ErrInvalidRequest.wrap(`invalid height header "${HEIGHT_HEADER}": strconv.ParseInt: parsing ${JSON.stringify(header)}: invalid syntax`),
        );
      }
      requested = BigInt(header.trim());
    }
    // The same checks, codes and texts as abci_query (app/query-height.ts).
    try {
      return resolveQueryHeight({ requested, latest: this.opts.app.lastBlockHeight(), appName: this.opts.appName ?? "plumed" });
    } catch (err) {
      throw rpcErrorOf(err);
    }
  }

  /** The read-only query context at a resolved height. Throws RpcError for heights not kept. */
  contextAt(height: bigint): QueryContext {
    let view: ReturnType<QueryableApp["contextAt"]>;
    try {
      view = this.opts.app.contextAt(height);
    } catch (err) {
      throw rpcErrorOf(stateNotAvailable(height, this.opts.app.lastBlockHeight(), err));
    }
    return { height, chainId: view.chainId, store: (name) => view.multiStore.getStore(name) };
  }

  /** Runs one call. Resolves with the response bytes; rejects with RpcError. */
  async invoke(path: string, request: Uint8Array, heightHeader?: string): Promise<DispatchResult> {
    const height = this.resolveHeight(heightHeader);
    if (this.opts.queryRouter.handler(path)) {
      const ctx = this.contextAt(height);
      try {
        return { bytes: this.opts.queryRouter.queryBytes(path, ctx, request), height };
      } catch (err) {
        const s = grpcStatusOf(err);
        throw new RpcError(s.status, s.description, height);
      }
    }
    const services = this.opts.services;
    if (services?.get(path)) {
      try {
        return { bytes: await services.callBytes(path, request, { height }), height };
      } catch (err) {
        const s = err instanceof QueryError ? { status: err.status, description: err.description } : grpcStatusOf(err);
        throw new RpcError(s.status, s.description, height);
      }
    }
    throw new RpcError(GrpcStatus.Unimplemented, `unknown method ${path}`, height);
  }
}

function rpcErrorOf(err: unknown): RpcError {
  const s = sdkErrorStatus(err);
  return new RpcError(s.code, s.message);
}
