import { Testnet } from "./helpers/testnet";
import { finalizeAppHash, latestHeight, waitFor, waitForHeight } from "./helpers/rpc";

/**
 * kill -9 of one node's application in a running 4-validator network (the other three keep the
 * chain live), then a restart: CometBFT's handshake replays what the app had not committed, the
 * node catches up, and the app hashes it computed equal those of a node that never crashed.
 */
async function expectSameHashes(net: Testnet, crashed: number, healthy: number, upTo: number): Promise<void> {
  for (let h = 1; h <= upTo; h++) {
    const [a, b] = await Promise.all([finalizeAppHash(net.rpcPort(crashed), h), finalizeAppHash(net.rpcPort(healthy), h)]);
    expect({ height: h, hash: a }).toEqual({ height: h, hash: b });
  }
}

async function catchUp(net: Testnet, node: number, reference: number): Promise<number> {
  const target = (await latestHeight(net.rpcPort(reference))) + 3;
  await waitForHeight(net.rpcPort(node), target, 120_000);
  return target;
}

describe("crash recovery", () => {
  let net: Testnet;

  beforeAll(async () => {
    net = await Testnet.create(4);
    net.startAll();
    for (let i = 0; i < 4; i++) await waitForHeight(net.rpcPort(i), 3, 120_000);
  });

  afterAll(async () => {
    await net.stop();
  });

  it("recovers after kill -9 of the app at an arbitrary moment", async () => {
    const victim = 3;
    await net.stopNode(victim, "SIGKILL");
    await waitForHeight(net.rpcPort(0), (await latestHeight(net.rpcPort(0))) + 3);
    net.start(victim);
    const upTo = await catchUp(net, victim, 0);
    await expectSameHashes(net, victim, 0, upTo);
  });

  it("recovers when killed between FinalizeBlock and Commit", async () => {
    const victim = 2;
    const crashAt = (await latestHeight(net.rpcPort(victim))) + 3;
    await net.stopNode(victim);
    net.start(victim, { PLUMED_TEST_CRASH_BEFORE_COMMIT_HEIGHT: String(crashAt) });
    const exit = await waitFor("the test hook to kill the app", async () => {
      const p = net.process(victim);
      return p && p.child.signalCode !== null ? p.child.signalCode : undefined;
    }, 120_000);
    expect(exit).toBe("SIGKILL");
    expect(net.log(victim)).toContain("test hook: killing the app between FinalizeBlock and Commit");
    // Wait until the orphaned cometbft has released the home before restarting.
    await waitFor("cometbft of the crashed node to stop", async () => {
      try {
        await latestHeight(net.rpcPort(victim));
        return undefined;
      } catch {
        return true;
      }
    });
    net.start(victim);
    const upTo = await catchUp(net, victim, 0);
    expect(upTo).toBeGreaterThan(crashAt);
    await expectSameHashes(net, victim, 0, upTo);
  });
});
