import { fromBase64, fromHex, toBase64 } from "@cosmjs/encoding";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A stand-in for CometBFT's JSON-RPC (POST) for client unit tests: abci_query is routed by gRPC
 * path to handlers, broadcasts are recorded and answered by a handler, tx and block answer from
 * fixtures. Only for tests: end-to-end tests use a real node (test/helpers/testnet.ts).
 */
export interface AbciAnswer {
  readonly code?: number;
  readonly codespace?: string;
  readonly log?: string;
  readonly value?: Uint8Array;
}

export interface FakeCometOptions {
  readonly queries?: Record<string, (data: Uint8Array, height: bigint) => AbciAnswer>;
  readonly broadcast?: (tx: Uint8Array) => { code: number; codespace?: string; log?: string } | { rpcError: string };
  readonly txs?: Record<string, { height: bigint; tx: Uint8Array; code?: number; log?: string; events?: unknown[] }>;
  readonly blockTime?: string;
}

export class FakeComet {
  readonly broadcasts: { method: string; tx: Uint8Array }[] = [];
  readonly queried: { path: string; data: Uint8Array; height: bigint }[] = [];

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(options: FakeCometOptions): Promise<FakeComet> {
    let fake: FakeComet | undefined;
    const server = createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c.toString("utf8")));
      req.on("end", () => {
        const call = JSON.parse(body) as { id: number; method: string; params: Record<string, string> };
        const reply = (payload: Record<string, unknown>): void => {
          res.setHeader("content-type", "application/json");
          res.end(JSON.stringify({ jsonrpc: "2.0", id: call.id, ...payload }));
        };
        const p = call.params;
        if (call.method === "abci_query") {
          const path = p["path"] ?? "";
          const data = fromHex(p["data"] ?? "");
          const height = BigInt(p["height"] ?? "0");
          fake?.queried.push({ path, data, height });
          const handler = options.queries?.[path];
          const a: AbciAnswer = handler ? handler(data, height) : { code: 6, codespace: "sdk", log: `unknown query path ${path}: unknown request` };
          return reply({
            result: { response: { code: a.code ?? 0, codespace: a.codespace ?? "", log: a.log ?? "", value: a.value ? toBase64(a.value) : null, height: String(height === 0n ? 7n : height) } },
          });
        }
        if (call.method === "broadcast_tx_sync" || call.method === "broadcast_tx_async") {
          const tx = fromBase64(p["tx"] ?? "");
          fake?.broadcasts.push({ method: call.method, tx });
          const r = options.broadcast?.(tx) ?? { code: 0 };
          if ("rpcError" in r) return reply({ error: { code: -32603, message: "Internal error", data: r.rpcError } });
          return reply({ result: { code: r.code, codespace: r.codespace ?? "", log: r.log ?? "", data: "", hash: "ABCDEF" } });
        }
        if (call.method === "tx") {
          const hex = Buffer.from(fromBase64(p["hash"] ?? "")).toString("hex").toUpperCase();
          const t = options.txs?.[hex];
          if (!t) return reply({ error: { code: -32603, message: "Internal error", data: `tx (${hex}) not found` } });
          return reply({
            result: {
              hash: hex,
              height: t.height.toString(),
              index: 0,
              tx: toBase64(t.tx),
              tx_result: { code: t.code ?? 0, data: null, log: t.log ?? "", info: "", gas_wanted: "200000", gas_used: "51234", events: t.events ?? [], codespace: "" },
            },
          });
        }
        if (call.method === "block") {
          return reply({ result: { block: { header: { time: options.blockTime ?? "2024-01-02T03:04:05.123456789Z" } } } });
        }
        return reply({ error: { code: -32601, message: "Method not found" } });
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    const port = (server.address() as AddressInfo).port;
    fake = new FakeComet(server, `tcp://127.0.0.1:${port}`);
    return fake;
  }

  stop(): Promise<void> {
    return new Promise((r) => {
      this.server.closeAllConnections();
      this.server.close(() => r());
    });
  }
}
