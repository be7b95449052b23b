import { sha256 } from "@cosmjs/crypto";
import { toHex } from "@cosmjs/encoding";
import { BaseAccount } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import { QueryAccountRequest, QueryAccountResponse } from "cosmjs-types/cosmos/auth/v1beta1/query";
import {
  QueryAllBalancesRequest,
  QueryAllBalancesResponse,
  QueryBalanceRequest,
  QueryBalanceResponse,
  QuerySupplyOfResponse,
  QueryTotalSupplyResponse,
} from "cosmjs-types/cosmos/bank/v1beta1/query";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { AddressCodec } from "../../../app/address";
import { FakeComet } from "../client/testing/fake-comet";
import { oneLineError, plumed } from "../client/testing/run-cli";
import { sdkTxJson } from "../client/tx-json";
import { encodeTx } from "../tx/builder";

const codec = new AddressCodec("plume");
const alice = codec.encodeAccount(new Uint8Array(20).fill(1));
const nobody = codec.encodeAccount(new Uint8Array(20).fill(2));

const TX_JSON = {
  body: {
    messages: [{ "@type": "/cosmos.bank.v1beta1.MsgSend", from_address: alice, to_address: nobody, amount: [{ denom: "uplume", amount: "5" }] }],
    memo: "",
    timeout_height: "0",
    extension_options: [],
    non_critical_extension_options: [],
  },
  auth_info: { signer_infos: [], fee: { amount: [], gas_limit: "200000", payer: "", granter: "" }, tip: null },
  signatures: ["AQI="],
};
const TX_BYTES = encodeTx(sdkTxJson.fromJson(TX_JSON));
const TX_HASH = toHex(sha256(TX_BYTES)).toUpperCase();

describe("plumed query", () => {
  let home: string;
  let fake: FakeComet;
  let q: (...args: string[]) => ReturnType<typeof plumed>;

  beforeAll(async () => {
    home = mkdtempSync(join(tmpdir(), "plumed-query-cli-"));
    fake = await FakeComet.start({
      queries: {
        "/cosmos.bank.v1beta1.Query/AllBalances": (data) => {
          const req = QueryAllBalancesRequest.decode(data);
          const balances = req.address === alice ? [{ denom: "stake", amount: "5" }, { denom: "uplume", amount: "1000" }] : [];
          return { value: QueryAllBalancesResponse.encode(QueryAllBalancesResponse.fromPartial({ balances, pagination: { nextKey: new Uint8Array(), total: BigInt(balances.length) } })).finish() };
        },
        "/cosmos.bank.v1beta1.Query/Balance": (data) => {
          const req = QueryBalanceRequest.decode(data);
          return { value: QueryBalanceResponse.encode({ balance: { denom: req.denom, amount: req.address === alice ? "1000" : "0" } }).finish() };
        },
        "/cosmos.bank.v1beta1.Query/TotalSupply": () => ({
          value: QueryTotalSupplyResponse.encode(QueryTotalSupplyResponse.fromPartial({ supply: [{ denom: "uplume", amount: "1000" }], pagination: { nextKey: new Uint8Array([1, 2]), total: 0n } })).finish(),
        }),
        "/cosmos.bank.v1beta1.Query/SupplyOf": () => ({ value: QuerySupplyOfResponse.encode({ amount: { denom: "uplume", amount: "1000" } }).finish() }),
        "/cosmos.auth.v1beta1.Query/Account": (data) => {
          const req = QueryAccountRequest.decode(data);
          if (req.address !== alice) return { code: 22, codespace: "sdk", log: `rpc error: code = NotFound desc = account ${req.address} not found: key not found` };
          const value = BaseAccount.encode(BaseAccount.fromPartial({ address: alice, accountNumber: 3n, sequence: 12n })).finish();
          return { value: QueryAccountResponse.encode({ account: { typeUrl: "/cosmos.auth.v1beta1.BaseAccount", value } }).finish() };
        },
      },
      txs: {
        [TX_HASH]: { height: 42n, tx: TX_BYTES, log: "", events: [{ type: "transfer", attributes: [{ key: "amount", value: "5uplume", index: true }] }] },
      },
      blockTime: "2024-05-06T07:08:09.123456789Z",
    });
    q = (...args: string[]) => plumed(["query", ...args, "--node", fake.url, "--home", home]);
  });
  afterAll(async () => {
    await fake.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it("bank balances: text by default, json on request, --denom, --height and pagination passed on", async () => {
    expect((await q("bank", "balances", alice)).stdout).toBe('balances:\n- amount: "5"\n  denom: stake\n- amount: "1000"\n  denom: uplume\npagination:\n  next_key: null\n  total: "2"\n');
    expect(JSON.parse((await q("bank", "balances", alice, "-o", "json")).stdout)).toEqual({
      balances: [
        { denom: "stake", amount: "5" },
        { denom: "uplume", amount: "1000" },
      ],
      pagination: { next_key: null, total: "2" },
    });
    expect((await q("bank", "balances", alice, "--denom", "uplume", "-o", "json")).stdout).toBe('{"denom":"uplume","amount":"1000"}\n');
    await q("bank", "balances", alice, "--height", "5", "--limit", "1", "--count-total", "--reverse");
    const last = fake.queried[fake.queried.length - 1];
    expect(last?.height).toBe(5n);
    expect(QueryAllBalancesRequest.decode(last?.data as Uint8Array).pagination).toEqual({ key: new Uint8Array(), offset: 0n, limit: 1n, countTotal: true, reverse: true });
  });

  it("bank total, with --denom; the page key comes back as base64", async () => {
    expect(JSON.parse((await q("bank", "total", "-o", "json")).stdout)).toEqual({ supply: [{ denom: "uplume", amount: "1000" }], pagination: { next_key: "AQI=", total: "0" } });
    expect((await q("bank", "total", "--denom", "uplume")).stdout).toBe('amount: "1000"\ndenom: uplume\n');
  });

  it("account prints the account as the SDK does; a missing one is one error line", async () => {
    expect((await q("account", alice)).stdout).toBe(`'@type': /cosmos.auth.v1beta1.BaseAccount\naccount_number: "3"\naddress: ${alice}\npub_key: null\nsequence: "12"\n`);
    expect((await q("auth", "account", alice, "-o", "json")).stdout).toBe(
      `{"@type":"/cosmos.auth.v1beta1.BaseAccount","address":"${alice}","pub_key":null,"account_number":"3","sequence":"12"}\n`,
    );
    expect(oneLineError(await q("account", nobody))).toBe(`account ${nobody} not found (an account exists once it has received coins)`);
  });

  it("tx prints the TxResponse with the decoded tx and the block time; unknown hashes fail in one line", async () => {
    const r = JSON.parse((await q("tx", TX_HASH.toLowerCase(), "-o", "json")).stdout);
    expect(r).toEqual({
      height: "42",
      txhash: TX_HASH,
      codespace: "",
      code: 0,
      data: "",
      raw_log: "",
      logs: [],
      info: "",
      gas_wanted: "200000",
      gas_used: "51234",
      tx: { "@type": "/cosmos.tx.v1beta1.Tx", ...TX_JSON },
      timestamp: "2024-05-06T07:08:09.123456789Z",
      events: [{ type: "transfer", attributes: [{ key: "amount", value: "5uplume", index: true }] }],
    });
    expect(oneLineError(await q("tx", "00".repeat(32)))).toBe(`tx (${"00".repeat(32)}) not found`);
  });

  it("validates arguments before asking the node", async () => {
    const before = fake.queried.length;
    expect(oneLineError(await q("bank", "balances", "plume1nope"))).toMatch(/^invalid address "plume1nope"/);
    expect(oneLineError(await q("bank", "balances", alice.replace("plume", "cosmos")))).toMatch(/invalid address/);
    expect(oneLineError(await q("bank", "balances", alice, "--denom", "u!"))).toBe('invalid denom "u!"');
    expect(oneLineError(await q("bank", "balances", alice, "--page-key", "AQI=", "--offset", "1"))).toBe("use either --page-key or --offset, not both");
    expect(oneLineError(await q("bank", "total", "--denom", "x"))).toBe('invalid denom "x"');
    expect(oneLineError(await q("account", "nope"))).toMatch(/^invalid address "nope"/);
    expect(oneLineError(await q("tx", "xyz"))).toBe('invalid tx hash "xyz" (expected 64 hex characters)');
    expect(oneLineError(await q("bank", "balances", alice, "-o", "yaml"))).toBe('invalid output format "yaml" (expected text or json)');
    const usage = await q("bank", "balances", alice, "--height", "-1");
    expect(usage.code).not.toBe(0);
    expect(usage.stderr.split("\n")[0]).toMatch(/^error: option '--height <h>' argument '-1' is invalid/);
    expect(fake.queried.length).toBe(before);
    expect(oneLineError(await plumed(["query", "bank", "balances", alice, "--node", "ftp://x", "--home", home]))).toMatch(/^invalid --node "ftp:\/\/x"/);
  });
});
