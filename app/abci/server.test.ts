import { spawn } from "node:child_process";
import { promises as fs } from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { RequestFinalizeBlock, Response } from "cosmjs-types/tendermint/abci/types";
import type * as abci from "cosmjs-types/tendermint/abci/types";
import { createLogger } from "../logger";
import type { AbciApplication } from "./application";
import { AbciExceptionError, AbciSocketClient } from "./client";
import { FrameDecoder, encodeFrame, encodeUvarint } from "./framing";
import { encodeRequestFrame } from "./methods";
import { createNoopApplication } from "./noop-application";
import { AbciServer } from "./server";

// ---------------------------------------------------------------------------------------------
// Helpers. Every wait is bounded and waits for an event, never for wall-clock time to pass.

const WAIT_MS = 10_000;
const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

function bounded<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), WAIT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

interface Deferred<T> {
  readonly promise: Promise<T>;
  resolve(value: T): void;
}

function deferred<T = void>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** Lets the event loop run a while so that a misbehaving server would have had its chance. */
async function eventLoopTurns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

async function startServer(
  app: AbciApplication,
  options: { address?: string; maxFrameSize?: number } = {},
): Promise<{ server: AbciServer; address: string; lines: string[] }> {
  const lines: string[] = [];
  const logger = createLogger({ level: "debug", timestamps: false, write: (line) => lines.push(line) });
  const server = new AbciServer({
    address: options.address ?? "tcp://127.0.0.1:0",
    app,
    logger,
    ...(options.maxFrameSize === undefined ? {} : { maxFrameSize: options.maxFrameSize }),
  });
  const address = await server.start();
  cleanups.push(() => server.close());
  return { server, address, lines };
}

async function connect(address: string): Promise<AbciSocketClient> {
  const client = await bounded(AbciSocketClient.connect(address), "connect");
  cleanups.push(() => client.close());
  return client;
}

/** A bare socket, for writing bytes no well-behaved client would. */
async function rawConnect(address: string): Promise<net.Socket> {
  const port = Number(address.slice(address.lastIndexOf(":") + 1));
  const socket = net.connect({ host: "127.0.0.1", port });
  await bounded(new Promise((resolve, reject) => socket.once("connect", resolve).once("error", reject)), "connect");
  cleanups.push(async () => void socket.destroy());
  return socket;
}

/** Decodes the responses arriving on a raw socket; `first(n)` resolves with the first n. */
function responsesOn(socket: net.Socket): { first(n: number): Promise<Response[]> } {
  const received = new FrameDecoder();
  const responses: Response[] = [];
  const waiting: { n: number; resolve(list: Response[]): void }[] = [];
  socket.on("data", (chunk: Buffer) => {
    for (const frame of received.push(chunk)) responses.push(Response.decode(frame));
    for (const w of waiting.filter((x) => responses.length >= x.n)) w.resolve(responses.slice(0, w.n));
  });
  return {
    first: (n) =>
      new Promise<Response[]>((resolve) => {
        if (responses.length >= n) resolve(responses.slice(0, n));
        else waiting.push({ n, resolve });
      }),
  };
}

function closedPromise(socket: net.Socket): Promise<void> {
  return new Promise<void>((resolve) => {
    if (socket.destroyed) resolve();
    socket.once("close", () => resolve());
  });
}

function errorLines(lines: readonly string[]): string[] {
  return lines.filter((line) => line.startsWith("level=error"));
}

async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "plumed-abci-"));
  cleanups.push(() => fs.rm(dir, { recursive: true, force: true }));
  return dir;
}

const infoResponse: abci.ResponseInfo = {
  data: "plumed-test",
  version: "1.2.3",
  appVersion: 7n,
  lastBlockHeight: 42n,
  lastBlockAppHash: Uint8Array.from([0xab, 0xcd]),
};

// ---------------------------------------------------------------------------------------------

describe("AbciServer round trips", () => {
  it("answers Echo, Flush and Info over TCP", async () => {
    const seen: abci.RequestInfo[] = [];
    const { address } = await startServer(
      createNoopApplication({
        info: (req) => {
          seen.push(req);
          return infoResponse;
        },
      }),
    );
    expect(address).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
    expect(address).not.toBe("tcp://127.0.0.1:0");
    const client = await connect(address);

    expect(await client.echo("hello")).toEqual({ message: "hello" });
    await client.flush();
    expect(await client.info({ version: "0.38.25", blockVersion: 11n, p2pVersion: 8n, abciVersion: "2.0.0" })).toEqual(
      infoResponse,
    );
    expect(seen).toEqual([{ version: "0.38.25", blockVersion: 11n, p2pVersion: 8n, abciVersion: "2.0.0" }]);
  });

  it("answers over a unix socket and replaces a stale socket file", async () => {
    const dir = await tempDir();
    const socketPath = path.join(dir, "app.sock");
    // A process killed while listening leaves its socket file behind.
    const child = spawn(process.execPath, [
      "-e",
      `require("net").createServer().listen(${JSON.stringify(socketPath)}, () => console.log("up"))`,
    ]);
    await bounded(new Promise((resolve) => child.stdout.once("data", resolve)), "child listening");
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await bounded(exited, "child exit");
    expect((await fs.lstat(socketPath)).isSocket()).toBe(true);

    const { address, server } = await startServer(createNoopApplication({ info: () => infoResponse }), {
      address: `unix://${socketPath}`,
    });
    expect(address).toBe(`unix://${socketPath}`);
    const client = await connect(address);
    expect(await client.echo("over unix")).toEqual({ message: "over unix" });
    expect(await client.info()).toEqual(infoResponse);
    await client.close();
    await server.close();
  });

  it("refuses a unix path that is a regular file or a live server's socket", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "not-a-socket");
    await fs.writeFile(file, "keep me");
    await expect(startServer(createNoopApplication(), { address: `unix://${file}` })).rejects.toThrow(/not a unix socket/);
    expect(await fs.readFile(file, "utf8")).toBe("keep me");

    const live = path.join(dir, "live.sock");
    await startServer(createNoopApplication(), { address: `unix://${live}` });
    await expect(startServer(createNoopApplication(), { address: `unix://${live}` })).rejects.toThrow(/another process/);
  });

  it("batches responses until Flush and writes them together", async () => {
    const { address } = await startServer(createNoopApplication());
    const socket = await rawConnect(address);
    const firstChunk = new Promise<Buffer>((resolve) => socket.once("data", resolve));
    socket.write(encodeRequestFrame({ echo: { message: "a" } }));
    socket.write(encodeRequestFrame({ echo: { message: "b" } }));
    await eventLoopTurns(20);
    socket.write(encodeRequestFrame({ flush: {} }));
    const frames = new FrameDecoder().push(await bounded(firstChunk, "responses"));
    expect(frames.map((frame) => Response.decode(frame))).toEqual([
      Response.fromPartial({ echo: { message: "a" } }),
      Response.fromPartial({ echo: { message: "b" } }),
      Response.fromPartial({ flush: {} }),
    ]);
  });

  it("answers Flushes received together with the requests behind them in one write", async () => {
    const { address } = await startServer(createNoopApplication());
    const socket = await rawConnect(address);
    const uncorks = jest.spyOn(net.Socket.prototype, "uncork");
    const answers = responsesOn(socket);
    // As CometBFT's mempool connection sends them under load: each CheckTx followed by a Flush.
    const pairs = ["a", "b", "c"].map((message) => Buffer.concat([encodeRequestFrame({ echo: { message } }), encodeRequestFrame({ flush: {} })]));
    socket.write(Buffer.concat(pairs));
    const responses = await bounded(answers.first(6), "responses");
    expect(responses).toEqual(["a", "b", "c"].flatMap((message) => [Response.fromPartial({ echo: { message } }), Response.fromPartial({ flush: {} })]));
    expect(uncorks).toHaveBeenCalledTimes(1);
    uncorks.mockRestore();
  });

  it("sends a held Flush answer before waiting on an application call", async () => {
    const release = deferred();
    const app = createNoopApplication({
      finalizeBlock: async () => {
        await release.promise;
        return { events: [], txResults: [], validatorUpdates: [], appHash: new Uint8Array() };
      },
    });
    const { address } = await startServer(app);
    const socket = await rawConnect(address);
    const answers = responsesOn(socket);
    socket.write(Buffer.concat([encodeRequestFrame({ echo: { message: "a" } }), encodeRequestFrame({ flush: {} }), encodeRequestFrame({ finalizeBlock: RequestFinalizeBlock.fromPartial({ height: 1n }) })]));
    // The echo and its Flush arrive while FinalizeBlock is still running.
    const responses = await bounded(answers.first(2), "the flushed echo");
    expect(responses).toEqual([Response.fromPartial({ echo: { message: "a" } }), Response.fromPartial({ flush: {} })]);
    release.resolve();
  });

  it("answers a Flush that comes while an earlier answer is still being written", async () => {
    // The first answers (3 MB) are more than the kernel takes while the client reads nothing, so
    // their write is still in progress when the second Flush is answered. Holding answers in a corked
    // socket lost that second batch: Node's uncork writes nothing while a write is in flight, and
    // the socket was corked again when it ended. CometBFT then waited for its Flush for ever.
    const big = new Uint8Array(1024 * 1024).fill(7);
    const calls: Deferred<void>[] = [deferred(), deferred()];
    let queries = 0;
    const app = createNoopApplication({
      query: (req) => {
        queries++;
        if (queries === 3) calls[0]?.resolve();
        if (queries === 4) calls[1]?.resolve();
        return { code: 0, log: "", info: "", index: 0n, key: req.data, value: queries <= 3 ? big : Uint8Array.of(4), height: 0n, codespace: "" };
      },
    });
    // Over a unix socket: the kernel holds only a few hundred KB of it (TCP over loopback may
    // take the whole 3 MB, and then no write is in flight).
    const socketPath = path.join(await tempDir(), "app.sock");
    await startServer(app, { address: `unix://${socketPath}` });
    const socket = net.connect({ path: socketPath });
    cleanups.push(async () => void socket.destroy());
    await bounded(new Promise((resolve, reject) => socket.once("connect", resolve).once("error", reject)), "connect");
    socket.pause();
    const query = encodeRequestFrame({ query: { data: new Uint8Array(), path: "/a", height: 0n, prove: false } });
    const flush = encodeRequestFrame({ flush: {} });
    socket.write(Buffer.concat([query, query, query, flush]));
    await bounded(calls[0]?.promise ?? Promise.resolve(), "the large queries");
    socket.write(Buffer.concat([query, flush]));
    await bounded(calls[1]?.promise ?? Promise.resolve(), "the small query");

    const answers = responsesOn(socket);
    socket.resume();
    const responses = await bounded(answers.first(6), "all six answers");
    expect(responses.map((res) => (res.query ? res.query.value.length : res.flush ? "flush" : "?"))).toEqual([big.length, big.length, big.length, "flush", 1, "flush"]);
  });

  it("passes every application method through with its request", async () => {
    const calls: string[] = [];
    const app = createNoopApplication({
      query: (req) => {
        calls.push(`query ${req.path}`);
        return { code: 3, log: "nope", info: "", index: 0n, key: req.data, value: req.data, height: 9n, codespace: "x" };
      },
      finalizeBlock: (req) => {
        calls.push(`finalizeBlock ${req.height} txs=${req.txs.length}`);
        return {
          events: [],
          txResults: req.txs.map((tx) => ({ code: 0, data: tx, log: "", info: "", gasWanted: 1n, gasUsed: 1n, events: [], codespace: "" })),
          validatorUpdates: [],
          appHash: Uint8Array.from([1, 2, 3]),
        };
      },
      commit: () => {
        calls.push("commit");
        return { retainHeight: 5n };
      },
    });
    const { address } = await startServer(app);
    const client = await connect(address);

    const query = await client.query({ path: "/store/bank/key", data: Uint8Array.from([7]), height: 0n });
    expect(query).toMatchObject({ code: 3, log: "nope", value: Uint8Array.from([7]), height: 9n, codespace: "x" });
    const tx = Uint8Array.from([9, 9, 9]);
    const block = await client.finalizeBlock({ height: 3n, txs: [tx] });
    expect(block.appHash).toEqual(Uint8Array.from([1, 2, 3]));
    expect(block.txResults.map((r) => r.data)).toEqual([tx]);
    expect(await client.commit()).toEqual({ retainHeight: 5n });
    expect((await client.checkTx({ tx })).code).toBe(0);
    expect((await client.processProposal({ height: 4n })).status).toBe(1);
    expect(await client.listSnapshots()).toEqual({ snapshots: [] });
    expect(calls).toEqual(["query /store/bank/key", "finalizeBlock 3 txs=1", "commit"]);
  });

  it("carries a multi-megabyte block in and a multi-megabyte response out", async () => {
    let intact = false;
    const noop = createNoopApplication();
    const { address } = await startServer(
      createNoopApplication({
        finalizeBlock: (req) => {
          intact = req.txs.length === 40 && req.txs.every((tx, i) => tx.length === 200_000 && tx.every((b) => b === i));
          return noop.finalizeBlock(req);
        },
      }),
    );
    const client = await connect(address);
    const txs = Array.from({ length: 40 }, (_, i) => new Uint8Array(200_000).fill(i));
    const result = await client.finalizeBlock({ height: 1n, txs });
    expect(result.txResults).toHaveLength(40);
    expect(intact).toBe(true);

    // Larger than the server's write buffer limit: it must push these out before the Flush.
    const big = "x".repeat(5 * 1024 * 1024);
    const echoes = [client.send({ echo: { message: big } }), client.send({ echo: { message: `${big}!` } })];
    await client.flush();
    const [first, second] = await Promise.all(echoes);
    expect(first?.echo?.message.length).toBe(big.length);
    expect(second?.echo?.message.endsWith("!")).toBe(true);
  });
});

describe("AbciServer ordering and concurrency", () => {
  it("answers pipelined requests in order even when an earlier handler is slower", async () => {
    const infoCalled = deferred();
    const releaseInfo = deferred();
    const appCalls: string[] = [];
    const app = createNoopApplication({
      info: async () => {
        appCalls.push("info start");
        infoCalled.resolve();
        await releaseInfo.promise;
        appCalls.push("info end");
        return infoResponse;
      },
      query: (req) => {
        appCalls.push(`query ${req.path}`);
        return createNoopApplication().query(req);
      },
    });
    const { address } = await startServer(app);
    const client = await connect(address);

    const answered: string[] = [];
    const track = (label: string, p: Promise<Response>): Promise<Response> =>
      p.then((res) => {
        answered.push(label);
        return res;
      });
    const all = [
      track("info", client.send({ info: { version: "", blockVersion: 0n, p2pVersion: 0n, abciVersion: "" } })),
      track("echo", client.send({ echo: { message: "after info" } })),
      track("query", client.send({ query: { data: new Uint8Array(), path: "/q", height: 0n, prove: false } })),
      track("flush", client.send({ flush: {} })),
    ];
    await bounded(infoCalled.promise, "info to be called");
    await eventLoopTurns(20);
    // The slow Info holds the line: nothing behind it ran or was answered.
    expect(appCalls).toEqual(["info start"]);
    expect(answered).toEqual([]);

    releaseInfo.resolve();
    const responses = await bounded(Promise.all(all), "responses");
    expect(answered).toEqual(["info", "echo", "query", "flush"]);
    expect(appCalls).toEqual(["info start", "info end", "query /q"]);
    expect(responses[0]?.info).toEqual(infoResponse);
    expect(responses[1]?.echo).toEqual({ message: "after info" });
  });

  it("serves four connections independently: a blocked consensus call does not stall the others", async () => {
    const releaseBlock = deferred();
    const blockStarted = deferred();
    const app = createNoopApplication({
      finalizeBlock: async (req) => {
        blockStarted.resolve();
        await releaseBlock.promise;
        return { events: [], txResults: [], validatorUpdates: [], appHash: Uint8Array.from([Number(req.height)]) };
      },
      info: () => infoResponse,
    });
    const { address } = await startServer(app);
    // CometBFT's order: query, snapshot, mempool, consensus.
    const [queryConn, snapshotConn, mempoolConn, consensusConn] = await Promise.all([
      connect(address),
      connect(address),
      connect(address),
      connect(address),
    ]);
    if (!queryConn || !snapshotConn || !mempoolConn || !consensusConn) throw new Error("missing connection");

    const block = consensusConn.finalizeBlock({ height: 8n });
    await bounded(blockStarted.promise, "finalizeBlock to start");
    const [info, snapshots, checked] = await bounded(
      Promise.all([queryConn.info(), snapshotConn.listSnapshots(), mempoolConn.checkTx({ tx: Uint8Array.from([1]) })]),
      "other connections",
    );
    expect(info).toEqual(infoResponse);
    expect(snapshots.snapshots).toEqual([]);
    expect(checked.code).toBe(0);

    releaseBlock.resolve();
    expect((await bounded(block, "finalizeBlock")).appHash).toEqual(Uint8Array.from([8]));
  });
});

describe("AbciServer failure handling", () => {
  async function expectConnectionDropped(
    bytes: Uint8Array,
    options: { maxFrameSize?: number } = {},
  ): Promise<string[]> {
    const { address, lines } = await startServer(createNoopApplication(), options);
    const bystander = await connect(address);
    expect(await bystander.echo("before")).toEqual({ message: "before" });

    const socket = await rawConnect(address);
    const closed = closedPromise(socket);
    socket.write(bytes);
    await bounded(closed, "the server to drop the bad connection");

    // The server is alive: the open connection still works and a new one is accepted.
    expect(await bystander.echo("after")).toEqual({ message: "after" });
    const fresh = await connect(address);
    expect(await fresh.echo("new connection")).toEqual({ message: "new connection" });
    const errors = errorLines(lines);
    expect(errors).toHaveLength(1);
    return errors;
  }

  it("drops a connection whose length varint is malformed", async () => {
    const [line] = await expectConnectionDropped(new Uint8Array(11).fill(0xff));
    expect(line).toMatch(/malformed ABCI request.*varint/);
  });

  it("drops a connection that announces a frame above the limit, without waiting for its body", async () => {
    const [line] = await expectConnectionDropped(encodeUvarint(1025), { maxFrameSize: 1024 });
    expect(line).toMatch(/exceeds the limit of 1024/);
  });

  it("drops a connection that sends an undecodable protobuf body", async () => {
    // Field 1 (echo) claims 5 bytes, only 1 follows.
    const [line] = await expectConnectionDropped(encodeFrame(Uint8Array.from([0x0a, 0x05, 0x01])));
    expect(line).toMatch(/undecodable Request/);
  });

  it("drops a connection that sends an empty frame", async () => {
    const [line] = await expectConnectionDropped(Uint8Array.from([0x00]));
    expect(line).toMatch(/empty Request/);
  });

  it("drops a connection that calls an unknown method (reserved tag 7, BeginBlock)", async () => {
    const [line] = await expectConnectionDropped(encodeFrame(Uint8Array.from([0x3a, 0x00])));
    expect(line).toMatch(/no known method \(field 7\)/);
  });

  it("drops a connection whose Request sets two methods", async () => {
    const frame = encodeFrame(Uint8Array.from([0x0a, 0x00, 0x12, 0x00])); // echo{} and flush{}
    const [line] = await expectConnectionDropped(frame);
    expect(line).toMatch(/sets 2 methods/);
  });

  it("turns a throwing application into an exception response and ends that connection", async () => {
    const { address, lines } = await startServer(
      createNoopApplication({
        info: () => {
          throw new Error("store is corrupt");
        },
      }),
    );
    const client = await connect(address);
    const err = await client.info().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AbciExceptionError);
    expect((err as AbciExceptionError).exception).toBe("store is corrupt");
    expect(errorLines(lines).join("\n")).toMatch(/method=info err="store is corrupt"/);

    // An async rejection is reported the same way, and the requests pipelined behind it never run.
    let commits = 0;
    const { address: second } = await startServer(
      createNoopApplication({
        finalizeBlock: async () => {
          throw new Error("cannot apply block");
        },
        commit: () => {
          commits++;
          return { retainHeight: 0n };
        },
      }),
    );
    const other = await connect(second);
    const block = other.send({ finalizeBlock: RequestFinalizeBlock.fromPartial({ height: 1n }) });
    const commit = other.send({ commit: {} });
    const flush = other.send({ flush: {} });
    const results = await Promise.allSettled([block, commit, flush]);
    expect(results[0]).toMatchObject({ status: "rejected", reason: { exception: "cannot apply block" } });
    expect(results[1]?.status).toBe("rejected");
    expect(commits).toBe(0);
    const fresh = await connect(second);
    expect(await fresh.echo("still up")).toEqual({ message: "still up" });
  });

  it("reports a response the codec cannot encode as an exception", async () => {
    const { address } = await startServer(
      createNoopApplication({
        // Missing arrays: a typed application cannot return this, a buggy cast one could.
        finalizeBlock: () => ({ appHash: new Uint8Array() }) as unknown as abci.ResponseFinalizeBlock,
      }),
    );
    const client = await connect(address);
    await expect(client.finalizeBlock({ height: 1n })).rejects.toThrow(/cannot encode finalizeBlock response/);
  });

  it("survives a client that resets its connection mid-frame", async () => {
    const { address, lines } = await startServer(createNoopApplication());
    const socket = await rawConnect(address);
    const frame = encodeRequestFrame({ echo: { message: "cut short" } });
    socket.write(frame.subarray(0, 4));
    socket.resetAndDestroy();
    const client = await connect(address);
    expect(await client.echo("fine")).toEqual({ message: "fine" });
    expect(errorLines(lines)).toEqual([]);
  });
});

describe("AbciServer lifecycle", () => {
  it("close() waits for a running application call, then drops connections", async () => {
    const started = deferred();
    const release = deferred();
    const { address, server } = await startServer(
      createNoopApplication({
        commit: async () => {
          started.resolve();
          await release.promise;
          return { retainHeight: 0n };
        },
      }),
    );
    const client = await connect(address);
    const commit = client.commit();
    commit.catch(() => undefined);
    await bounded(started.promise, "commit to start");

    let closed = false;
    const closing = server.close().then(() => (closed = true));
    await eventLoopTurns(20);
    expect(closed).toBe(false);

    release.resolve();
    await bounded(closing, "server close");
    await expect(commit).rejects.toThrow(/closed/);
    await expect(AbciSocketClient.connect(address, { connectTimeoutMs: WAIT_MS })).rejects.toThrow();
  });

  it("can only be started once and closes idempotently", async () => {
    const { server } = await startServer(createNoopApplication());
    await expect(server.start()).rejects.toThrow(/once/);
    await Promise.all([server.close(), server.close()]);
  });

  it("rejects a listen address already in use", async () => {
    const { address } = await startServer(createNoopApplication());
    const clash = new AbciServer({ address, app: createNoopApplication(), logger: createLogger({ write: () => undefined }) });
    await expect(clash.start()).rejects.toThrow(/EADDRINUSE/);
  });
});
