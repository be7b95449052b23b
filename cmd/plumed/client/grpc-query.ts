import type { CometRpc } from "./rpc";

/**
 * A gRPC query sent through CometBFT's `abci_query` with the method's full path, as the SDK's
 * client.Context does for `simd query ...` (baseapp routes such paths to its gRPC query router).
 */
export class QueryFailedError extends Error {
  constructor(
    readonly path: string,
    readonly code: number,
    readonly codespace: string,
    log: string,
  ) {
    super(log !== "" ? log : `query ${path} failed with code ${code} (${codespace})`);
    this.name = "QueryFailedError";
  }

  /** The SDK's ErrKeyNotFound (sdk/22), what a gRPC NotFound becomes in an ABCI query result. */
  get notFound(): boolean {
    return this.codespace === "sdk" && this.code === 22;
  }
}

export interface Codec<T> {
  encode(message: T): { finish(): Uint8Array };
  decode(bytes: Uint8Array): T;
}

export async function grpcQuery<Req, Res>(
  rpc: CometRpc,
  path: string,
  request: Req,
  requestCodec: Codec<Req>,
  responseCodec: Codec<Res>,
  height?: bigint,
): Promise<{ readonly response: Res; readonly height: bigint }> {
  const r = await rpc.abciQuery(path, requestCodec.encode(request).finish(), height);
  if (r.code !== 0) throw new QueryFailedError(path, r.code, r.codespace, r.log);
  let response: Res;
  try {
    response = responseCodec.decode(r.value);
  } catch (err) {
    throw new Error(`cannot decode the answer to ${path}: ${(err as Error).message}`);
  }
  return { response, height: r.height };
}
