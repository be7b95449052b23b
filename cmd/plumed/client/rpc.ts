import { fromBase64, toBase64, toHex } from "@cosmjs/encoding";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

/**
 * The few CometBFT v0.38 JSON-RPC methods the client needs, over HTTP POST. Failures become one
 * readable line: an unreachable node names its address, a JSON-RPC error its message and data.
 * (`@cosmjs/tendermint-rpc` would do too, but its errors are raw transport errors; these few
 * calls are simpler to own.)
 */
export class RpcError extends Error {
  constructor(
    message: string,
    readonly rpcCode?: number,
    readonly data?: string,
  ) {
    super(message);
    this.name = "RpcError";
  }
}

export interface AbciQueryResult {
  readonly code: number;
  readonly codespace: string;
  readonly log: string;
  readonly value: Uint8Array;
  readonly height: bigint;
}

export interface BroadcastResult {
  readonly code: number;
  readonly codespace: string;
  readonly log: string;
  readonly data: Uint8Array;
  /** Upper-case hex, as CometBFT prints it. */
  readonly hash: string;
}

export interface RpcEvent {
  readonly type: string;
  readonly attributes: readonly { readonly key: string; readonly value: string; readonly index: boolean }[];
}

export interface TxResult {
  readonly hash: string;
  readonly height: bigint;
  readonly tx: Uint8Array;
  readonly result: {
    readonly code: number;
    readonly codespace: string;
    readonly log: string;
    readonly info: string;
    readonly data: Uint8Array;
    readonly gasWanted: bigint;
    readonly gasUsed: bigint;
    readonly events: readonly RpcEvent[];
  };
}

/** `tcp://host:port`, `http(s)://host:port` or `host:port` to an HTTP URL. */
export function nodeToHttpUrl(node: string): string {
  const trimmed = node.trim();
  let url: URL;
  try {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) && !/^(tcp|https?):\/\//i.test(trimmed)) throw new Error("scheme");
    if (trimmed.startsWith("tcp://")) url = new URL(`http://${trimmed.slice(6)}`);
    else if (/^https?:\/\//.test(trimmed)) url = new URL(trimmed);
    else url = new URL(`http://${trimmed}`);
  } catch {
    throw new Error(`invalid --node "${node}" (expected tcp://host:port or http(s)://host:port)`);
  }
  if (url.hostname === "" || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new Error(`invalid --node "${node}" (expected tcp://host:port or http(s)://host:port)`);
  }
  return url.toString().replace(/\/$/, "");
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function obj(v: Json | undefined, what: string): { [k: string]: Json } {
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new RpcError(`unexpected RPC response: ${what} is not an object`);
  return v;
}
const str = (v: Json | undefined): string => (typeof v === "string" ? v : typeof v === "number" ? String(v) : "");
const num = (v: Json | undefined): number => (typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : 0);
const big = (v: Json | undefined): bigint => (typeof v === "string" && /^-?\d+$/.test(v) ? BigInt(v) : typeof v === "number" ? BigInt(v) : 0n);
const b64 = (v: Json | undefined): Uint8Array => (typeof v === "string" && v !== "" ? fromBase64(v) : new Uint8Array());

export class CometRpc {
  private nextId = 1;
  readonly url: string;

  constructor(
    readonly node: string,
    private readonly timeoutMs = 30_000,
  ) {
    this.url = nodeToHttpUrl(node);
  }

  async call(method: string, params: Record<string, Json>): Promise<Json> {
    const id = this.nextId++;
    const { status, text } = await this.post(JSON.stringify({ jsonrpc: "2.0", id, method, params }));
    let body: { result?: Json; error?: { code?: number; message?: string; data?: string } };
    try {
      body = JSON.parse(text) as typeof body;
    } catch {
      throw new RpcError(`the node at ${this.node} answered ${method} with HTTP ${status} and no JSON-RPC body`);
    }
    if (body.error) {
      const data = typeof body.error.data === "string" ? body.error.data : "";
      const message = data !== "" ? data : (body.error.message ?? "unknown error");
      throw new RpcError(message, body.error.code, data);
    }
    if (body.result === undefined) throw new RpcError(`the node at ${this.node} answered ${method} without a result`);
    return body.result;
  }

  /** One POST with node:http(s) (not fetch, which refuses some ports a node may listen on). */
  private post(body: string): Promise<{ status: number; text: string }> {
    const url = new URL(this.url);
    const send = url.protocol === "https:" ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      const req = send(
        url,
        { method: "POST", agent: false, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) }, timeout: this.timeoutMs },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8") }));
          res.on("error", (err) => reject(new RpcError(`cannot reach the node at ${this.node}: ${err.message}`)));
        },
      );
      req.on("timeout", () => req.destroy(new Error(`no answer within ${this.timeoutMs / 1000} s`)));
      req.on("error", (err: NodeJS.ErrnoException) => reject(new RpcError(`cannot reach the node at ${this.node}: ${err.code ?? err.message}`)));
      req.end(body);
    });
  }

  async abciQuery(path: string, data: Uint8Array, height?: bigint): Promise<AbciQueryResult> {
    const result = obj(await this.call("abci_query", { path, data: toHex(data), height: String(height ?? 0n), prove: false }), "result");
    const r = obj(result["response"], "response");
    return { code: num(r["code"]), codespace: str(r["codespace"]), log: str(r["log"]), value: b64(r["value"]), height: big(r["height"]) };
  }

  async broadcastTx(tx: Uint8Array, mode: "sync" | "async"): Promise<BroadcastResult> {
    const r = obj(await this.call(`broadcast_tx_${mode}`, { tx: toBase64(tx) }), "result");
    return { code: num(r["code"]), codespace: str(r["codespace"]), log: str(r["log"]), data: b64(r["data"]), hash: str(r["hash"]).toUpperCase() };
  }

  async tx(hash: Uint8Array): Promise<TxResult> {
    const r = obj(await this.call("tx", { hash: toBase64(hash), prove: false }), "result");
    const t = obj(r["tx_result"], "tx_result");
    const events = Array.isArray(t["events"]) ? t["events"] : [];
    return {
      hash: str(r["hash"]).toUpperCase(),
      height: big(r["height"]),
      tx: b64(r["tx"]),
      result: {
        code: num(t["code"]),
        codespace: str(t["codespace"]),
        log: str(t["log"]),
        info: str(t["info"]),
        data: b64(t["data"]),
        gasWanted: big(t["gas_wanted"]),
        gasUsed: big(t["gas_used"]),
        events: events.map((e) => {
          const ev = obj(e, "event");
          const attrs = Array.isArray(ev["attributes"]) ? ev["attributes"] : [];
          return {
            type: str(ev["type"]),
            attributes: attrs.map((a) => {
              const at = obj(a, "attribute");
              return { key: str(at["key"]), value: str(at["value"]), index: at["index"] === true };
            }),
          };
        }),
      },
    };
  }

  /** The block time of `height` (RFC 3339, as CometBFT prints it). */
  async blockTime(height: bigint): Promise<string> {
    const r = obj(await this.call("block", { height: String(height) }), "result");
    const header = obj(obj(r["block"], "block")["header"], "header");
    return str(header["time"]);
  }
}
