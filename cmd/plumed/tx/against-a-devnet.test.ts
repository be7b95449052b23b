import { Bip39, sha256 } from "@cosmjs/crypto";
import { toHex } from "@cosmjs/encoding";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AddressCodec } from "../../../app/address";
import { Testnet } from "../../../test/helpers/testnet";
import { waitFor, waitForHeight } from "../../../test/helpers/rpc";
import { DEVNET_BALANCE } from "../devnet";
import { oneLineError, plumed } from "../client/testing/run-cli";

/**
 * The client commands against a real single-validator devnet (real plumed + cometbft), with the
 * devnet's funded "alice" recovered into a client-side test keyring.
 */
const ALICE =
  "economy stock theory fatal elder harbor betray wasp final emotion task crumble siren bottom lizard educate guess current outdoor pair theory focus wife stone";
const BOB = Bip39.encode(sha256(new TextEncoder().encode("plumed cli test bob"))).toString();

describe("plumed keys/tx/query against a devnet", () => {
  let net: Testnet;
  let client: string;
  let node: string[];
  let chainId: string;
  let alice: string;
  let bob: string;
  const kr = ["--keyring-backend", "test"];
  const run = (...args: string[]): ReturnType<typeof plumed> => plumed([...args, "--home", client]);

  beforeAll(async () => {
    net = await Testnet.create(1, { mnemonics: { alice: ALICE, bob: BOB } });
    net.start(0);
    await waitForHeight(net.rpcPort(0), 2, 120_000);
    node = ["--node", `tcp://127.0.0.1:${net.rpcPort(0)}`];
    chainId = net.layout.chainId;
    client = mkdtempSync(join(tmpdir(), "plumed-client-"));
    await plumed(["keys", "add", "alice", "--recover", ...kr, "--home", client], { stdin: ALICE });
    await plumed(["keys", "add", "bob", "--recover", ...kr, "--home", client], { stdin: BOB });
    alice = (await run("keys", "show", "alice", "-a", ...kr)).stdout.trim();
    bob = (await run("keys", "show", "bob", "-a", ...kr)).stdout.trim();
  }, 180_000);

  afterAll(async () => {
    await net?.stop();
    if (client) rmSync(client, { recursive: true, force: true });
  });

  it("recovers the devnet's funded accounts: the addresses match the genesis accounts", () => {
    const byName = Object.fromEntries(net.layout.accounts.map((a) => [a.name, a.address]));
    expect(alice).toBe(byName["alice"]);
    expect(bob).toBe(byName["bob"]);
  });

  it("queries balances, supply and accounts from genesis state", async () => {
    const balances = JSON.parse((await run("query", "bank", "balances", alice, "-o", "json", ...node)).stdout);
    expect(balances.balances).toEqual([{ denom: net.layout.denom, amount: DEVNET_BALANCE.toString() }]);
    const one = await run("q", "bank", "balances", alice, "--denom", net.layout.denom, ...node);
    expect(one.stdout).toBe(`amount: "${DEVNET_BALANCE}"\ndenom: ${net.layout.denom}\n`);
    const account = JSON.parse((await run("query", "account", alice, "-o", "json", ...node)).stdout);
    expect(account).toMatchObject({ "@type": "/cosmos.auth.v1beta1.BaseAccount", address: alice, sequence: "0" });
    const total = JSON.parse((await run("query", "bank", "total", "--denom", net.layout.denom, "-o", "json", ...node)).stdout);
    expect(BigInt(total.amount)).toBeGreaterThanOrEqual(DEVNET_BALANCE * BigInt(net.layout.accounts.length));
    const stranger = new AddressCodec(net.layout.bech32Prefix).encodeAccount(new Uint8Array(20).fill(9));
    expect(oneLineError(await run("query", "account", stranger, ...node))).toBe(`account ${stranger} not found (an account exists once it has received coins)`);
    expect(oneLineError(await run("query", "tx", "AB".repeat(32), ...node))).toBe(`tx (${"AB".repeat(32)}) not found`);
  });

  it("broadcasts a signed tx to CometBFT and reports CheckTx's verdict with the tx hash (a wrong sequence is always refused)", async () => {
    const unsigned = join(client, "unsigned.json");
    const signed = join(client, "signed.json");
    writeFileSync(unsigned, (await run("tx", "bank", "send", "alice", bob, "1uplume", "--fees", "500uplume", "--generate-only", ...kr)).stdout);
    const s = await run("tx", "sign", unsigned, "--from", "alice", "--offline", "--account-number", "0", "--sequence", "99", "--chain-id", chainId, "--output-document", signed, ...kr);
    expect(s.code).toBe(0);
    const bytes = Buffer.from((await run("tx", "encode", signed)).stdout.trim(), "base64");
    const r = await run("tx", "broadcast", signed, ...node);
    expect(r.code).toBe(1);
    const response = JSON.parse(r.stdout);
    expect(response.code).not.toBe(0);
    expect(response.txhash).toBe(toHex(sha256(bytes)).toUpperCase());
    expect(oneLineError(r)).toMatch(/^the transaction was rejected: code \d+/);
  });

  it("sends tokens: tx bank send, then query tx and the balances show the transfer", async () => {
    const before = BigInt(JSON.parse((await run("query", "bank", "balances", bob, "--denom", "uplume", "-o", "json", ...node)).stdout).amount);
    const sent = await run("tx", "bank", "send", "alice", bob, "1234uplume", "--fees", "500uplume", "--chain-id", chainId, "-y", ...kr, ...node);
    expect(sent.code).toBe(0);
    const { txhash } = JSON.parse(sent.stdout) as { txhash: string };
    const committed = await waitFor("the tx to be committed", async () => {
      const r = await run("query", "tx", txhash, "-o", "json", ...node);
      return r.code === 0 ? (JSON.parse(r.stdout) as { code: number; height: string; tx: { body: { messages: unknown[] } } }) : undefined;
    });
    expect(committed.code).toBe(0);
    expect(committed.tx.body.messages).toEqual([{ "@type": "/cosmos.bank.v1beta1.MsgSend", from_address: alice, to_address: bob, amount: [{ denom: "uplume", amount: "1234" }] }]);
    const after = BigInt(JSON.parse((await run("query", "bank", "balances", bob, "--denom", "uplume", "-o", "json", ...node)).stdout).amount);
    expect(after - before).toBe(1234n);
    // The sequence moved: a second send (amino-json this time, gas simulated) is accepted too.
    const again = await run("tx", "bank", "send", "alice", bob, "1uplume", "--gas", "auto", "--gas-adjustment", "1.5", "--fees", "500uplume", "--sign-mode", "amino-json", "--chain-id", chainId, "-y", ...kr, ...node);
    expect(again.code).toBe(0);
  });

  it("signs offline: generate-only, then sign --offline, then broadcast the file", async () => {
    // The previous test's last send may still be in the mempool: wait for its block first, so the
    // committed sequence read below is the one the next tx must carry.
    await waitFor("alice's mempool txs to be committed", async () => {
      const r = await fetch(`http://127.0.0.1:${net.rpcPort(0)}/num_unconfirmed_txs`);
      const body = (await r.json()) as { result: { n_txs: string } };
      return body.result.n_txs === "0" ? true : undefined;
    });
    const account = JSON.parse((await run("query", "account", alice, "-o", "json", ...node)).stdout) as { account_number: string; sequence: string };
    const before = BigInt(JSON.parse((await run("query", "bank", "balances", bob, "--denom", "uplume", "-o", "json", ...node)).stdout).amount);
    const unsigned = await run("tx", "bank", "send", alice, bob, "77uplume", "--fees", "500uplume", "--gas", "200000", "--chain-id", chainId, "--generate-only", ...kr, ...node);
    expect(unsigned.code).toBe(0);
    const unsignedFile = join(client, "unsigned.json");
    writeFileSync(unsignedFile, unsigned.stdout);
    const signed = await run(
      "tx", "sign", unsignedFile, "--from", "alice", "--offline", "--account-number", account.account_number,
      "--sequence", account.sequence, "--chain-id", chainId, ...kr,
    );
    expect(signed.code).toBe(0);
    const signedFile = join(client, "signed.json");
    writeFileSync(signedFile, signed.stdout);
    const sent = await run("tx", "broadcast", signedFile, ...node);
    expect({ code: sent.code, stderr: sent.stderr }).toEqual({ code: 0, stderr: "" });
    await waitFor("the offline-signed transfer", async () => {
      const now = BigInt(JSON.parse((await run("query", "bank", "balances", bob, "--denom", "uplume", "-o", "json", ...node)).stdout).amount);
      return now - before === 77n ? true : undefined;
    });
  });
});
