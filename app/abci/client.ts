import * as net from "node:net";
import {
  RequestApplySnapshotChunk,
  RequestCheckTx,
  RequestExtendVote,
  RequestFinalizeBlock,
  RequestInfo,
  RequestInitChain,
  RequestListSnapshots,
  RequestLoadSnapshotChunk,
  RequestOfferSnapshot,
  RequestPrepareProposal,
  RequestProcessProposal,
  RequestQuery,
  RequestVerifyVoteExtension,
} from "cosmjs-types/tendermint/abci/types";
import type * as abci from "cosmjs-types/tendermint/abci/types";
import type { Request, Response } from "cosmjs-types/tendermint/abci/types";
import type { DeepPartial } from "cosmjs-types/helpers";
import { parseAbciAddress } from "./address";
import { DEFAULT_MAX_FRAME_SIZE, FrameDecoder } from "./framing";
import { decodeResponseFrame, encodeRequestFrame, requestShape, responseMethod } from "./methods";
import type { RequestMethod } from "./methods";

/** The server answered with `Response.exception` (the application failed); the connection is over. */
export class AbciExceptionError extends Error {
  constructor(
    readonly method: RequestMethod,
    readonly exception: string,
  ) {
    super(`ABCI ${method} failed on the server: ${exception}`);
    this.name = "AbciExceptionError";
  }
}

export interface AbciSocketClientOptions {
  /** Largest accepted response frame; default {@link DEFAULT_MAX_FRAME_SIZE}. */
  readonly maxFrameSize?: number;
  /** Give up connecting after this long; default 10 s. */
  readonly connectTimeoutMs?: number;
}

interface Pending {
  readonly method: RequestMethod;
  readonly resolve: (res: Response) => void;
  readonly reject: (err: Error) => void;
}

/**
 * A small ABCI socket client that speaks to the server as CometBFT's socket client does
 * (cometbft `abci/client/socket_client.go`): requests are pipelined on one connection, answers
 * are matched to requests by order, and a synchronous call is the request followed by a Flush,
 * because the server holds its responses until it sees one. For tests and benchmarks.
 *
 * After an exception response, a protocol violation or a closed socket, the client is failed:
 * every pending and later call rejects with that error.
 */
export class AbciSocketClient {
  private readonly pending: Pending[] = [];
  private readonly decoder: FrameDecoder;
  private failure: Error | undefined;
  private readonly closed: Promise<void>;

  private constructor(
    private readonly socket: net.Socket,
    maxFrameSize: number,
  ) {
    this.decoder = new FrameDecoder({ maxFrameSize });
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("error", (err) => this.fail(err));
    this.closed = new Promise<void>((resolve) => {
      socket.on("close", () => {
        this.fail(new Error("ABCI connection closed"));
        resolve();
      });
    });
  }

  /** Connects to `tcp://host:port` or `unix:///path`. */
  static connect(address: string, options: AbciSocketClientOptions = {}): Promise<AbciSocketClient> {
    const target = parseAbciAddress(address);
    const timeoutMs = options.connectTimeoutMs ?? 10_000;
    return new Promise<AbciSocketClient>((resolve, reject) => {
      const socket =
        target.kind === "unix"
          ? net.connect({ path: target.path })
          : net.connect({ host: target.host === "" ? "127.0.0.1" : target.host, port: target.port, noDelay: true });
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new Error(`timed out connecting to ${address}`));
      }, timeoutMs);
      socket.once("error", (err) => {
        clearTimeout(timer);
        reject(err);
      });
      socket.once("connect", () => {
        clearTimeout(timer);
        socket.removeAllListeners("error");
        resolve(new AbciSocketClient(socket, options.maxFrameSize ?? DEFAULT_MAX_FRAME_SIZE));
      });
    });
  }

  /** The error that ended this client, if any. */
  get error(): Error | undefined {
    return this.failure;
  }

  /**
   * Writes a request without flushing: its response arrives once a later {@link flush} (or any
   * Flush request) makes the server write out its buffer. Use it to pipeline many requests.
   */
  send(req: Request): Promise<Response> {
    if (this.failure) return Promise.reject(this.failure);
    const shape = requestShape(req);
    if ("problem" in shape) return Promise.reject(new Error(`cannot send: ${shape.problem}`));
    return new Promise<Response>((resolve, reject) => {
      // Track before writing: the answer may come back before write() returns control.
      this.pending.push({ method: shape.method, resolve, reject });
      this.socket.write(encodeRequestFrame(req));
    });
  }

  /** A synchronous call as CometBFT makes it: the request, then a Flush; resolves with its response. */
  async request(req: Request): Promise<Response> {
    // One writev for both frames, as CometBFT's buffered writer sends them.
    this.socket.cork();
    const response = this.send(req);
    const flushed = this.send({ flush: {} });
    this.socket.uncork();
    // Observe both so that a failure rejects this call once, not as an unhandled rejection.
    const [res] = await Promise.all([response, flushed]);
    return res;
  }

  async flush(): Promise<void> {
    await this.send({ flush: {} });
  }

  async echo(message: string): Promise<abci.ResponseEcho> {
    return unwrap(await this.request({ echo: { message } }), "echo");
  }

  async info(req: DeepPartial<abci.RequestInfo> = {}): Promise<abci.ResponseInfo> {
    return unwrap(await this.request({ info: RequestInfo.fromPartial(req) }), "info");
  }

  async initChain(req: DeepPartial<abci.RequestInitChain>): Promise<abci.ResponseInitChain> {
    return unwrap(await this.request({ initChain: RequestInitChain.fromPartial(req) }), "initChain");
  }

  async query(req: DeepPartial<abci.RequestQuery>): Promise<abci.ResponseQuery> {
    return unwrap(await this.request({ query: RequestQuery.fromPartial(req) }), "query");
  }

  async checkTx(req: DeepPartial<abci.RequestCheckTx>): Promise<abci.ResponseCheckTx> {
    return unwrap(await this.request({ checkTx: RequestCheckTx.fromPartial(req) }), "checkTx");
  }

  async prepareProposal(req: DeepPartial<abci.RequestPrepareProposal>): Promise<abci.ResponsePrepareProposal> {
    return unwrap(await this.request({ prepareProposal: RequestPrepareProposal.fromPartial(req) }), "prepareProposal");
  }

  async processProposal(req: DeepPartial<abci.RequestProcessProposal>): Promise<abci.ResponseProcessProposal> {
    return unwrap(await this.request({ processProposal: RequestProcessProposal.fromPartial(req) }), "processProposal");
  }

  async extendVote(req: DeepPartial<abci.RequestExtendVote>): Promise<abci.ResponseExtendVote> {
    return unwrap(await this.request({ extendVote: RequestExtendVote.fromPartial(req) }), "extendVote");
  }

  async verifyVoteExtension(
    req: DeepPartial<abci.RequestVerifyVoteExtension>,
  ): Promise<abci.ResponseVerifyVoteExtension> {
    const res = await this.request({ verifyVoteExtension: RequestVerifyVoteExtension.fromPartial(req) });
    return unwrap(res, "verifyVoteExtension");
  }

  async finalizeBlock(req: DeepPartial<abci.RequestFinalizeBlock>): Promise<abci.ResponseFinalizeBlock> {
    return unwrap(await this.request({ finalizeBlock: RequestFinalizeBlock.fromPartial(req) }), "finalizeBlock");
  }

  async commit(): Promise<abci.ResponseCommit> {
    return unwrap(await this.request({ commit: {} }), "commit");
  }

  async listSnapshots(): Promise<abci.ResponseListSnapshots> {
    return unwrap(await this.request({ listSnapshots: RequestListSnapshots.fromPartial({}) }), "listSnapshots");
  }

  async offerSnapshot(req: DeepPartial<abci.RequestOfferSnapshot>): Promise<abci.ResponseOfferSnapshot> {
    return unwrap(await this.request({ offerSnapshot: RequestOfferSnapshot.fromPartial(req) }), "offerSnapshot");
  }

  async loadSnapshotChunk(req: DeepPartial<abci.RequestLoadSnapshotChunk>): Promise<abci.ResponseLoadSnapshotChunk> {
    const res = await this.request({ loadSnapshotChunk: RequestLoadSnapshotChunk.fromPartial(req) });
    return unwrap(res, "loadSnapshotChunk");
  }

  async applySnapshotChunk(
    req: DeepPartial<abci.RequestApplySnapshotChunk>,
  ): Promise<abci.ResponseApplySnapshotChunk> {
    const res = await this.request({ applySnapshotChunk: RequestApplySnapshotChunk.fromPartial(req) });
    return unwrap(res, "applySnapshotChunk");
  }

  /** Closes the connection; pending calls reject. Resolves once the socket is closed. */
  async close(): Promise<void> {
    // Ends our side after pending writes, then closes without waiting for the server's FIN.
    this.socket.destroySoon();
    await this.closed;
  }

  private onData(chunk: Buffer): void {
    if (this.failure) return;
    let frames: Uint8Array[];
    try {
      frames = this.decoder.push(chunk);
    } catch (err) {
      this.failAndDestroy(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    for (const frame of frames) {
      let res: Response;
      try {
        res = decodeResponseFrame(frame);
      } catch (err) {
        this.failAndDestroy(new Error(`undecodable Response: ${err instanceof Error ? err.message : String(err)}`));
        return;
      }
      const head = this.pending.shift();
      if (head === undefined) {
        this.failAndDestroy(new Error("ABCI response with no request outstanding"));
        return;
      }
      const method = responseMethod(res);
      if (method === "exception") {
        const err = new AbciExceptionError(head.method, res.exception?.error ?? "");
        head.reject(err);
        this.failAndDestroy(err);
        return;
      }
      if (method !== head.method) {
        const err = new Error(`ABCI response ${method ?? "(empty)"} does not answer request ${head.method}`);
        head.reject(err);
        this.failAndDestroy(err);
        return;
      }
      head.resolve(res);
    }
  }

  private failAndDestroy(err: Error): void {
    this.fail(err);
    this.socket.destroy();
  }

  /** Records the first error and rejects everything still waiting with it. */
  private fail(err: Error): void {
    this.failure ??= err;
    for (const waiting of this.pending.splice(0)) waiting.reject(this.failure);
  }
}

function unwrap<K extends RequestMethod>(res: Response, method: K): NonNullable<Response[K]> {
  const value = res[method];
  if (value === undefined || value === null) throw new Error(`ABCI response carries no ${method}`);
  return value;
}
