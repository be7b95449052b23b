/**
 * cosmos.tx.v1beta1.Service (x/auth/tx/service.go in cosmos-sdk v0.50): Simulate through the
 * app, GetTx / GetTxsEvent / GetBlockWithTxs / BroadcastTx through CometBFT's RPC, TxDecode and
 * TxEncode locally. The amino JSON encode/decode methods are not offered (gRPC Unimplemented).
 */
import { ABCIMessageLog, TxResponse } from "cosmjs-types/cosmos/base/abci/v1beta1/abci";
import {
  BroadcastMode,
  BroadcastTxRequest,
  BroadcastTxResponse,
  GetBlockWithTxsRequest,
  GetBlockWithTxsResponse,
  GetTxRequest,
  GetTxResponse,
  GetTxsEventRequest,
  GetTxsEventResponse,
  OrderBy,
  SimulateRequest,
  SimulateResponse,
  TxDecodeRequest,
  TxDecodeResponse,
  TxEncodeRequest,
  TxEncodeResponse,
} from "cosmjs-types/cosmos/tx/v1beta1/service";
import { AuthInfo, Tx, TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import type { Event } from "cosmjs-types/tendermint/abci/types";
import { createHash } from "node:crypto";
import { jsonText } from "../../json-read";
import { ErrInvalidHeight, ErrInvalidRequest, ErrMempoolIsFull, ErrTxInMempoolCache, ErrTxTooLarge } from "../../errors";
import { GrpcStatus, QueryError } from "../../query-router";
import { checkTxEvents, checkTxQuery } from "./tx-query";
import { blockIdOf, blockOf, rfc3339Seconds } from "./comet-convert";
import { arr, b64Bytes, big, num, obj, optObj, str, type CometRpcClient, type RpcJson, type RpcObject } from "./comet-rpc";
import type { ServiceMethod } from "./service-table";

/** What Simulate needs from the app (BaseApp.simulate). */
export interface TxSimulator {
  /**
   * Runs the tx in simulate mode on a branch of the latest state. On failure it throws; an error
   * with `gasWanted`/`gasUsed` properties (app/tx/simulate.ts SimulationError) reports the gas,
   * as the SDK's message does.
   */
  simulate(txBytes: Uint8Array): SimulateResponse | Promise<SimulateResponse>;
}

export interface TxServiceDeps {
  readonly comet: CometRpcClient;
  /** The simulator, if the app has one yet (looked up on each call). */
  readonly simulator: () => TxSimulator | undefined;
}

const SERVICE = "/cosmos.tx.v1beta1.Service";
/** types/query.DefaultLimit. */
const DEFAULT_LIMIT = 100;

const unknown = (message: string): QueryError => new QueryError(GrpcStatus.Unknown, message);
const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

export function txServiceMethods(deps: TxServiceDeps): ServiceMethod<never, unknown>[] {
  const simulate: ServiceMethod<SimulateRequest, SimulateResponse> = {
    path: `${SERVICE}/Simulate`,
    requestCodec: SimulateRequest,
    responseCodec: SimulateResponse,
    viaAbci: true,
    async handle(req) {
      let txBytes = req.txBytes;
      // Backwards compatibility: a decoded Tx instead of bytes (signatures may then not verify).
      if (txBytes.length === 0 && req.tx) txBytes = Tx.encode(req.tx).finish();
      if (txBytes.length === 0) throw new QueryError(GrpcStatus.InvalidArgument, "empty txBytes is not allowed");
      const simulator = deps.simulator();
      if (!simulator) throw new QueryError(GrpcStatus.Unimplemented, "this node cannot simulate transactions yet");
      try {
        return await simulator.simulate(txBytes);
      } catch (err) {
        // Worded as x/auth/tx/service.go does, and as BaseApp's abci_query path (app/tx/simulate.ts).
        const gas = (key: "gasWanted" | "gasUsed"): string => {
          const v = (err as Partial<Record<typeof key, unknown>> | null)?.[key];
          return typeof v === "bigint" || typeof v === "number" ? String(v) : "0";
        };
        throw unknown(`${messageOf(err)} With gas wanted: '${gas("gasWanted")}' and gas used: '${gas("gasUsed")}' `);
      }
    },
  };

  const getTx: ServiceMethod<GetTxRequest, GetTxResponse> = {
    path: `${SERVICE}/GetTx`,
    requestCodec: GetTxRequest,
    responseCodec: GetTxResponse,
    viaAbci: true,
    async handle(req) {
      if (req.hash === "") throw new QueryError(GrpcStatus.InvalidArgument, "tx hash cannot be empty");
      const hash = decodeHex(req.hash);
      let result: RpcObject;
      try {
        result = await deps.comet.tx(hash);
      } catch (err) {
        if (messageOf(err).includes("not found")) throw new QueryError(GrpcStatus.NotFound, `tx not found: ${req.hash}`);
        throw unknown(messageOf(err));
      }
      const times = new BlockTimes(deps.comet);
      const { tx, txResponse } = await txResult(result, times);
      return GetTxResponse.fromPartial({ tx, txResponse });
    },
  };

  const getTxsEvent: ServiceMethod<GetTxsEventRequest, GetTxsEventResponse> = {
    path: `${SERVICE}/GetTxsEvent`,
    requestCodec: GetTxsEventRequest,
    responseCodec: GetTxsEventResponse,
    viaAbci: true,
    async handle(req) {
      // v0.50 takes a CometBFT query; `events` (joined with AND) is still accepted from older clients.
      if (req.query === "") checkTxEvents(req.events);
      const query = req.query !== "" ? req.query : req.events.join(" AND ");
      if (query === "") throw new QueryError(GrpcStatus.Internal, "query cannot be empty");
      // A malformed search is the client's mistake (400, saying what is wrong), not CometBFT's 500.
      checkTxQuery(query);
      const page = req.page > 0n ? Number(req.page) : 1;
      const limit = req.limit > 0n ? Number(req.limit) : DEFAULT_LIMIT;
      const orderBy = req.orderBy === OrderBy.ORDER_BY_ASC ? "asc" : req.orderBy === OrderBy.ORDER_BY_DESC ? "desc" : "";
      let search: RpcObject;
      try {
        search = await deps.comet.txSearch(query, page, limit, orderBy);
      } catch (err) {
        throw new QueryError(GrpcStatus.Internal, `failed to search for txs: ${messageOf(err)}`);
      }
      const times = new BlockTimes(deps.comet);
      const results = await Promise.all(arr(search["txs"]).map((t) => txResult(obj(t, "tx"), times)));
      return GetTxsEventResponse.fromPartial({
        txs: results.map((r) => r.tx),
        txResponses: results.map((r) => r.txResponse),
        total: big(search["total_count"]),
      });
    },
  };

  const getBlockWithTxs: ServiceMethod<GetBlockWithTxsRequest, GetBlockWithTxsResponse> = {
    path: `${SERVICE}/GetBlockWithTxs`,
    requestCodec: GetBlockWithTxsRequest,
    responseCodec: GetBlockWithTxsResponse,
    viaAbci: true,
    async handle(req, call) {
      if (req.height < 1n || req.height > call.height) {
        throw unknown(
          ErrInvalidHeight.wrap(`requested height ${req.height} but height must not be less than 1 or greater than the current height ${call.height}`).message,
        );
      }
      let result: RpcObject;
      try {
        result = await deps.comet.block(req.height);
      } catch (err) {
        throw unknown(messageOf(err));
      }
      const block = blockOf(result["block"]);
      const offset = req.pagination ? Number(req.pagination.offset) : 0;
      const limit = req.pagination ? Number(req.pagination.limit) : DEFAULT_LIMIT;
      const all = block.data.txs;
      if (offset >= all.length && all.length !== 0) {
        throw unknown(ErrInvalidRequest.wrap(`out of range: cannot paginate ${all.length} txs with offset ${offset} and limit ${limit}`).message);
      }
      const txs: Tx[] = [];
      // Mirrors the SDK's loops, including the reverse one that starts at `offset` and stops at 1.
      if (req.pagination?.reverse) {
        for (let i = offset, n = 0; i > 0 && n !== limit; i--, n++) pushDecoded(txs, all[i]);
      } else {
        for (let i = offset, n = 0; i < all.length && n !== limit; i++, n++) pushDecoded(txs, all[i]);
      }
      return GetBlockWithTxsResponse.fromPartial({
        txs,
        blockId: blockIdOf(result["block_id"]),
        block,
        pagination: { nextKey: new Uint8Array(), total: BigInt(all.length) },
      });
    },
  };

  const broadcastTx: ServiceMethod<BroadcastTxRequest, BroadcastTxResponse> = {
    path: `${SERVICE}/BroadcastTx`,
    requestCodec: BroadcastTxRequest,
    responseCodec: BroadcastTxResponse,
    // baseapp answers abci_query for this path with "can't route a broadcast tx message".
    viaAbci: false,
    async handle(req) {
      if (req.txBytes.length === 0) throw new QueryError(GrpcStatus.InvalidArgument, "invalid empty tx");
      const mode = req.mode === BroadcastMode.BROADCAST_MODE_SYNC ? "sync" : req.mode === BroadcastMode.BROADCAST_MODE_ASYNC ? "async" : "unspecified";
      if (mode === "unspecified") throw unknown("unsupported return type unspecified; supported types: sync, async");
      let result: RpcObject;
      try {
        result = mode === "sync" ? await deps.comet.broadcastTxSync(req.txBytes) : await deps.comet.broadcastTxAsync(req.txBytes);
      } catch (err) {
        const mapped = cometBroadcastError(messageOf(err), req.txBytes);
        if (mapped) return BroadcastTxResponse.fromPartial({ txResponse: mapped });
        throw unknown(messageOf(err));
      }
      const log = str(result["log"]);
      return BroadcastTxResponse.fromPartial({
        txResponse: {
          code: num(result["code"]),
          codespace: str(result["codespace"]),
          data: str(result["data"]).toUpperCase(),
          rawLog: log,
          logs: parseLogs(log),
          txhash: str(result["hash"]).toUpperCase(),
        },
      });
    },
  };

  const txDecode: ServiceMethod<TxDecodeRequest, TxDecodeResponse> = {
    path: `${SERVICE}/TxDecode`,
    requestCodec: TxDecodeRequest,
    responseCodec: TxDecodeResponse,
    viaAbci: true,
    async handle(req) {
      if (req.txBytes.length === 0) throw new QueryError(GrpcStatus.InvalidArgument, "invalid empty tx bytes");
      return TxDecodeResponse.fromPartial({ tx: decodeTx(req.txBytes) });
    },
  };

  const txEncode: ServiceMethod<TxEncodeRequest, TxEncodeResponse> = {
    path: `${SERVICE}/TxEncode`,
    requestCodec: TxEncodeRequest,
    responseCodec: TxEncodeResponse,
    viaAbci: true,
    async handle(req) {
      if (!req.tx) throw new QueryError(GrpcStatus.InvalidArgument, "invalid empty tx");
      const raw = TxRaw.fromPartial({
        bodyBytes: TxBody.encode(req.tx.body ?? TxBody.fromPartial({})).finish(),
        authInfoBytes: AuthInfo.encode(req.tx.authInfo ?? AuthInfo.fromPartial({})).finish(),
        signatures: req.tx.signatures,
      });
      return TxEncodeResponse.fromPartial({ txBytes: TxRaw.encode(raw).finish() });
    },
  };

  return [simulate, getTx, getTxsEvent, getBlockWithTxs, broadcastTx, txDecode, txEncode] as ServiceMethod<never, unknown>[];
}

function pushDecoded(out: Tx[], bytes: Uint8Array | undefined): void {
  if (bytes === undefined) return;
  try {
    out.push(decodeTx(bytes));
  } catch {
    // The SDK logs undecodable txs of a block and leaves them out.
  }
}

/** A TxRaw's bytes are a valid Tx encoding (same field numbers, bytes vs embedded message). */
function decodeTx(bytes: Uint8Array): Tx {
  try {
    return Tx.decode(bytes);
  } catch (err) {
    throw unknown(`tx parse error: ${messageOf(err)}`);
  }
}

/** encoding/hex.DecodeString, with Go's error texts. */
function decodeHex(text: string): Uint8Array {
  const bad = /[^0-9a-fA-F]/.exec(text);
  if (bad) {
    const c = bad[0];
    throw unknown(`encoding/hex: invalid byte: U+${c.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0") ?? "0000"} '${c}'`);
  }
  if (text.length % 2 === 1) throw unknown("encoding/hex: odd length hex string");
  return new Uint8Array(Buffer.from(text, "hex"));
}

/** client.CheckCometError: mempool refusals become a TxResponse with the SDK's code. */
function cometBroadcastError(message: string, txBytes: Uint8Array): TxResponse | undefined {
  const lower = message.toLowerCase();
  const txhash = createHash("sha256").update(txBytes).digest("hex").toUpperCase();
  const as = (e: { code: number; codespace: string }): TxResponse => TxResponse.fromPartial({ code: e.code, codespace: e.codespace, txhash });
  if (lower.includes("tx already exists in cache")) return as(ErrTxInMempoolCache);
  if (lower.includes("mempool is full")) return as(ErrMempoolIsFull);
  if (lower.includes("tx too large")) return as(ErrTxTooLarge);
  return undefined;
}

/** sdk.ParseABCILogs: the JSON log of pre-0.50 chains; anything else gives no logs. */
function parseLogs(log: string): ABCIMessageLog[] {
  if (!log.startsWith("[")) return [];
  try {
    const parsed = JSON.parse(log) as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed.map((l: Record<string, unknown>) =>
      ABCIMessageLog.fromPartial({
        msgIndex: Number(l["msg_index"] ?? 0),
        log: jsonText(l["log"]),
        events: (Array.isArray(l["events"]) ? (l["events"] as Record<string, unknown>[]) : []).map((e) => ({
          type: jsonText(e["type"]),
          attributes: (Array.isArray(e["attributes"]) ? (e["attributes"] as Record<string, unknown>[]) : []).map((a) => ({
            key: jsonText(a["key"]),
            value: jsonText(a["value"]),
          })),
        })),
      }),
    );
  } catch {
    return [];
  }
}

function eventsOf(v: RpcJson | undefined): Event[] {
  return arr(v).map((e) => {
    const ev = obj(e, "event");
    return {
      type: str(ev["type"]),
      attributes: arr(ev["attributes"]).map((a) => {
        const at = obj(a, "attribute");
        return { key: str(at["key"]), value: str(at["value"]), index: at["index"] === true };
      }),
    };
  });
}

/** Block times by height, fetched once per call (the SDK's getBlocksForTxResults). */
class BlockTimes {
  private readonly cache = new Map<bigint, Promise<string>>();
  constructor(private readonly comet: CometRpcClient) {}

  get(height: bigint): Promise<string> {
    let t = this.cache.get(height);
    if (!t) {
      t = this.comet.block(height).then(
        (b) => rfc3339Seconds(optObj(optObj(b["block"])?.["header"])?.["time"]),
        (err: unknown) => {
          throw unknown(messageOf(err));
        },
      );
      this.cache.set(height, t);
    }
    return t;
  }
}

/** sdk.NewResponseResultTx over CometBFT's ResultTx, with the decoded tx. */
async function txResult(r: RpcObject, times: BlockTimes): Promise<{ tx: Tx; txResponse: TxResponse }> {
  const txBytes = b64Bytes(r["tx"]);
  const tx = decodeTx(txBytes);
  const height = big(r["height"]);
  const result = optObj(r["tx_result"]) ?? {};
  const log = str(result["log"]);
  const txResponse = TxResponse.fromPartial({
    height,
    txhash: str(r["hash"]).toUpperCase(),
    codespace: str(result["codespace"]),
    code: num(result["code"]),
    data: Buffer.from(b64Bytes(result["data"])).toString("hex").toUpperCase(),
    rawLog: log,
    logs: parseLogs(log),
    info: str(result["info"]),
    gasWanted: big(result["gas_wanted"]),
    gasUsed: big(result["gas_used"]),
    tx: { typeUrl: "/cosmos.tx.v1beta1.Tx", value: Tx.encode(tx).finish() },
    timestamp: await times.get(height),
    events: eventsOf(result["events"]),
  });
  return { tx, txResponse };
}
