import type { ProtoCodec } from "../../codec";
import { GrpcStatus, QueryError, invalidArgument, queryErrorToAbci } from "../../query-router";
import type { QueryContext } from "../../module";

/** What an async service method learns about its call: the height the query was resolved at. */
export interface ServiceCall {
  readonly height: bigint;
}

/**
 * One method of a service that answers from outside the state store (CometBFT's RPC, the app's
 * simulator, node config): `/cosmos.tx.v1beta1.Service/GetTx` and the like. Errors are thrown as
 * QueryError (a gRPC status) so that gRPC, REST and abci_query report them as the SDK does.
 */
export interface ServiceMethod<Req, Res> {
  readonly path: string;
  readonly requestCodec: ProtoCodec<Req>;
  readonly responseCodec: ProtoCodec<Res>;
  /**
   * Whether abci_query may route it. The SDK registers these services on baseapp's gRPC query
   * router, so all are reachable that way except BroadcastTx, which baseapp refuses.
   */
  readonly viaAbci: boolean;
  handle(request: Req, call: ServiceCall): Promise<Res>;
}

export type AnyServiceMethod = ServiceMethod<unknown, unknown>;

/** Async service methods by gRPC path; registering a path twice throws. */
export class ServiceTable {
  private readonly methods = new Map<string, AnyServiceMethod>();

  register<Req, Res>(method: ServiceMethod<Req, Res>): void {
    if (this.methods.has(method.path)) throw new Error(`service method ${method.path} registered twice`);
    this.methods.set(method.path, method);
  }

  get(path: string): AnyServiceMethod | undefined {
    return this.methods.get(path);
  }

  paths(): string[] {
    return [...this.methods.keys()].sort();
  }

  /** Decodes, runs and encodes one call. Throws QueryError for a bad request. */
  async callBytes(path: string, data: Uint8Array, call: ServiceCall): Promise<Uint8Array> {
    const method = this.methods.get(path);
    if (!method) throw new QueryError(GrpcStatus.Unimplemented, `unknown method ${path}`);
    let request: unknown;
    try {
      request = method.requestCodec.decode(data);
    } catch (err) {
      throw invalidArgument(`failed to decode request: ${(err as Error).message}`);
    }
    const response = await method.handle(request, call);
    return method.responseCodec.encode(response).finish();
  }
}

/** The signature of BaseApp's `extraQueries` option. */
export type ExtraQueries = (path: string, data: Uint8Array, ctx: QueryContext) => Uint8Array | Promise<Uint8Array> | undefined;

/**
 * The BaseApp `extraQueries` hook that routes abci_query paths to async services. Failures are
 * turned into the SDK error the ABCI query result carries (baseapp's gRPCErrorToSDKError), e.g.
 * an unknown tx hash gives code 22 with "rpc error: code = NotFound desc = tx not found: ...".
 * Paths it does not know (and BroadcastTx) return undefined, leaving them to BaseApp.
 */
export function serviceQueryHook(services: ServiceTable | (() => ServiceTable | undefined), fallback?: ExtraQueries): ExtraQueries {
  return (path, data, ctx) => {
    const table = typeof services === "function" ? services() : services;
    const method = table?.get(path);
    if (!table || !method || !method.viaAbci) return fallback?.(path, data, ctx);
    return table.callBytes(path, data, { height: ctx.height }).catch((err: unknown) => {
      throw queryErrorToAbci(err);
    });
  };
}
