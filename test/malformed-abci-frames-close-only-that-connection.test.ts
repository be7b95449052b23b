import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AbciSocketClient } from "../app/abci/client";
import { initNode } from "../cmd/plumed/init";
import { freePorts } from "./helpers/ports";
import { waitFor } from "./helpers/rpc";

const PLUMED = join(__dirname, "..", "bin", "plumed");

/** Sends raw bytes on a fresh connection and resolves when the server closes it. */
function sendAndAwaitClose(port: number, bytes: Uint8Array): Promise<"closed"> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port }, () => socket.write(bytes));
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error("server did not close the connection"));
    }, 10_000);
    socket.on("error", () => undefined);
    socket.on("close", () => {
      clearTimeout(timer);
      resolve("closed");
    });
  });
}

describe("the ABCI server of a running plumed", () => {
  let dir: string;
  let child: ChildProcess;
  let abciPort: number;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "plumed-abci-"));
    const [p2p, rpc, abci, grpc, api] = (await freePorts(5)) as [number, number, number, number, number];
    abciPort = abci;
    initNode({ home: dir, moniker: "m", chainId: "frames-1", denom: "uplume", bech32Prefix: "plume", loopback: true, ports: { p2p, rpc, abci, grpc, api } });
    child = spawn(process.execPath, [PLUMED, "start", "--abci-only", "--home", dir], { stdio: "ignore" });
    await waitFor("the ABCI server to listen", async () => {
      const c = await AbciSocketClient.connect(`tcp://127.0.0.1:${abciPort}`);
      await c.close();
      return true;
    });
  });

  afterAll(async () => {
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ["a length varint longer than 10 bytes", Uint8Array.from(new Array(11).fill(0xff))],
    ["a frame above the size limit", Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0x7f)],
    ["bytes that are not a protobuf Request", Uint8Array.of(0x04, 0xff, 0xff, 0xff, 0xff)],
    ["a Request with no method set", Uint8Array.of(0x00)],
  ])("closes the connection on %s, stays alive, and serves the next connection", async (_what, bytes) => {
    await expect(sendAndAwaitClose(abciPort, bytes)).resolves.toBe("closed");
    expect(child.exitCode).toBeNull();
    const client = await AbciSocketClient.connect(`tcp://127.0.0.1:${abciPort}`);
    const info = await client.info({});
    expect(info.data).toBe("plumed");
    expect(info.lastBlockHeight).toBe(0n);
    await client.close();
  });
});
