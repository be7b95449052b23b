import { promises as fs } from "node:fs";
import * as net from "node:net";
import type { Request, Response } from "cosmjs-types/tendermint/abci/types";
import type { Logger } from "../logger";
import { formatAbciAddress, parseAbciAddress } from "./address";
import type { AbciApplication } from "./application";
import { DEFAULT_MAX_FRAME_SIZE, FrameDecoder, validateMaxFrameSize } from "./framing";
import { decodeRequestFrame, encodeResponseFrame, requestShape } from "./methods";
import type { RequestMethod } from "./methods";

export interface AbciServerOptions {
  /** `tcp://host:port` (port 0 picks a free port) or `unix:///path/to.sock`, as in CometBFT's `proxy_app`. */
  readonly address: string;
  readonly app: AbciApplication;
  /** Pass it with the module field already set, e.g. `logger.with({ module: "abci-server" })`. */
  readonly logger: Logger;
  /** Largest accepted request frame; default {@link DEFAULT_MAX_FRAME_SIZE}. */
  readonly maxFrameSize?: number;
}

/**
 * Decoded requests waiting for their turn on one connection. CometBFT blocks on each sync call, so
 * the queue is normally 1-2 deep; the cap only stops a misbehaving client from making us buffer
 * without limit (the Go server bounds the same thing with a 1000-slot response channel).
 */
const QUEUE_PAUSE_AT = 1000;
const QUEUE_RESUME_AT = 100;

/**
 * Responses are held until a Flush, like the Go server's bufio.Writer; past this many unsent bytes
 * they are pushed out early, as bufio does when its buffer fills, and we wait for the socket to
 * drain before running the next request.
 */
const WRITE_BUFFER_LIMIT = 4 * 1024 * 1024;

/**
 * The ABCI socket server (cometbft `abci/server/socket_server.go`): accepts CometBFT's four
 * connections (query, snapshot, mempool, consensus) and answers each connection's requests
 * strictly in order, one at a time, while connections proceed independently.
 *
 * Failure policy:
 * - the application throws (or returns a response that cannot be encoded): the error is logged,
 *   sent as `Response.exception`, and the connection is ended. CometBFT stops on an exception, and
 *   not running the requests pipelined behind a failed one (e.g. Commit after a failed
 *   FinalizeBlock) is the safe choice.
 * - the peer breaks the protocol (bad length varint, frame above the limit, undecodable protobuf,
 *   a Request with no or several methods): one error line and that connection is destroyed; the
 *   server and its other connections carry on.
 * - socket errors are logged and end that connection only; they never reach the process.
 */
export class AbciServer {
  private readonly app: AbciApplication;
  private readonly logger: Logger;
  private readonly maxFrameSize: number;
  private readonly connections = new Set<AbciConnection>();
  private nextConnectionId = 1;
  private server: net.Server | undefined;
  private bound: string | undefined;
  private closing: Promise<void> | undefined;

  constructor(private readonly options: AbciServerOptions) {
    this.app = options.app;
    this.logger = options.logger;
    this.maxFrameSize = validateMaxFrameSize(options.maxFrameSize ?? DEFAULT_MAX_FRAME_SIZE);
  }

  /** The bound address (with the real port when 0 was asked for), once started. */
  get address(): string | undefined {
    return this.bound;
  }

  /** Listens; resolves with the bound address. A stale unix socket file is removed first. */
  async start(): Promise<string> {
    if (this.server || this.closing) throw new Error("AbciServer can only be started once");
    const target = parseAbciAddress(this.options.address);
    if (target.kind === "unix") await removeStaleUnixSocket(target.path);

    // noDelay: responses are already batched until Flush; Nagle would only add latency to them.
    const server = net.createServer({ noDelay: true }, (socket) => this.accept(socket));
    this.server = server;
    try {
      await new Promise<void>((resolve, reject) => {
        const onError = (err: Error): void => {
          server.off("listening", onListening);
          reject(err);
        };
        const onListening = (): void => {
          server.off("error", onError);
          resolve();
        };
        server.once("error", onError);
        server.once("listening", onListening);
        if (target.kind === "unix") server.listen({ path: target.path });
        else server.listen({ host: target.host === "" ? undefined : target.host, port: target.port });
      });
    } catch (err) {
      this.server = undefined;
      throw err;
    }
    server.on("error", (err) => this.logger.error("ABCI listener error", { err: errorMessage(err) }));

    const info = server.address();
    if (info === null) throw new Error("ABCI server has no address after listening");
    this.bound =
      typeof info === "string"
        ? formatAbciAddress({ kind: "unix", path: info })
        : formatAbciAddress({ kind: "tcp", host: info.address, port: info.port });
    this.logger.info("ABCI server listening", { addr: this.bound });
    return this.bound;
  }

  /**
   * Stops accepting, waits for application calls already running to return (so that the caller
   * may close the stores next), then drops every connection. Idempotent.
   */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  private async shutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    // The callback fires once the listener and every connection are closed.
    const listenerClosed = new Promise<void>((resolve) => server.close(() => resolve()));
    // deterministic: every connection is shut down; the order reaches no state
    await Promise.all(Array.from(this.connections, (conn) => conn.shutdown()));
    await listenerClosed;
    this.logger.info("ABCI server stopped", { addr: this.bound });
  }

  private accept(socket: net.Socket): void {
    if (this.closing) {
      socket.destroy();
      return;
    }
    const id = this.nextConnectionId++;
    const conn = new AbciConnection(socket, this.app, this.logger.with({ conn: id }), this.maxFrameSize, () =>
      this.connections.delete(conn),
    );
    this.connections.add(conn);
  }
}

type MaybePromise<T> = T | Promise<T>;

/** One client connection: frames in, requests run one at a time, responses out in the same order. */
class AbciConnection {
  private readonly decoder: FrameDecoder;
  private readonly queue: { readonly req: Request; readonly method: RequestMethod }[] = [];
  private readonly closed: Promise<void>;
  /** False once the connection is being torn down: nothing more is run or written. */
  private open = true;
  private pumping = false;
  private paused = false;
  /** A Flush was answered while more requests were queued: write once the queue is empty. */
  private flushPending = false;
  /**
   * Encoded responses not yet handed to the socket, and their size. Held here rather than in a
   * corked socket: a socket left corked between flushes keeps what it holds when the flush comes
   * while an earlier write is still in the kernel's hands (Node's uncork only writes if no write
   * is in flight, and the completion of that write finds the socket corked again), and CometBFT
   * then waits for that Flush answer for ever.
   */
  private held: Uint8Array[] = [];
  private heldBytes = 0;
  /** The application call in progress, so that shutdown can wait for it. */
  private inFlight: Promise<unknown> | undefined;
  private socketError: Error | undefined;

  constructor(
    private readonly socket: net.Socket,
    private readonly app: AbciApplication,
    private readonly log: Logger,
    maxFrameSize: number,
    onClosed: () => void,
  ) {
    this.decoder = new FrameDecoder({ maxFrameSize });
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("error", (err) => {
      this.socketError = err;
      this.stop();
    });
    // With allowHalfOpen off Node ends our side too; nothing further can be answered.
    socket.on("end", () => this.stop());
    this.closed = new Promise<void>((resolve) => {
      socket.on("close", () => {
        this.stop();
        onClosed();
        this.logClosed();
        resolve();
      });
    });
    this.log.debug("ABCI connection opened", { remote: remoteOf(socket) });
  }

  /** Server shutdown: stop taking requests, let a running app call return, then drop the socket. */
  async shutdown(): Promise<void> {
    this.stop();
    if (this.inFlight) await this.inFlight.then(ignore, ignore);
    this.socket.destroy();
    await this.closed;
  }

  private onData(chunk: Buffer): void {
    if (!this.open) return;
    let frames: Uint8Array[];
    try {
      frames = this.decoder.push(chunk);
    } catch (err) {
      this.protocolError(errorMessage(err));
      return;
    }
    for (const frame of frames) {
      let req: Request;
      try {
        req = decodeRequestFrame(frame);
      } catch (err) {
        this.protocolError(`undecodable Request (${frame.length} bytes): ${errorMessage(err)}`);
        return;
      }
      const shape = requestShape(req, frame);
      if ("problem" in shape) {
        this.protocolError(shape.problem);
        return;
      }
      this.queue.push({ req, method: shape.method });
    }
    if (!this.paused && this.queue.length >= QUEUE_PAUSE_AT) {
      this.paused = true;
      this.socket.pause();
    }
    if (!this.pumping && this.queue.length > 0) void this.pump();
  }

  /** Runs queued requests in order until the queue is empty; never rejects. */
  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      while (this.open) {
        const next = this.queue.shift();
        if (next === undefined) break;
        const outcome = this.handle(next.req, next.method);
        // A held Flush answer must not wait on a call that yields (the next requests may depend on it).
        if (this.flushPending && isPromiseLike(outcome)) this.flushOutput();
        // Only a promise costs a trip through the microtask queue; synchronous answers go straight out.
        const res = isPromiseLike(outcome) ? await (this.inFlight = Promise.resolve(outcome)) : outcome;
        this.inFlight = undefined;
        if (!this.open) break;
        this.send(res, next.method);
        if (this.paused && this.queue.length <= QUEUE_RESUME_AT) {
          this.paused = false;
          this.socket.resume();
        }
        if (this.open && this.heldBytes + this.socket.writableLength >= WRITE_BUFFER_LIMIT) await this.relieveWritePressure();
      }
    } catch (err) {
      // Not reachable by design (handle and send catch everything); never let it escape as an
      // unhandled rejection, which would kill the process.
      this.log.error("ABCI connection failed internally; closing it", { err: errorMessage(err) });
      this.stop();
      this.socket.destroy();
    } finally {
      this.pumping = false;
      // The queue ran dry: the Flush answers held for the requests behind them go out now.
      if (this.flushPending && this.open) this.flushOutput();
    }
  }

  /** Calls the application; failures come back as an exception response, never as a throw. */
  private handle(req: Request, method: RequestMethod): MaybePromise<Response> {
    try {
      const out = dispatch(this.app, req);
      if (isPromiseLike(out)) return Promise.resolve(out).catch((err: unknown) => this.exception(method, err));
      return out;
    } catch (err) {
      return this.exception(method, err);
    }
  }

  private exception(method: RequestMethod, err: unknown): Response {
    const message = errorMessage(err);
    // The stack goes with it: this error halts the node, and is the one line an operator has.
    const stack = err instanceof Error ? err.stack : undefined;
    this.log.error("ABCI application error; sending exception (CometBFT will stop)", { method, err: message, stack });
    return { exception: { error: message } };
  }

  private send(res: Response, method: RequestMethod): void {
    let frame: Uint8Array;
    try {
      frame = encodeResponseFrame(res);
    } catch (err) {
      // The application returned an object the codec cannot encode (a missing array, a number for
      // a bigint): an application bug, reported like a throw.
      const exception = this.exception(method, new Error(`cannot encode ${method} response: ${errorMessage(err)}`));
      frame = encodeResponseFrame(exception);
      res = exception;
    }
    this.held.push(frame);
    this.heldBytes += frame.length;
    // A Flush with more requests already received behind it is answered with theirs, in one write:
    // CometBFT's mempool connection sends a Flush after every CheckTx, and under load many arrive
    // together; a write (and a wake-up of CometBFT's reader) per CheckTx cost ~5% of the app's CPU.
    if (res.flush !== undefined) {
      if (this.queue.length === 0) this.flushOutput();
      else this.flushPending = true;
    }
    if (res.exception !== undefined) {
      // Deliver the reason (the Go server may lose it in its unflushed buffer), then hang up.
      this.stop();
      this.flushOutput();
      this.socket.end();
    }
  }

  /** Hands every held response to the socket, in one writev. */
  private flushOutput(): void {
    this.flushPending = false;
    if (this.held.length === 0) return;
    const frames = this.held;
    this.held = [];
    this.heldBytes = 0;
    this.socket.cork();
    for (const frame of frames) this.socket.write(frame);
    this.socket.uncork();
  }

  private async relieveWritePressure(): Promise<void> {
    this.flushOutput();
    if (!this.socket.writableNeedDrain) return;
    await new Promise<void>((resolve) => {
      const done = (): void => {
        this.socket.off("drain", done);
        this.socket.off("close", done);
        resolve();
      };
      this.socket.on("drain", done);
      this.socket.on("close", done);
    });
  }

  private protocolError(problem: string): void {
    if (!this.open) return;
    this.log.error("malformed ABCI request; closing connection", { remote: remoteOf(this.socket), err: problem });
    this.stop();
    this.socket.destroy();
  }

  private stop(): void {
    this.open = false;
    this.queue.length = 0;
  }

  private logClosed(): void {
    const err = this.socketError;
    const code = err === undefined ? undefined : ((err as NodeJS.ErrnoException).code ?? err.message);
    // A peer that vanishes (CometBFT killed) resets the connection: routine. Anything else is not.
    if (err === undefined || code === "ECONNRESET" || code === "EPIPE") {
      this.log.debug("ABCI connection closed", { err: code });
    } else {
      this.log.warn("ABCI connection closed on socket error", { err: errorMessage(err) });
    }
  }
}

/** Routes a request to the application; the request has exactly one method set (checked before). */
function dispatch(app: AbciApplication, req: Request): MaybePromise<Response> {
  if (req.echo !== undefined) return { echo: { message: req.echo.message } };
  if (req.flush !== undefined) return { flush: {} };
  if (req.info !== undefined) return wrap(app.info(req.info), (info) => ({ info }));
  if (req.initChain !== undefined) return wrap(app.initChain(req.initChain), (initChain) => ({ initChain }));
  if (req.query !== undefined) return wrap(app.query(req.query), (query) => ({ query }));
  if (req.checkTx !== undefined) return wrap(app.checkTx(req.checkTx), (checkTx) => ({ checkTx }));
  if (req.commit !== undefined) return wrap(app.commit(req.commit), (commit) => ({ commit }));
  if (req.listSnapshots !== undefined) {
    return wrap(app.listSnapshots(req.listSnapshots), (listSnapshots) => ({ listSnapshots }));
  }
  if (req.offerSnapshot !== undefined) {
    return wrap(app.offerSnapshot(req.offerSnapshot), (offerSnapshot) => ({ offerSnapshot }));
  }
  if (req.loadSnapshotChunk !== undefined) {
    return wrap(app.loadSnapshotChunk(req.loadSnapshotChunk), (loadSnapshotChunk) => ({ loadSnapshotChunk }));
  }
  if (req.applySnapshotChunk !== undefined) {
    return wrap(app.applySnapshotChunk(req.applySnapshotChunk), (applySnapshotChunk) => ({ applySnapshotChunk }));
  }
  if (req.prepareProposal !== undefined) {
    return wrap(app.prepareProposal(req.prepareProposal), (prepareProposal) => ({ prepareProposal }));
  }
  if (req.processProposal !== undefined) {
    return wrap(app.processProposal(req.processProposal), (processProposal) => ({ processProposal }));
  }
  if (req.extendVote !== undefined) return wrap(app.extendVote(req.extendVote), (extendVote) => ({ extendVote }));
  if (req.verifyVoteExtension !== undefined) {
    return wrap(app.verifyVoteExtension(req.verifyVoteExtension), (verifyVoteExtension) => ({ verifyVoteExtension }));
  }
  if (req.finalizeBlock !== undefined) {
    return wrap(app.finalizeBlock(req.finalizeBlock), (finalizeBlock) => ({ finalizeBlock }));
  }
  throw new Error("Request has no method set");
}

function wrap<T>(value: MaybePromise<T>, toResponse: (value: T) => Response): MaybePromise<Response> {
  return isPromiseLike(value) ? Promise.resolve(value).then(toResponse) : toResponse(value);
}

/** A thenable check rather than `instanceof Promise`, which fails for promises from another realm. */
function isPromiseLike<T>(value: T | PromiseLike<T>): value is PromiseLike<T> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

/**
 * A leftover socket file from a previous run makes listen fail with EADDRINUSE, so remove it, but
 * only if it is a socket nobody answers on: never delete a regular file or steal a live server's
 * address.
 */
async function removeStaleUnixSocket(path: string): Promise<void> {
  let stat;
  try {
    stat = await fs.lstat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    throw err;
  }
  if (!stat.isSocket()) throw new Error(`cannot listen on ${path}: the file exists and is not a unix socket`);
  if (await unixSocketAnswers(path)) throw new Error(`cannot listen on ${path}: another process is listening on it`);
  await fs.rm(path, { force: true });
}

function unixSocketAnswers(path: string): Promise<boolean> {
  return new Promise<boolean>((resolve) => {
    const probe = net.connect({ path });
    const finish = (answers: boolean): void => {
      clearTimeout(timer);
      probe.destroy();
      resolve(answers);
    };
    // A listener too busy to accept within a second is still someone's live server.
    const timer = setTimeout(() => finish(true), 1000);
    probe.once("connect", () => finish(true));
    probe.once("error", () => finish(false));
  });
}

function remoteOf(socket: net.Socket): string | undefined {
  return socket.remoteAddress === undefined ? undefined : `${socket.remoteAddress}:${socket.remotePort}`;
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function ignore(): void {}
