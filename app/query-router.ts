import { AppError, ErrInvalidRequest, ErrKeyNotFound, ErrUnauthorized, ErrUnknownRequest, UNDEFINED_CODESPACE } from "./errors";
import type { QueryContext, QueryHandlerDef } from "./module";

/** gRPC status codes the SDK maps query errors through (google.golang.org/grpc/codes). */
export const GrpcStatus = {
  OK: 0,
  Unknown: 2,
  InvalidArgument: 3,
  NotFound: 5,
  FailedPrecondition: 9,
  Unimplemented: 12,
  Internal: 13,
  Unauthenticated: 16,
} as const;
export type GrpcStatusCode = (typeof GrpcStatus)[keyof typeof GrpcStatus];

const STATUS_NAMES: Record<number, string> = {
  0: "OK",
  2: "Unknown",
  3: "InvalidArgument",
  5: "NotFound",
  9: "FailedPrecondition",
  12: "Unimplemented",
  13: "Internal",
  16: "Unauthenticated",
};

/** A query failure carrying the gRPC status the SDK's query servers would have returned. */
export class QueryError extends Error {
  constructor(
    readonly status: GrpcStatusCode,
    readonly description: string,
  ) {
    super(`rpc error: code = ${STATUS_NAMES[status] ?? String(status)} desc = ${description}`);
    this.name = "QueryError";
  }
}

export const notFound = (what: string): QueryError => new QueryError(GrpcStatus.NotFound, what);
export const invalidArgument = (what: string): QueryError => new QueryError(GrpcStatus.InvalidArgument, what);

/** Errors that carry no registered SDK code: plain Go errors in the SDK, plain JS errors here. */
function isPlainError(err: unknown): boolean {
  return !(err instanceof QueryError) && (!(err instanceof AppError) || err.codespace === UNDEFINED_CODESPACE);
}

/**
 * The gRPC status of any error a query handler throws: an explicit QueryError keeps its status;
 * a registered SDK error (AppError) is Unknown with its message, as errorsmod errors surface
 * through grpc-go; anything else is Unknown too.
 */
export function grpcStatusOf(err: unknown): { status: GrpcStatusCode; description: string } {
  if (err instanceof QueryError) return { status: err.status, description: err.description };
  const message = err instanceof Error ? err.message : String(err);
  return { status: GrpcStatus.Unknown, description: message };
}

/**
 * The SDK error an ABCI query result carries for a failed gRPC query (baseapp's gRPCErrorToSDKError):
 * an error without a gRPC status -> invalid request (18) with the raw text; otherwise
 * NotFound -> key not found (22), InvalidArgument/FailedPrecondition -> invalid request (18),
 * Unauthenticated -> unauthorized (4), anything else -> unknown request (6). The log keeps the
 * "rpc error: code = ... desc = ..." text, which cosmjs matches on.
 */
export function queryErrorToAbci(err: unknown): AppError {
  if (isPlainError(err)) {
    const raw = err instanceof AppError ? err.message.replace(/: internal$/, "") : err instanceof Error ? err.message : String(err);
    return ErrInvalidRequest.wrap(raw);
  }
  const { status, description } = grpcStatusOf(err);
  const text = new QueryError(status, description).message;
  switch (status) {
    case GrpcStatus.NotFound:
      return ErrKeyNotFound.wrap(text);
    case GrpcStatus.InvalidArgument:
    case GrpcStatus.FailedPrecondition:
      return ErrInvalidRequest.wrap(text);
    case GrpcStatus.Unauthenticated:
      return ErrUnauthorized.wrap(text);
    default:
      return ErrUnknownRequest.wrap(text);
  }
}

/** Query handlers by full gRPC method path; one handler serves abci_query, gRPC and REST. */
export class QueryRouter {
  private readonly handlers = new Map<string, QueryHandlerDef<unknown, unknown>>();

  register<Req, Res>(def: QueryHandlerDef<Req, Res>): void {
    if (this.handlers.has(def.path)) throw new Error(`query handler for ${def.path} registered twice`);
    this.handlers.set(def.path, def);
  }

  handler(path: string): QueryHandlerDef<unknown, unknown> | undefined {
    return this.handlers.get(path);
  }

  paths(): string[] {
    return [...this.handlers.keys()].sort();
  }

  /** Decodes the request, runs the handler, encodes the response. Throws QueryError/AppError. */
  queryBytes(path: string, ctx: QueryContext, data: Uint8Array): Uint8Array {
    const def = this.handlers.get(path);
    if (!def) throw new QueryError(GrpcStatus.Unimplemented, `unknown method ${path}`);
    let request: unknown;
    try {
      request = def.requestCodec.decode(data);
    } catch (err) {
      throw invalidArgument(`failed to decode request: ${(err as Error).message}`);
    }
    const response = def.handle(ctx, request);
    return def.responseCodec.encode(response).finish();
  }
}
