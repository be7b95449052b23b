import { Secp256k1, Secp256k1Signature, sha256 } from "@cosmjs/crypto";
import { fromBase64 } from "@cosmjs/encoding";
import { makeSignBytes } from "@cosmjs/proto-signing";
import { BaseAccount } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import { QueryAccountRequest, QueryAccountResponse } from "cosmjs-types/cosmos/auth/v1beta1/query";
import { PubKey } from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import { SimulateRequest, SimulateResponse } from "cosmjs-types/cosmos/tx/v1beta1/service";
import { AuthInfo, SignDoc, Tx, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AddressCodec } from "../../../app/address";
import { FakeComet, type FakeCometOptions } from "../client/testing/fake-comet";
import { oneLineError, plumed } from "../client/testing/run-cli";

const stranger = new AddressCodec("plume").encodeAccount(new Uint8Array(20).fill(7));
const MNEMONIC =
  "economy stock theory fatal elder harbor betray wasp final emotion task crumble siren bottom lizard educate guess current outdoor pair theory focus wife stone";

function accountAnswer(address: string, accountNumber: bigint, sequence: bigint): FakeCometOptions["queries"] {
  return {
    "/cosmos.auth.v1beta1.Query/Account": (data) => {
      const req = QueryAccountRequest.decode(data);
      if (req.address !== address) return { code: 22, codespace: "sdk", log: `rpc error: code = NotFound desc = account ${req.address} not found: key not found` };
      const account = BaseAccount.encode(BaseAccount.fromPartial({ address, accountNumber, sequence })).finish();
      return { value: QueryAccountResponse.encode({ account: { typeUrl: "/cosmos.auth.v1beta1.BaseAccount", value: account } }).finish() };
    },
  };
}

/** Verifies the direct signature of broadcast bytes for `chainId` and `accountNumber`; returns the decoded tx. */
async function verifyDirect(bytes: Uint8Array, chainId: string, accountNumber: bigint): Promise<Tx> {
  const raw = TxRaw.decode(bytes);
  const authInfo = AuthInfo.decode(raw.authInfoBytes);
  const pubKey = PubKey.decode(authInfo.signerInfos[0]?.publicKey?.value as Uint8Array).key;
  const signBytes = makeSignBytes(SignDoc.fromPartial({ bodyBytes: raw.bodyBytes, authInfoBytes: raw.authInfoBytes, chainId, accountNumber }));
  expect(Secp256k1.verifySignature(Secp256k1Signature.fromFixedLength(raw.signatures[0] as Uint8Array), sha256(signBytes), pubKey)).toBe(true);
  return Tx.decode(Tx.encode({ body: undefined, authInfo, signatures: raw.signatures }).finish());
}

describe("plumed tx", () => {
  let home: string;
  let h: string[];
  let alice: string;
  let bob: string;
  let fake: FakeComet | undefined;
  const test = ["--keyring-backend", "test"];

  beforeEach(async () => {
    home = mkdtempSync(join(tmpdir(), "plumed-tx-cli-"));
    h = ["--home", home];
    mkdirSync(join(home, "config"));
    writeFileSync(join(home, "config", "genesis.json"), JSON.stringify({ chain_id: "plume-test-1", app_state: {} }));
    await plumed(["keys", "add", "alice", "--recover", ...test, ...h], { stdin: MNEMONIC });
    await plumed(["keys", "add", "bob", "--recover", "--index", "1", ...test, ...h], { stdin: MNEMONIC });
    alice = (await plumed(["keys", "show", "alice", "-a", ...test, ...h])).stdout.trim();
    bob = (await plumed(["keys", "show", "bob", "-a", ...test, ...h])).stdout.trim();
  });
  afterEach(async () => {
    await fake?.stop();
    fake = undefined;
    rmSync(home, { recursive: true, force: true });
  });

  it("--generate-only prints the unsigned tx as SDK JSON, without a node, for a key or a bare address", async () => {
    const r = await plumed(["tx", "bank", "send", "alice", bob, "100uplume", "--fees", "500uplume", "--memo", "hi", "--generate-only", ...test, ...h]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(JSON.parse(r.stdout)).toEqual({
      body: {
        messages: [{ "@type": "/cosmos.bank.v1beta1.MsgSend", from_address: alice, to_address: bob, amount: [{ denom: "uplume", amount: "100" }] }],
        memo: "hi",
        timeout_height: "0",
        extension_options: [],
        non_critical_extension_options: [],
      },
      auth_info: { signer_infos: [], fee: { amount: [{ denom: "uplume", amount: "500" }], gas_limit: "200000", payer: "", granter: "" }, tip: null },
      signatures: [],
    });
        const byAddress = await plumed(["tx", "bank", "send", stranger, bob, "1uplume", "--generate-only", "--gas-prices", "0.025uplume", "--gas", "100001", ...test, ...h]);
    expect(byAddress.code).toBe(0);
    expect(JSON.parse(byAddress.stdout).auth_info.fee).toEqual({ amount: [{ denom: "uplume", amount: "2501" }], gas_limit: "100001", payer: "", granter: "" });
  });

  it("generate-only -> sign --offline -> broadcast: the node receives a correctly signed tx", async () => {
    const unsignedFile = join(home, "unsigned.json");
    const signedFile = join(home, "signed.json");
    writeFileSync(unsignedFile, (await plumed(["tx", "bank", "send", "alice", bob, "100uplume", "--fees", "500uplume", "--generate-only", ...test, ...h])).stdout);
    const signed = await plumed(["tx", "sign", unsignedFile, "--from", "alice", "--offline", "--account-number", "4", "--sequence", "2", "--output-document", signedFile, ...test, ...h]);
    expect(signed).toMatchObject({ code: 0, stdout: "" });
    const json = JSON.parse(readFileSync(signedFile, "utf8"));
    expect(json.auth_info.signer_infos).toEqual([
      { public_key: { "@type": "/cosmos.crypto.secp256k1.PubKey", key: "A08EGB7ro1ORuFhjOnZcSgwYlpe0DSFjVNUIkNNQxwKQ" }, mode_info: { single: { mode: "SIGN_MODE_DIRECT" } }, sequence: "2" },
    ]);
    expect(json.signatures).toHaveLength(1);

    fake = await FakeComet.start({ broadcast: () => ({ code: 0 }) });
    const b = await plumed(["tx", "broadcast", signedFile, "--node", fake.url, ...h]);
    expect(b.code).toBe(0);
    expect(JSON.parse(b.stdout)).toEqual({
      height: "0",
      txhash: "ABCDEF",
      codespace: "",
      code: 0,
      data: "",
      raw_log: "",
      logs: [],
      info: "",
      gas_wanted: "0",
      gas_used: "0",
      tx: null,
      timestamp: "",
      events: [],
    });
    expect(fake.broadcasts).toHaveLength(1);
    expect(fake.broadcasts[0]?.method).toBe("broadcast_tx_sync");
    await verifyDirect(fake.broadcasts[0]?.tx as Uint8Array, "plume-test-1", 4n);

    // encode gives the same bytes; decode gives the same JSON back.
    const encoded = (await plumed(["tx", "encode", signedFile])).stdout.trim();
    expect(fromBase64(encoded)).toEqual(fake.broadcasts[0]?.tx);
    expect(JSON.parse((await plumed(["tx", "decode", encoded])).stdout)).toEqual(json);
    expect(oneLineError(await plumed(["tx", "decode", "%%%"]))).toBe("cannot decode the tx bytes: not base64");
  });

  it("sign refuses a key that is not a signer, a missing file and an unsigned broadcast", async () => {
    const unsignedFile = join(home, "unsigned.json");
    writeFileSync(unsignedFile, (await plumed(["tx", "bank", "send", "alice", bob, "100uplume", "--generate-only", ...test, ...h])).stdout);
    expect(oneLineError(await plumed(["tx", "sign", unsignedFile, "--from", "bob", "--offline", "--account-number", "0", "--sequence", "0", ...test, ...h]))).toBe(
      `bob (${bob}) is not a signer of this transaction (signers: ${alice})`,
    );
    expect(oneLineError(await plumed(["tx", "sign", unsignedFile, "--from", "alice", "--offline", ...test, ...h]))).toBe("--offline needs --account-number and --sequence");
    expect(oneLineError(await plumed(["tx", "sign", join(home, "nope.json"), "--from", "alice", ...test, ...h]))).toMatch(/^cannot read .*nope\.json: ENOENT$/);
    writeFileSync(join(home, "bad.json"), "{");
    expect(oneLineError(await plumed(["tx", "sign", join(home, "bad.json"), "--from", "alice", ...test, ...h]))).toMatch(/bad\.json is not JSON/);
    expect(oneLineError(await plumed(["tx", "broadcast", unsignedFile, ...h]))).toMatch(/has no signatures: sign it first/);
  });

  it("send online: looks up account number and sequence, signs, broadcasts, and fails on a CheckTx rejection", async () => {
    fake = await FakeComet.start({
      queries: accountAnswer(alice, 5n, 9n),
      broadcast: () => ({ code: 5, codespace: "sdk", log: "spendable balance 0uplume is smaller than 100uplume: insufficient funds" }),
    });
    const r = await plumed(["tx", "bank", "send", "alice", bob, "100uplume", "--fees", "500uplume", "-y", "--node", fake.url, ...test, ...h]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ code: 5, codespace: "sdk", raw_log: "spendable balance 0uplume is smaller than 100uplume: insufficient funds" });
    expect(oneLineError(r)).toBe("the transaction was rejected: code 5 (sdk): spendable balance 0uplume is smaller than 100uplume: insufficient funds");
    const tx = await verifyDirect(fake.broadcasts[0]?.tx as Uint8Array, "plume-test-1", 5n);
    expect(tx.authInfo?.signerInfos[0]?.sequence).toBe(9n);
  });

  it("send online with --gas auto simulates and applies --gas-adjustment and --gas-prices", async () => {
    let simulated: Tx | undefined;
    fake = await FakeComet.start({
      queries: {
        ...accountAnswer(alice, 5n, 9n),
        "/cosmos.tx.v1beta1.Service/Simulate": (data) => {
          const raw = TxRaw.decode(SimulateRequest.decode(data).txBytes);
          simulated = Tx.fromPartial({ authInfo: AuthInfo.decode(raw.authInfoBytes), signatures: raw.signatures });
          return { value: SimulateResponse.encode(SimulateResponse.fromPartial({ gasInfo: { gasUsed: 80000n, gasWanted: 0n } })).finish() };
        },
      },
    });
    const r = await plumed(["tx", "bank", "send", "alice", bob, "1uplume", "--gas", "auto", "--gas-adjustment", "1.5", "--gas-prices", "0.1uplume", "-y", "-o", "text", "--node", fake.url, ...test, ...h]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("gas estimate: 120000\n");
    expect(r.stdout).toMatch(/^code: 0\ncodespace: ""\ndata: ""\nevents: \[\]\ngas_used: "0"\ngas_wanted: "0"\nheight: "0"\n/);
    // The simulated tx carried the signer's key and sequence, with an empty signature.
    expect(simulated?.authInfo?.signerInfos[0]?.sequence).toBe(9n);
    expect(simulated?.signatures).toEqual([new Uint8Array()]);
    const tx = await verifyDirect(fake.broadcasts[0]?.tx as Uint8Array, "plume-test-1", 5n);
    expect(tx.authInfo?.fee?.gasLimit).toBe(120000n);
    expect(tx.authInfo?.fee?.amount).toEqual([{ denom: "uplume", amount: "12000" }]);
  });

  it("explains what the node cannot do, and maps mempool refusals to SDK codes", async () => {
    fake = await FakeComet.start({ queries: accountAnswer(alice, 0n, 0n), broadcast: () => ({ rpcError: "tx already exists in cache" }) });
    expect(oneLineError(await plumed(["tx", "bank", "send", "alice", bob, "1uplume", "--gas", "auto", "-y", "--node", fake.url, ...test, ...h]))).toBe(
      "the node cannot simulate transactions (unknown query path /cosmos.tx.v1beta1.Service/Simulate: unknown request): pass --gas <limit> instead of auto",
    );
    const dup = await plumed(["tx", "bank", "send", "alice", bob, "1uplume", "-y", "--node", fake.url, ...test, ...h]);
    expect(dup.code).toBe(1);
    expect(JSON.parse(dup.stdout)).toMatchObject({ code: 19, codespace: "sdk", raw_log: "tx already exists in cache" });
    expect(JSON.parse(dup.stdout).txhash).toMatch(/^[0-9A-F]{64}$/);
    expect(oneLineError(await plumed(["tx", "bank", "send", "bob", alice, "1uplume", "-y", "--node", fake.url, ...test, ...h]))).toBe(
      `account ${bob} not found (an account exists once it has received coins)`,
    );
  });

  it("asks before signing on a terminal, and needs -y otherwise", async () => {
    fake = await FakeComet.start({ queries: accountAnswer(alice, 0n, 0n) });
    expect(oneLineError(await plumed(["tx", "bank", "send", "alice", bob, "1uplume", "--node", fake.url, ...test, ...h]))).toBe("confirm the transaction with -y (stdin is not a terminal)");
    const no = await plumed(["tx", "bank", "send", "alice", bob, "1uplume", "--node", fake.url, ...test, ...h], { interactive: true, stdin: "n\n" });
    expect(no.code).toBe(1);
    expect(no.stderr).toMatch(/confirm transaction before signing and broadcasting \[y\/N\]:error: canceled transaction\n$/);
    expect(fake.broadcasts).toHaveLength(0);
    const yes = await plumed(["tx", "bank", "send", "alice", bob, "1uplume", "--node", fake.url, ...test, ...h], { interactive: true, stdin: "y\n" });
    expect(yes.code).toBe(0);
    expect(fake.broadcasts).toHaveLength(1);
  });

  it("refuses bad input with one error line, before touching the network", async () => {
    const n = ["--node", "tcp://127.0.0.1:9"];
    const bad = async (...args: string[]): Promise<string> => oneLineError(await plumed(["tx", "bank", "send", ...args, ...n, ...test, ...h]));
    expect(await bad("carol", bob, "1uplume", "-y")).toBe("carol is neither a key in the test keyring nor an account address");
    expect(await bad("alice", "plume1xyz", "1uplume", "-y")).toMatch(/^invalid recipient "plume1xyz"/);
    expect(await bad("alice", bob, "1", "-y")).toMatch(/^invalid decimal coin expression: 1/);
    expect(await bad("alice", bob, "1uplume", "--fees", "1uplume", "--gas-prices", "1uplume")).toBe("cannot provide both --fees and --gas-prices");
    expect(await bad("alice", bob, "1uplume", "--gas", "lots")).toBe('invalid --gas "lots" (expected "auto" or a gas limit)');
    expect(await bad("alice", bob, "1uplume", "--sign-mode", "textual")).toBe("sign mode textual is not supported by plumed (use direct or amino-json)");
    expect(await bad("alice", bob, "1uplume", "--offline")).toMatch(/^--offline cannot broadcast/);
    expect(await bad("alice", bob, "1uplume", "--offline", "--generate-only", "--gas", "auto")).toBe("--gas auto needs a node: it cannot be used with --offline");
    expect(await bad("alice", bob, "1uplume", "--broadcast-mode", "block")).toMatch(/broadcast mode "block" was removed/);
    expect(await bad(stranger, bob, "1uplume", "-y")).toMatch(/is not a key in the test keyring: cannot sign for it/);
    // The node is unreachable: said in one line.
    expect(await bad("alice", bob, "1uplume", "-y")).toBe("cannot reach the node at tcp://127.0.0.1:9: ECONNREFUSED");
  });
});
