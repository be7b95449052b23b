import { spawnSync } from "node:child_process";
import { lstatSync } from "node:fs";
import { join } from "node:path";
import { Testnet } from "./helpers/testnet";
import { latestHeight, waitFor, waitForHeight } from "./helpers/rpc";

/**
 * One plumed process per home: a second `plumed start` (with or without --abci-only) or `plumed
 * export` on a home whose node runs is refused in one line naming the lock, before it opens the
 * application store. The lock dies with its process: after kill -9 the node restarts without any
 * manual cleanup.
 */
const PLUMED = join(__dirname, "..", "bin", "plumed");

function run(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [PLUMED, ...args], { encoding: "utf8", timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("the writer lock on a node home", () => {
  let net: Testnet;
  let home: string;

  beforeAll(async () => {
    net = await Testnet.create(1);
    home = net.layout.nodes[0]?.home as string;
    net.startAll();
    await waitForHeight(net.rpcPort(0), 2, 120_000);
  });

  afterAll(async () => {
    await net.stop();
  });

  it("refuses a second start, start --abci-only and export in one line naming the lock", () => {
    const pid = net.process(0)?.child.pid as number;
    const lock = join(home, "data", "plumed.lock");
    for (const args of [["start"], ["start", "--abci-only"], ["export"]]) {
      const r = run(...args, "--home", home);
      expect({ args, code: r.code, stderr: r.stderr, stdout: r.stdout }).toEqual({
        args,
        code: 1,
        stderr: `error: another plumed process (pid ${pid}) holds the lock ${lock}; stop it first\n`,
        stdout: "",
      });
    }
  });

  it("does not block a restart after kill -9", async () => {
    const before = await latestHeight(net.rpcPort(0));
    await net.stopNode(0, "SIGKILL");
    // The dead process's lock is still on disk: only the kernel knows nobody holds it.
    expect(lstatSync(join(home, "data", "plumed.lock")).isSocket()).toBe(true);
    // CometBFT, orphaned, stops once its ABCI connection is gone; it holds its own databases until then.
    await waitFor("the orphaned cometbft to stop", async () => {
      try {
        await latestHeight(net.rpcPort(0));
        return undefined;
      } catch {
        return true;
      }
    });
    net.start(0);
    await waitForHeight(net.rpcPort(0), before + 2, 120_000);
    expect(net.log(0)).not.toContain("holds the lock");
  });
});
