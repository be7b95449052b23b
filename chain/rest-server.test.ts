import { silentLogger } from "../app/logger";
import { QueryDispatcher } from "../app/server/dispatcher";
import { allRestRoutes } from "../app/server/rest-routes";
import { DEFAULT_CHAIN_SETTINGS } from "../app/chain-config";
import { moduleRestRoutes } from "./app";
import { compileRoute, matchRoute } from "../app/server/rest-route";
import { startRestServer, type RunningRestServer } from "../app/server/rest-server";
import { createNodeServices } from "../app/server/services";
import { fakeComet, FROM, TX_HASH, txBytes, type FakeComet } from "../app/server/services/fake-comet.fixture";
import { ALICE, BOB, CAROL, startTestChain, type TestChain } from "./test-chain.fixture";
import { defaultSchemaRegistry } from "../proto/schema/registry";

interface HttpReply {
  readonly status: number;
  readonly body: unknown;
  readonly text: string;
  readonly headers: Headers;
}

describe("the REST (LCD) server over the real app", () => {
  let chain: TestChain;
  let server: RunningRestServer;
  let comet: FakeComet;

  const get = async (path: string, headers: Record<string, string> = {}): Promise<HttpReply> => {
    const res = await fetch(`http://${server.address}${path}`, { headers, signal: AbortSignal.timeout(10_000) });
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text) as unknown, headers: res.headers };
  };

  beforeAll(async () => {
    chain = await startTestChain(2);
    comet = await fakeComet();
    const services = createNodeServices({
      cometRpcUrl: comet.url,
      app: () => chain.app.baseApp,
      bech32Prefix: "plume",
      minimumGasPrices: "",
      pruningKeepRecent: 0,
      pruningInterval: 0,
    });
    const dispatcher = new QueryDispatcher({ app: chain.app.baseApp, queryRouter: chain.app.queries, services });
    server = await startRestServer({ address: "tcp://127.0.0.1:0", dispatcher, routes: allRestRoutes(chain.app.modules.restRoutes()), logger: silentLogger });
  });

  afterAll(async () => {
    await server.close();
    await chain.close();
    await comet.close();
  });

  const post = async (path: string, body: unknown): Promise<HttpReply> => {
    const res = await fetch(`http://${server.address}${path}`, { method: "POST", body: JSON.stringify(body), signal: AbortSignal.timeout(10_000) });
    const text = await res.text();
    return { status: res.status, text, body: JSON.parse(text) as unknown, headers: res.headers };
  };

  it("GET /cosmos/tx/v1beta1/txs/{hash} returns tx and tx_response", async () => {
    const r = await get(`/cosmos/tx/v1beta1/txs/${TX_HASH}`);
    expect(r.status).toBe(200);
    const body = r.body as { tx: { body: { memo: string } }; tx_response: { txhash: string; height: string; timestamp: string } };
    expect(body.tx.body.memo).toBe("hi");
    expect(body.tx_response).toMatchObject({ txhash: TX_HASH, height: "7", timestamp: "2024-05-06T07:08:09Z" });
    const missing = await get(`/cosmos/tx/v1beta1/txs/${"00".repeat(32)}`);
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ code: 5, message: `tx not found: ${"00".repeat(32)}`, details: [] });
  });

  it("GET /cosmos/tx/v1beta1/txs searches by repeated events or by query", async () => {
    const byEvents = await get(`/cosmos/tx/v1beta1/txs?events=${encodeURIComponent(`message.sender='${FROM}'`)}&events=${encodeURIComponent("message.module='bank'")}&limit=5&order_by=ORDER_BY_DESC`);
    expect(byEvents.status).toBe(200);
    expect(byEvents.body).toMatchObject({ total: "1", pagination: null });
    expect(comet.calls.at(-2)).toMatchObject({ method: "tx_search", params: { query: `message.sender='${FROM}' AND message.module='bank'`, per_page: "5", order_by: "desc" } });
    const byQuery = await get(`/cosmos/tx/v1beta1/txs?query=${encodeURIComponent("tx.height=7")}`);
    expect((byQuery.body as { tx_responses: unknown[] }).tx_responses).toHaveLength(1);
  });

  it("GET /cosmos/tx/v1beta1/txs answers 400 with what is wrong for a malformed event or query", async () => {
    const searches = comet.calls.filter((c) => c.method === "tx_search").length;
    const garbage = await get("/cosmos/tx/v1beta1/txs?events=garbage");
    expect(garbage.status).toBe(400);
    expect(garbage.body).toEqual({ code: 3, message: "invalid event; event garbage should be of the format: {eventType}.{eventAttribute}={value}", details: [] });
    const unquoted = await get(`/cosmos/tx/v1beta1/txs?events=${encodeURIComponent("message.sender=plume1abc")}`);
    expect(unquoted.status).toBe(400);
    expect(unquoted.body).toMatchObject({ code: 3, message: expect.stringMatching(/^invalid query "message\.sender=plume1abc": .*offset 15/) });
    const query = await get(`/cosmos/tx/v1beta1/txs?query=${encodeURIComponent("tx.height=5 OR tx.height=6")}`);
    expect(query.status).toBe(400);
    expect(query.body).toMatchObject({ code: 3, message: expect.stringMatching(/^invalid query "tx\.height=5 OR tx\.height=6": expected AND .*offset 12/) });
    // Refused before CometBFT is asked.
    expect(comet.calls.filter((c) => c.method === "tx_search")).toHaveLength(searches);
  });

  it("POST /cosmos/tx/v1beta1/txs broadcasts in sync mode", async () => {
    const r = await post("/cosmos/tx/v1beta1/txs", { tx_bytes: Buffer.from(txBytes).toString("base64"), mode: "BROADCAST_MODE_SYNC" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ tx_response: { height: "0", txhash: TX_HASH, code: 0, codespace: "", raw_log: "", logs: [], tx: null, events: [] } });
  });

  it("POST /cosmos/tx/v1beta1/simulate reaches the app's simulator", async () => {
    const r = await post("/cosmos/tx/v1beta1/simulate", { tx_bytes: Buffer.from(txBytes).toString("base64") });
    // The fixture's tx is not signed for this chain: it simulates or fails the SDK's way.
    if (r.status === 200) expect(r.body).toHaveProperty("gas_info");
    else expect(r).toMatchObject({ status: 500, body: { code: 2, message: expect.stringMatching(/With gas wanted: '\d+' and gas used: '\d+' $/) as unknown } });
  });

  it("returns balances in the SDK's JSON with the height headers", async () => {
    const r = await get(`/cosmos/bank/v1beta1/balances/${ALICE}`);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toBe("application/json");
    expect(r.body).toEqual({
      balances: [
        { denom: "uatom", amount: "5" },
        { denom: "uplume", amount: "1000" },
      ],
      pagination: { next_key: null, total: "2" },
    });
    expect(r.headers.get("x-cosmos-block-height")).toBe("2");
    expect(r.headers.get("grpc-metadata-x-cosmos-block-height")).toBe("2");
  });

  it("pages with pagination.limit and continues from pagination.key", async () => {
    const first = await get(`/cosmos/bank/v1beta1/balances/${ALICE}?pagination.limit=1`);
    const body = first.body as { balances: unknown[]; pagination: { next_key: string } };
    expect(body.balances).toEqual([{ denom: "uatom", amount: "5" }]);
    expect(typeof body.pagination.next_key).toBe("string");
    const second = await get(`/cosmos/bank/v1beta1/balances/${ALICE}?pagination.limit=1&pagination.key=${encodeURIComponent(body.pagination.next_key)}`);
    expect((second.body as { balances: unknown[] }).balances).toEqual([{ denom: "uplume", amount: "1000" }]);
    const reversed = await get(`/cosmos/bank/v1beta1/balances/${ALICE}?pagination.limit=1&pagination.reverse=true`);
    expect((reversed.body as { balances: unknown[] }).balances).toEqual([{ denom: "uplume", amount: "1000" }]);
    const offset = await get(`/cosmos/bank/v1beta1/balances/${ALICE}?pagination.offset=1&pagination.count_total=true`);
    expect((offset.body as { balances: unknown[] }).balances).toEqual([{ denom: "uplume", amount: "1000" }]);
  });

  it("binds query parameters such as denom", async () => {
    const r = await get(`/cosmos/bank/v1beta1/balances/${BOB}/by_denom?denom=uplume`);
    expect(r.body).toEqual({ balance: { denom: "uplume", amount: "7" } });
  });

  it("writes a BaseAccount with a null pub_key", async () => {
    const r = await get(`/cosmos/auth/v1beta1/accounts/${ALICE}`);
    expect(r.body).toEqual({
      account: { "@type": "/cosmos.auth.v1beta1.BaseAccount", address: ALICE, pub_key: null, account_number: "0", sequence: "0" },
    });
  });

  it("answers a missing account with grpc-gateway's error shape and 404", async () => {
    const r = await get(`/cosmos/auth/v1beta1/accounts/${CAROL}`);
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ code: 5, details: [] });
    expect((r.body as { message: string }).message).toContain(CAROL);
  });

  it("answers bad parameter values with 400 and strconv's wording", async () => {
    const r = await get(`/cosmos/bank/v1beta1/balances/${ALICE}?pagination.limit=ten`);
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ code: 3, message: 'strconv.ParseUint: parsing "ten": invalid syntax', details: [] });
    const b = await get(`/cosmos/bank/v1beta1/balances/${ALICE}?pagination.reverse=maybe`);
    expect(b.body).toEqual({ code: 3, message: 'strconv.ParseBool: parsing "maybe": invalid syntax', details: [] });
  });

  it("ignores unknown query parameters", async () => {
    const r = await get(`/cosmos/bank/v1beta1/balances/${BOB}?foo=bar&pagination.nope=1`);
    expect(r.status).toBe(200);
  });

  it("queries a past height from x-cosmos-block-height and refuses a future one", async () => {
    const past = await get(`/cosmos/bank/v1beta1/balances/${BOB}`, { "x-cosmos-block-height": "1" });
    expect(past.status).toBe(200);
    expect(past.headers.get("x-cosmos-block-height")).toBe("1");
    const viaGrpcMetadata = await get(`/cosmos/bank/v1beta1/balances/${BOB}`, { "Grpc-Metadata-X-Cosmos-Block-Height": "1" });
    expect(viaGrpcMetadata.headers.get("x-cosmos-block-height")).toBe("1");
    const future = await get(`/cosmos/bank/v1beta1/balances/${BOB}`, { "x-cosmos-block-height": "50" });
    expect(future.status).toBe(500);
    expect(future.body).toMatchObject({ code: 2, details: [] });
  });

  it("answers unknown routes and wrong methods as grpc-gateway does (501, code 12)", async () => {
    const r = await get("/cosmos/nothing/here");
    expect(r.status).toBe(501);
    expect(r.body).toEqual({ code: 12, message: "Not Implemented", details: [] });
    const post = await fetch(`http://${server.address}/cosmos/bank/v1beta1/params`, { method: "POST", body: "{}" });
    expect(post.status).toBe(501);
    expect(await post.json()).toEqual({ code: 12, message: "Method Not Allowed", details: [] });
  });

  it("routes /blocks/latest to GetLatestBlock, not to GetBlockByHeight(\"latest\")", async () => {
    const r = await get("/cosmos/base/tendermint/v1beta1/blocks/latest");
    expect(r.text).not.toContain('parsing \\"latest\\"');
    expect(r.status).not.toBe(400);
  });

  it("serves the node config route", async () => {
    const r = await get("/cosmos/base/node/v1beta1/config");
    expect(r.body).toEqual({ minimum_gas_price: "", pruning_keep_recent: "0", pruning_interval: "0", halt_height: "0" });
  });

  it("refuses a BroadcastTx body with an unknown field", async () => {
    const res = await fetch(`http://${server.address}/cosmos/tx/v1beta1/txs`, { method: "POST", body: JSON.stringify({ tx_bytes: "AA==", moed: "x" }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ code: 3, message: 'unknown field "moed" in cosmos.tx.v1beta1.BroadcastTxRequest', details: [] });
  });
});

describe("the REST route tables", () => {
  const registry = defaultSchemaRegistry();

  it("name existing gRPC methods, and every path parameter is a field of the request", () => {
    for (const route of allRestRoutes(moduleRestRoutes(DEFAULT_CHAIN_SETTINGS))) {
      const method = registry.method(route.rpc);
      expect({ rpc: route.rpc, known: method !== undefined }).toEqual({ rpc: route.rpc, known: true });
      const input = registry.message(method?.input ?? "");
      for (const m of route.path.matchAll(/\{([\w.]+)(?:=\*\*)?\}/g)) {
        const field = input?.fields.find((f) => f.name === m[1]);
        expect({ route: route.path, param: m[1], found: field !== undefined }).toEqual({ route: route.path, param: m[1], found: true });
      }
    }
  });

  it("match path segments and decode parameters", () => {
    const route = compileRoute({ method: "GET", path: "/cosmos/bank/v1beta1/denoms_metadata/{denom=**}", rpc: "/x/y" });
    expect(matchRoute(route, ["cosmos", "bank", "v1beta1", "denoms_metadata", "ibc", "AB%2FC"])?.get("denom")).toBe("ibc/AB/C");
    const simple = compileRoute({ method: "GET", path: "/a/{b}/c", rpc: "/x/y" });
    expect(matchRoute(simple, ["a", "x", "c"])?.get("b")).toBe("x");
    expect(matchRoute(simple, ["a", "x"])).toBeUndefined();
    expect(matchRoute(simple, ["a", "", "c"])).toBeUndefined();
  });
});
