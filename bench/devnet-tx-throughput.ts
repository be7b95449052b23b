/**
 * End-to-end bank-send throughput through a real single-validator devnet (plumed + cometbft on
 * loopback): pre-signed MsgSends from many funded accounts are pushed with broadcast_tx_sync, and
 * the committed rate is measured from the block header times of the blocks that carried them.
 *
 *   npx tsx bench/devnet-tx-throughput.ts [--accounts 50] [--per-account 20] [--timeout-commit 300ms]
 */
import { DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { Testnet } from "../test/helpers/testnet";
import { testMnemonic } from "../test/helpers/accounts";
import { broadcastSync, msgSendAny, signDirect } from "../test/helpers/tx";
import { latestHeight, rpc, waitFor, waitForHeight } from "../test/helpers/rpc";

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? (process.argv[i + 1] as string) : fallback;
}

async function main(): Promise<void> {
  const accounts = Number(arg("accounts", "50"));
  const perAccount = Number(arg("per-account", "20"));
  const timeoutCommit = arg("timeout-commit", "300ms");
  const names = Array.from({ length: accounts }, (_, i) => `sender${i}`);
  const mnemonics = Object.fromEntries(["validator0", "sink", ...names].map((n) => [n, testMnemonic(n)]));
  const net = await Testnet.create(1, { users: ["sink", ...names], mnemonics, timeoutCommit });
  try {
    net.startAll();
    const port = net.rpcPort(0);
    await waitForHeight(port, 2);
    const sink = (await (await DirectSecp256k1HdWallet.fromMnemonic(testMnemonic("sink"), { prefix: "plume" })).getAccounts())[0]?.address as string;

    // Pre-sign everything (account numbers come from genesis order: validator0, sink, sender0, ...).
    const signStart = process.hrtime.bigint();
    const txs: Uint8Array[][] = [];
    for (let a = 0; a < accounts; a++) {
      const wallet = await DirectSecp256k1HdWallet.fromMnemonic(mnemonics[`sender${a}`] as string, { prefix: "plume" });
      const from = (await wallet.getAccounts())[0]?.address as string;
      const list: Uint8Array[] = [];
      for (let s = 0; s < perAccount; s++) {
        list.push(
          await signDirect({
            wallet,
            messages: [msgSendAny(from, sink, "1", "uplume")],
            chainId: net.layout.chainId,
            accountNumber: BigInt(a + 2),
            sequence: BigInt(s),
            fee: { amount: "2000", denom: "uplume" },
            gasLimit: 200_000n,
          }),
        );
      }
      txs.push(list);
    }
    const signSeconds = Number(process.hrtime.bigint() - signStart) / 1e9;
    const total = accounts * perAccount;

    const startHeight = await latestHeight(port);
    const pushStart = process.hrtime.bigint();
    // Each account's txs in sequence order (CheckTx checks sequences); accounts in parallel.
    let rejected = 0;
    await Promise.all(
      txs.map(async (list) => {
        for (const tx of list) {
          const r = await broadcastSync(port, tx);
          if (r.code !== 0) rejected++;
        }
      }),
    );
    const pushSeconds = Number(process.hrtime.bigint() - pushStart) / 1e9;
    await waitFor("the mempool to drain", async () => {
      const r = await rpc<{ n_txs: string }>(port, "num_unconfirmed_txs");
      return r.n_txs === "0" ? true : undefined;
    }, 600_000, 100);
    const endHeight = await latestHeight(port);

    let committed = 0;
    let first = 0;
    let last = 0;
    const timeOf = async (h: number): Promise<number> => {
      const b = await rpc<{ block: { header: { time: string } } }>(port, "block", { height: h });
      return Date.parse(b.block.header.time);
    };
    for (let h = startHeight + 1; h <= endHeight; h++) {
      const r = await rpc<{ txs_results: { code: number }[] | null }>(port, "block_results", { height: h });
      const n = (r.txs_results ?? []).filter((t) => t.code === 0).length;
      if (n > 0) {
        if (first === 0) first = h;
        last = h;
        committed += n;
      }
    }
    const seconds = first === 0 ? 0 : (await timeOf(last)) - (await timeOf(first - 1));
    process.stdout.write(
      [
        `devnet bank-send throughput: ${accounts} accounts x ${perAccount} txs = ${total} txs, timeout_commit ${timeoutCommit}`,
        `  pre-signing: ${(total / signSeconds).toFixed(0)} txs/s (cosmjs, in the bench process)`,
        `  broadcast_tx_sync (CheckTx accepted): ${((total - rejected) / pushSeconds).toFixed(0)} txs/s, ${rejected} rejected`,
        `  committed: ${committed} txs in blocks ${first}..${last} (${last - first + 1} blocks), ${(seconds / 1000).toFixed(2)} s of block time`,
        `  => ${(committed / (seconds / 1000)).toFixed(0)} txs committed per second`,
      ].join("\n") + "\n",
    );
  } finally {
    await net.stop();
  }
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
