/**
 * A small client for the CometBFT v0.38 JSON-RPC endpoints the SDK's node-facing services use
 * (status, block, validators, tx, tx_search, broadcast_tx_*), over HTTP POST to the node's RPC
 * address (config.toml [rpc] laddr). Results are returned as CometBFT's JSON; the services turn
 * them into protobuf messages.
 */

/** An error CometBFT returned, worded as its Go client words it ("RPC error -32603 - Internal error: ..."). */
export class CometRpcError extends Error {
  constructor(
    readonly code: number,
    readonly rpcMessage: string,
    readonly data: string,
  ) {
    super(`RPC error ${code} - ${rpcMessage}${data === "" ? "" : `: ${data}`}`);
    this.name = "CometRpcError";
  }
}

export type RpcJson = null | boolean | number | string | RpcJson[] | { [key: string]: RpcJson };
export type RpcObject = { [key: string]: RpcJson };

export interface CometRpcOptions {
  /** "http://127.0.0.1:26657" or CometBFT's own form "tcp://127.0.0.1:26657". */
  readonly url: string;
  /** Per-request bound in milliseconds (default 10 s). */
  readonly timeoutMs?: number;
}

/** `tcp://host:port` (config.toml) -> `http://host:port`. */
export function httpUrlOf(address: string): string {
  if (address.startsWith("tcp://")) return `http://${address.slice("tcp://".length)}`;
  if (/^https?:\/\//.test(address)) return address;
  return `http://${address}`;
}

export class CometRpcClient {
  private readonly url: string;
  private readonly timeoutMs: number;
  private nextId = 1;

  constructor(opts: CometRpcOptions) {
    this.url = httpUrlOf(opts.url);
    this.timeoutMs = opts.timeoutMs ?? 10_000;
  }

  async call(method: string, params: Record<string, RpcJson | undefined>): Promise<RpcObject> {
    const clean: Record<string, RpcJson> = {};
    // deterministic: the parameters of a JSON-RPC request to CometBFT, not state
    for (const [k, v] of Object.entries(params)) if (v !== undefined) clean[k] = v;
    const id = this.nextId++;
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ jsonrpc: "2.0", id, method, params: clean }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (err) {
      throw new Error(`post failed: Post "${this.url}": ${(err as Error).message}`, { cause: err });
    }
    const text = await response.text();
    let body: RpcObject;
    try {
      body = JSON.parse(text) as RpcObject;
    } catch {
      throw new Error(`error unmarshalling: ${text.slice(0, 200)}`);
    }
    const error = body["error"];
    if (error && typeof error === "object" && !Array.isArray(error)) {
      throw new CometRpcError(Number(error["code"] ?? 0), str(error["message"]), str(error["data"]));
    }
    const result = body["result"];
    if (!result || typeof result !== "object" || Array.isArray(result)) throw new Error(`CometBFT ${method}: no result`);
    return result;
  }

  status(): Promise<RpcObject> {
    return this.call("status", {});
  }

  /** The block at `height`, or the latest one. */
  block(height?: bigint): Promise<RpcObject> {
    return this.call("block", { height: height === undefined ? undefined : height.toString() });
  }

  validators(height: bigint | undefined, page: number, perPage: number): Promise<RpcObject> {
    return this.call("validators", { height: height === undefined ? undefined : height.toString(), page: String(page), per_page: String(perPage) });
  }

  tx(hash: Uint8Array): Promise<RpcObject> {
    return this.call("tx", { hash: Buffer.from(hash).toString("base64"), prove: false });
  }

  txSearch(query: string, page: number, perPage: number, orderBy: string): Promise<RpcObject> {
    return this.call("tx_search", { query, prove: false, page: String(page), per_page: String(perPage), order_by: orderBy });
  }

  broadcastTxSync(tx: Uint8Array): Promise<RpcObject> {
    return this.call("broadcast_tx_sync", { tx: Buffer.from(tx).toString("base64") });
  }

  broadcastTxAsync(tx: Uint8Array): Promise<RpcObject> {
    return this.call("broadcast_tx_async", { tx: Buffer.from(tx).toString("base64") });
  }
}

// ---- readers for CometBFT's JSON, failing with the path of what is missing ----

export function obj(v: RpcJson | undefined, path: string): RpcObject {
  if (!v || typeof v !== "object" || Array.isArray(v)) throw new Error(`CometBFT response: ${path} is not an object`);
  return v;
}

export function optObj(v: RpcJson | undefined): RpcObject | undefined {
  return v && typeof v === "object" && !Array.isArray(v) ? v : undefined;
}

export function arr(v: RpcJson | undefined): RpcJson[] {
  return Array.isArray(v) ? v : [];
}

export function str(v: RpcJson | undefined): string {
  if (typeof v === "string") return v;
  if (v === undefined || v === null) return "";
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

export function big(v: RpcJson | undefined): bigint {
  const s = str(v);
  return s === "" ? 0n : BigInt(s);
}

export function num(v: RpcJson | undefined): number {
  return typeof v === "number" ? v : Number(str(v) || "0");
}

export function hexBytes(v: RpcJson | undefined): Uint8Array {
  return new Uint8Array(Buffer.from(str(v), "hex"));
}

export function b64Bytes(v: RpcJson | undefined): Uint8Array {
  return new Uint8Array(Buffer.from(str(v), "base64"));
}
