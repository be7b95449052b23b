import {
  ABCIQueryRequest,
  ABCIQueryResponse,
  GetLatestBlockRequest,
  GetLatestBlockResponse,
  GetLatestValidatorSetRequest,
  GetLatestValidatorSetResponse,
  GetNodeInfoRequest,
  GetNodeInfoResponse,
} from "cosmjs-types/cosmos/base/tendermint/v1beta1/query";
import {
  BroadcastMode,
  BroadcastTxRequest,
  BroadcastTxResponse,
  GetTxRequest,
  GetTxsEventRequest,
  GetTxsEventResponse,
  SimulateRequest,
  SimulateResponse,
} from "cosmjs-types/cosmos/tx/v1beta1/service";
import { ResponseQuery } from "cosmjs-types/tendermint/abci/types";
import { AppError, ErrInsufficientFunds } from "../../errors";
import { bytesToSdkJson } from "../../json/sdk-json";
import type { QueryContext } from "../../module";
import { apiQueryHook } from "../index";
import { fakeComet, FROM, TO, TX_HASH, txBytes, type FakeComet } from "./fake-comet.fixture";
import { createNodeServices, type ServicesApp, type ServiceTable } from "./index";

describe("the node services", () => {
  let comet: FakeComet;
  let services: ServiceTable;
  let app: ServicesApp;

  beforeAll(async () => {
    comet = await fakeComet();
    app = {
      query: (req) => ResponseQuery.fromPartial({ code: 0, value: new TextEncoder().encode(req.path), height: 7n }),
      simulate: (bytes) => {
        if (bytes.length < 3) throw Object.assign(ErrInsufficientFunds.wrap("spendable balance 0uplume is smaller than 5uplume"), { gasWanted: 0n, gasUsed: 1234n });
        return SimulateResponse.fromPartial({ gasInfo: { gasWanted: 0n, gasUsed: 50000n }, result: { events: [] } });
      },
    };
    services = createNodeServices({ cometRpcUrl: comet.url, app: () => app, bech32Prefix: "plume", minimumGasPrices: "", pruningKeepRecent: 0, pruningInterval: 0 });
  });

  afterAll(() => comet.close());

  const run = async <Res>(path: string, request: Uint8Array, decode: (b: Uint8Array) => Res): Promise<Res> => decode(await services.callBytes(path, request, { height: 7n }));

  it("GetTx returns the decoded tx and a TxResponse filled as the SDK fills it", async () => {
    const res = await run("/cosmos.tx.v1beta1.Service/GetTx", GetTxRequest.encode({ hash: TX_HASH.toLowerCase() }).finish(), (b) => b);
    const json = bytesToSdkJson("cosmos.tx.v1beta1.GetTxResponse", res) as { tx: { body: { messages: unknown[]; memo: string } }; tx_response: Record<string, unknown> };
    expect(json.tx.body.messages).toEqual([{ "@type": "/cosmos.bank.v1beta1.MsgSend", from_address: FROM, to_address: TO, amount: [{ denom: "uplume", amount: "5" }] }]);
    expect(json.tx.body.memo).toBe("hi");
    expect(json.tx_response).toMatchObject({
      height: "7",
      txhash: TX_HASH,
      codespace: "",
      code: 0,
      data: "1226",
      raw_log: "",
      logs: [],
      info: "",
      gas_wanted: "200000",
      gas_used: "61234",
      timestamp: "2024-05-06T07:08:09Z",
      events: [{ type: "message", attributes: [{ key: "sender", value: FROM, index: true }] }],
    });
    expect((json.tx_response["tx"] as Record<string, unknown>)["@type"]).toBe("/cosmos.tx.v1beta1.Tx");
  });

  it("GetTx reports an unknown hash as NotFound", async () => {
    await expect(services.callBytes("/cosmos.tx.v1beta1.Service/GetTx", GetTxRequest.encode({ hash: "AB".repeat(32) }).finish(), { height: 7n })).rejects.toMatchObject({
      status: 5,
      description: `tx not found: ${"AB".repeat(32)}`,
    });
  });

  it("GetTxsEvent accepts events joined with AND and pages like the SDK", async () => {
    const res = await run(
      "/cosmos.tx.v1beta1.Service/GetTxsEvent",
      GetTxsEventRequest.encode(GetTxsEventRequest.fromPartial({ events: [`message.sender='${FROM}'`, "message.module='bank'"] })).finish(),
      GetTxsEventResponse.decode,
    );
    expect(res.total).toBe(1n);
    expect(res.txResponses[0]?.txhash).toBe(TX_HASH);
    const search = comet.calls.filter((c) => c.method === "tx_search").at(-1);
    expect(search?.params).toMatchObject({ query: `message.sender='${FROM}' AND message.module='bank'`, page: "1", per_page: "100" });
  });

  it("BroadcastTx (sync) returns the CheckTx result, and a mempool duplicate as code 19", async () => {
    const ok = await run(
      "/cosmos.tx.v1beta1.Service/BroadcastTx",
      BroadcastTxRequest.encode({ txBytes, mode: BroadcastMode.BROADCAST_MODE_SYNC }).finish(),
      BroadcastTxResponse.decode,
    );
    expect(ok.txResponse).toMatchObject({ code: 0, txhash: TX_HASH });
    const other = new Uint8Array([1, 2, 3]);
    const dup = await run("/cosmos.tx.v1beta1.Service/BroadcastTx", BroadcastTxRequest.encode({ txBytes: other, mode: BroadcastMode.BROADCAST_MODE_SYNC }).finish(), BroadcastTxResponse.decode);
    expect(dup.txResponse).toMatchObject({ code: 19, codespace: "sdk" });
    await expect(
      services.callBytes("/cosmos.tx.v1beta1.Service/BroadcastTx", BroadcastTxRequest.encode({ txBytes, mode: BroadcastMode.BROADCAST_MODE_BLOCK }).finish(), { height: 7n }),
    ).rejects.toMatchObject({ status: 2, description: "unsupported return type unspecified; supported types: sync, async" });
  });

  it("Simulate reports failures with the gas used, as the SDK words them", async () => {
    const ok = await run("/cosmos.tx.v1beta1.Service/Simulate", SimulateRequest.encode(SimulateRequest.fromPartial({ txBytes })).finish(), SimulateResponse.decode);
    expect(ok.gasInfo?.gasUsed).toBe(50000n);
    await expect(
      services.callBytes("/cosmos.tx.v1beta1.Service/Simulate", SimulateRequest.encode(SimulateRequest.fromPartial({ txBytes: new Uint8Array([1]) })).finish(), { height: 7n }),
    ).rejects.toMatchObject({
      status: 2,
      description: "spendable balance 0uplume is smaller than 5uplume: insufficient funds With gas wanted: '0' and gas used: '1234' ",
    });
  });

  it("GetLatestBlock converts CometBFT's block, with the proposer as a valcons address in sdk_block", async () => {
    const res = await run("/cosmos.base.tendermint.v1beta1.Service/GetLatestBlock", GetLatestBlockRequest.encode({}).finish(), GetLatestBlockResponse.decode);
    expect(res.block?.header.height).toBe(7n);
    expect(res.block?.header.time).toEqual({ seconds: 1714979289n, nanos: 123456789 });
    expect(res.block?.data.txs).toEqual([txBytes]);
    expect(res.sdkBlock?.header.proposerAddress).toMatch(/^plumevalcons1/);
    expect(res.blockId?.partSetHeader.total).toBe(1);
    const json = bytesToSdkJson("cosmos.base.tendermint.v1beta1.GetLatestBlockResponse", GetLatestBlockResponse.encode(res).finish()) as {
      block: { header: { time: string }; last_commit: { signatures: { block_id_flag: string }[] } };
    };
    expect(json.block.header.time).toBe("2024-05-06T07:08:09.123456789Z");
    expect(json.block.last_commit.signatures[0]?.block_id_flag).toBe("BLOCK_ID_FLAG_COMMIT");
  });

  it("GetNodeInfo and GetLatestValidatorSet", async () => {
    const info = await run("/cosmos.base.tendermint.v1beta1.Service/GetNodeInfo", GetNodeInfoRequest.encode({}).finish(), GetNodeInfoResponse.decode);
    expect(info.defaultNodeInfo?.network).toBe("plume-test");
    expect(info.defaultNodeInfo?.channels).toEqual(new Uint8Array(Buffer.from("40202122233038606100", "hex")));
    expect(info.applicationVersion?.appName).toBe("plumed");
    const set = await run(
      "/cosmos.base.tendermint.v1beta1.Service/GetLatestValidatorSet",
      GetLatestValidatorSetRequest.encode({}).finish(),
      GetLatestValidatorSetResponse.decode,
    );
    expect(set.blockHeight).toBe(7n);
    expect(set.validators[0]).toMatchObject({ votingPower: 10n, proposerPriority: -5n });
    expect(set.validators[0]?.address).toMatch(/^plumevalcons1/);
    expect(set.validators[0]?.pubKey?.typeUrl).toBe("/cosmos.crypto.ed25519.PubKey");
    expect(set.pagination?.total).toBe(1n);
  });

  it("ABCIQuery passes app paths to the app and refuses gRPC paths", async () => {
    const res = await run("/cosmos.base.tendermint.v1beta1.Service/ABCIQuery", ABCIQueryRequest.encode(ABCIQueryRequest.fromPartial({ path: "/app/version" })).finish(), ABCIQueryResponse.decode);
    expect(new TextDecoder().decode(res.value)).toBe("/app/version");
    await expect(
      services.callBytes(
        "/cosmos.base.tendermint.v1beta1.Service/ABCIQuery",
        ABCIQueryRequest.encode(ABCIQueryRequest.fromPartial({ path: "/cosmos.bank.v1beta1.Query/Params" })).finish(),
        { height: 7n },
      ),
    ).rejects.toMatchObject({ status: 3, description: "unsupported ABCI query path: /cosmos.bank.v1beta1.Query/Params" });
  });

  describe("through abci_query (BaseApp's extraQueries hook)", () => {
    const ctx = { height: 7n, chainId: "plume-test", store: () => ({}) } as unknown as QueryContext;

    it("routes the services, but not BroadcastTx", async () => {
      const hook = apiQueryHook(services);
      const value = await hook("/cosmos.base.tendermint.v1beta1.Service/GetNodeInfo", GetNodeInfoRequest.encode({}).finish(), ctx);
      expect(GetNodeInfoResponse.decode(value as Uint8Array).defaultNodeInfo?.moniker).toBe("node0");
      expect(hook("/cosmos.tx.v1beta1.Service/BroadcastTx", new Uint8Array(), ctx)).toBeUndefined();
      expect(hook("/no/such/path", new Uint8Array(), ctx)).toBeUndefined();
    });

    it("reports failures as the SDK's ABCI error for the gRPC status (NotFound -> 22)", async () => {
      const hook = apiQueryHook(services);
      const failing = hook("/cosmos.tx.v1beta1.Service/GetTx", GetTxRequest.encode({ hash: "AB".repeat(32) }).finish(), ctx);
      await expect(failing).rejects.toBeInstanceOf(AppError);
      await expect(failing).rejects.toMatchObject({
        codespace: "sdk",
        code: 22,
        message: `rpc error: code = NotFound desc = tx not found: ${"AB".repeat(32)}: key not found`,
      });
    });
  });
});
