import { QueryBalanceRequest, QueryBalanceResponse } from "cosmjs-types/cosmos/bank/v1beta1/query";
import { QueryAccountRequest, QueryAccountResponse } from "cosmjs-types/cosmos/auth/v1beta1/query";
import { BaseAccount } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import type { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import type { CrashPhase } from "../app/crash-point";
import { DEVNET_BALANCE } from "../cmd/plumed/devnet";
import { testMnemonics } from "./helpers/accounts";
import { addressOf, DENOM, directWallet } from "./helpers/clients";
import { abciInfo, finalizeAppHash, latestHeight, rpc, waitFor, waitForHeight } from "./helpers/rpc";
import { abciQuery } from "./helpers/staking";
import { Testnet } from "./helpers/testnet";
import { broadcastSync, msgSendAny, signDirect } from "./helpers/tx";

/**
 * kill -9 of one validator's application in each phase of a block (PLUMED_TEST_CRASH, see
 * app/crash-point.ts and docs/testing.md) in a 4-validator network that keeps committing bank
 * sends meanwhile, then a restart against its real CometBFT: the handshake takes the case of
 * CometBFT's replay table (consensus/replay.go, ReplayBlocks) that the phase leaves, the node
 * catches up, its app computed the same app hash at every height as a node that never crashed,
 * and the ledger it serves adds up (nothing committed lost, nothing applied twice).
 *
 * CometBFT v0.38 saves block H in its block store before FinalizeBlock, its FinalizeBlock response
 * before Commit, and its state only after Commit returns. So a crash:
 * - before block H reaches the app (proposal) leaves app = store = state = H-1: no replay;
 * - from FinalizeBlock until the app's commit transaction is durable (finalize-mid, before-commit,
 *   commit-mid) leaves app = state = H-1, store = H: block H replayed on the real app;
 * - after the app's commit (after-commit) leaves app = store = H, state = H-1: block H replayed on
 *   a mock app answering from the saved FinalizeBlock response; the app never runs it again.
 */

const SENDER = "alice";
const AMOUNT = 1000n;
const FEE = 5000n;
const GAS = 200_000n;

/** What CometBFT logged at its handshake: its "ABCI Replay Blocks" heights and how it replayed. */
interface Handshake {
  readonly app: number;
  readonly store: number;
  readonly state: number;
  readonly replay: "none" | "real app" | "mock app";
}

/** Bank sends from alice to a fresh address, signed and broadcast to node 0 one after another. */
class TxLoad {
  private stopped = false;
  private running: Promise<void> | undefined;
  accepted = 0;
  readonly rejections: string[] = [];

  constructor(
    private readonly port: number,
    private readonly wallet: DirectSecp256k1HdWallet,
    private readonly chainId: string,
    private readonly from: string,
    private readonly to: string,
    private readonly accountNumber: bigint,
  ) {}

  start(): void {
    this.running = this.loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.running;
  }

  private async loop(): Promise<void> {
    let sequence = 0n;
    while (!this.stopped) {
      const tx = await signDirect({
        wallet: this.wallet,
        messages: [msgSendAny(this.from, this.to, AMOUNT.toString(), DENOM)],
        chainId: this.chainId,
        accountNumber: this.accountNumber,
        sequence,
        fee: { amount: FEE.toString(), denom: DENOM },
        gasLimit: GAS,
      });
      const r = await broadcastSync(this.port, tx).catch((err: Error) => ({ code: -1, log: err.message }));
      if (r.code === 0) {
        sequence++;
        this.accepted++;
      } else {
        // A sequence mismatch (a tx dropped from the mempool) names the sequence to carry on with.
        const expected = /expected (\d+)/.exec(r.log)?.[1];
        if (expected !== undefined) sequence = BigInt(expected);
        this.rejections.push(r.log);
      }
      // Pacing, not waiting for a condition: a few txs per block.
      await new Promise((r) => setTimeout(r, 80));
    }
  }
}

async function accountSequence(port: number, address: string, height: number): Promise<bigint> {
  const r = await abciQuery(port, "/cosmos.auth.v1beta1.Query/Account", { address }, QueryAccountRequest, QueryAccountResponse, height);
  return r.account ? BaseAccount.decode(r.account.value).sequence : 0n;
}

async function balance(port: number, address: string, height: number): Promise<bigint> {
  const r = await abciQuery(port, "/cosmos.bank.v1beta1.Query/Balance", { address, denom: DENOM }, QueryBalanceRequest, QueryBalanceResponse, height);
  return BigInt(r.balance?.amount ?? "0");
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe("an app killed in any phase of a block", () => {
  let net: Testnet;
  let load: TxLoad;
  let sender: string;
  let recipient: string;
  const REFERENCE = 0;

  beforeAll(async () => {
    net = await Testnet.create(4, { users: [SENDER], mnemonics: testMnemonics(["validator0", "validator1", "validator2", "validator3", SENDER]) });
    net.startAll();
    for (let i = 0; i < 4; i++) await waitForHeight(net.rpcPort(i), 2, 120_000);
    const wallet = await directWallet(SENDER);
    sender = await addressOf(wallet);
    // Not in genesis: its balance is exactly what the sends committed.
    recipient = await addressOf(await directWallet("crash-recipient"));
    const account = await abciQuery(net.rpcPort(REFERENCE), "/cosmos.auth.v1beta1.Query/Account", { address: sender }, QueryAccountRequest, QueryAccountResponse);
    const accountNumber = account.account ? BaseAccount.decode(account.account.value).accountNumber : 0n;
    load = new TxLoad(net.rpcPort(REFERENCE), wallet, net.layout.chainId, sender, recipient, accountNumber);
    load.start();
  });

  afterAll(async () => {
    await load?.stop();
    await net?.stop();
  });

  /**
   * Waits until `node`'s app has committed 3 blocks past the reference's current height; returns
   * that height. The app's height, not /status's: CometBFT saves a block before it executes it, so
   * the block store can be one block ahead of the results that block_results serves.
   */
  async function catchUp(node: number): Promise<number> {
    const target = (await latestHeight(net.rpcPort(REFERENCE))) + 3;
    await waitForHeight(net.rpcPort(node), target, 120_000);
    await waitFor(`the app of node ${node} to commit height ${target}`, async () => ((await abciInfo(net.rpcPort(node))).height >= target ? true : undefined), 60_000);
    await waitFor(`the reference's app to commit height ${target}`, async () => ((await abciInfo(net.rpcPort(REFERENCE))).height >= target ? true : undefined), 60_000);
    return target;
  }

  /** Every app hash the crashed node's app returned from FinalizeBlock equals the reference's. */
  async function expectSameAppHashes(node: number, upTo: number): Promise<void> {
    for (let h = 1; h <= upTo; h++) {
      const [a, b] = await Promise.all([finalizeAppHash(net.rpcPort(node), h), finalizeAppHash(net.rpcPort(REFERENCE), h)]);
      expect({ height: h, appHash: a }).toEqual({ height: h, appHash: b });
    }
  }

  /**
   * The ledger as the node's own app serves it at `height`: every committed send moved AMOUNT to
   * the recipient and FEE out of the sender, as many as the sender's sequence says, and the same
   * as the reference's.
   */
  async function expectLedgerAddsUp(node: number, height: number): Promise<bigint> {
    const port = net.rpcPort(node);
    const [seq, senderBalance, recipientBalance] = await Promise.all([accountSequence(port, sender, height), balance(port, sender, height), balance(port, recipient, height)]);
    expect(seq).toBeGreaterThan(0n);
    expect(recipientBalance).toBe(seq * AMOUNT);
    expect(senderBalance).toBe(DEVNET_BALANCE - seq * (AMOUNT + FEE));
    expect(await accountSequence(net.rpcPort(REFERENCE), sender, height)).toBe(seq);
    return seq;
  }

  /**
   * Waits until the crashed node's orphaned cometbft (`pid`, started by its plumed) has exited, so
   * that it has released the home. CometBFT stops when an ABCI connection breaks, but when the app
   * dies while CometBFT waits on Commit its shutdown can hang (seen with v0.38.25: "captured
   * terminated, exiting..." and no exit for minutes); then it is killed, as an operator would.
   */
  async function cometbftGone(pid: number): Promise<void> {
    try {
      await waitFor(`cometbft (pid ${pid}) to exit`, async () => (pidAlive(pid) ? undefined : true), 10_000);
    } catch {
      process.kill(pid, "SIGKILL");
      await waitFor(`cometbft (pid ${pid}) to die`, async () => (pidAlive(pid) ? undefined : true), 10_000);
    }
  }

  function cometbftPid(log: string): number {
    const pids = [...log.matchAll(/msg="started cometbft" pid=(\d+)/g)];
    const last = pids[pids.length - 1];
    if (!last) throw new Error("no cometbft pid in the node's log");
    return Number(last[1]);
  }

  function handshakeIn(log: string): Handshake {
    const m = /ABCI Replay Blocks\s.*appHeight=(\d+) storeHeight=(\d+) stateHeight=(\d+)/.exec(log);
    if (!m) throw new Error(`no handshake in the node's log:\n${log.slice(-3000)}`);
    const replay = log.includes("Replay last block using real app") ? "real app" : log.includes("Replay last block using mock app") ? "mock app" : "none";
    return { app: Number(m[1]), store: Number(m[2]), state: Number(m[3]), replay };
  }

  /**
   * Restarts `victim` with the crash point `phase` two blocks ahead, waits for the SIGKILL and for
   * its cometbft to exit, restarts it plainly, and waits until it has caught up. Returns the height
   * of the block it died in, what its CometBFT did at the handshake, and the caught-up height.
   */
  async function crashAndRestart(victim: number, phase: CrashPhase): Promise<{ crashHeight: number; handshake: Handshake; upTo: number }> {
    const from = (await latestHeight(net.rpcPort(REFERENCE))) + 2;
    await net.stopNode(victim);
    const crashRunStart = net.log(victim).length;
    net.start(victim, { PLUMED_TEST_CRASH: `${phase}:${from}` });
    const exit = await net.exited(victim);
    expect(exit.signal).toBe("SIGKILL");
    // The node's output reaches its log file through this process: poll for the hook's line.
    const marker = new RegExp(`test hook: crash point reached, killing the app with SIGKILL".* phase=${phase} height=(\\d+)`);
    const crashHeight = await waitFor("the crash point's log line", async () => {
      const m = marker.exec(net.log(victim).slice(crashRunStart));
      return m ? Number(m[1]) : undefined;
    }, 10_000);
    const crashRun = net.log(victim).slice(crashRunStart);
    expect(crashHeight).toBeGreaterThanOrEqual(from);
    // The app's death ends its cometbft too (CometBFT stops when an ABCI connection breaks); it
    // must have released the home before the restart.
    await cometbftGone(cometbftPid(crashRun));

    const restartStart = net.log(victim).length;
    net.start(victim);
    const upTo = await catchUp(victim);
    expect(upTo).toBeGreaterThan(crashHeight);
    return { crashHeight, handshake: handshakeIn(net.log(victim).slice(restartStart)), upTo };
  }

  /** The block the node died in carried sends that the network committed, all with code 0; how many. */
  async function expectCommittedSends(height: number): Promise<number> {
    const r = await rpc<{ txs_results: { code: number }[] | null }>(net.rpcPort(REFERENCE), "block_results", { height });
    const codes = (r.txs_results ?? []).map((t) => t.code);
    expect(codes.length).toBeGreaterThan(0);
    expect(codes.every((c) => c === 0)).toBe(true);
    return codes.length;
  }

  it("killed when the next block's proposal arrives, restarts with app, block store and state at the same height, replays nothing and catches up", async () => {
    const { crashHeight, handshake, upTo } = await crashAndRestart(1, "proposal");
    expect(handshake).toEqual({ app: crashHeight - 1, store: crashHeight - 1, state: crashHeight - 1, replay: "none" });
    await expectSameAppHashes(1, upTo);
    await expectLedgerAddsUp(1, upTo);
  });

  it("killed mid-way through FinalizeBlock's txs, restarts one block behind its block store and replays that block on the real app", async () => {
    const { crashHeight, handshake, upTo } = await crashAndRestart(2, "finalize-mid");
    expect(handshake).toEqual({ app: crashHeight - 1, store: crashHeight, state: crashHeight - 1, replay: "real app" });
    // At least two: the app died with some of the block's sends run and others not.
    expect(await expectCommittedSends(crashHeight)).toBeGreaterThanOrEqual(2);
    await expectSameAppHashes(2, upTo);
    await expectLedgerAddsUp(2, upTo);
  });

  it("killed between FinalizeBlock and Commit, restarts one block behind its block store and replays that block on the real app", async () => {
    const { crashHeight, handshake, upTo } = await crashAndRestart(3, "before-commit");
    expect(handshake).toEqual({ app: crashHeight - 1, store: crashHeight, state: crashHeight - 1, replay: "real app" });
    await expectCommittedSends(crashHeight);
    await expectSameAppHashes(3, upTo);
    await expectLedgerAddsUp(3, upTo);
  });

  it("killed inside the store's lmdb commit transaction, restarts at the previous version, untouched, and replays the block on the real app", async () => {
    const { crashHeight, handshake, upTo } = await crashAndRestart(1, "commit-mid");
    // A store that had kept part of block H's writes would reopen at H-1 with state from H, and
    // the replay would compute another app hash than the network's.
    expect(handshake).toEqual({ app: crashHeight - 1, store: crashHeight, state: crashHeight - 1, replay: "real app" });
    await expectCommittedSends(crashHeight);
    await expectSameAppHashes(1, upTo);
    await expectLedgerAddsUp(1, upTo);
  });

  it("killed after its commit is durable but before CometBFT saved its state, restarts one block ahead of CometBFT's state, which replays that block on a mock app", async () => {
    const { crashHeight, handshake, upTo } = await crashAndRestart(2, "after-commit");
    // The app reports the block it committed before dying: nothing committed is lost, and it is
    // not executed a second time (the mock app answers from CometBFT's saved response).
    expect(handshake).toEqual({ app: crashHeight, store: crashHeight, state: crashHeight - 1, replay: "mock app" });
    await expectCommittedSends(crashHeight);
    await expectSameAppHashes(2, upTo);
    await expectLedgerAddsUp(2, upTo);
  });

  it("killed at an arbitrary moment, recovers the same app hashes", async () => {
    const victim = 3;
    const before = (await latestHeight(net.rpcPort(REFERENCE))) + 1;
    await waitForHeight(net.rpcPort(victim), before);
    const pid = cometbftPid(net.log(victim));
    await net.stopNode(victim, "SIGKILL");
    await cometbftGone(pid);
    net.start(victim);
    const upTo = await catchUp(victim);
    await expectSameAppHashes(victim, upTo);
    const seq = await expectLedgerAddsUp(victim, upTo);
    // The load kept going through every crash: the sends committed are those accepted, give or
    // take the ones still in the mempool.
    expect(load.rejections).toEqual([]);
    expect(seq).toBeGreaterThan(0n);
    expect(BigInt(load.accepted)).toBeGreaterThanOrEqual(seq);
  });
});
