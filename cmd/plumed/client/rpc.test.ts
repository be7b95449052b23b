import { FakeComet } from "./testing/fake-comet";
import { grpcQuery, QueryFailedError } from "./grpc-query";
import { CometRpc, nodeToHttpUrl, RpcError } from "./rpc";
import { QueryBalanceRequest, QueryBalanceResponse } from "cosmjs-types/cosmos/bank/v1beta1/query";

describe("CometBFT RPC client", () => {
  it("turns --node values into HTTP URLs", () => {
    expect(nodeToHttpUrl("tcp://127.0.0.1:26657")).toBe("http://127.0.0.1:26657");
    expect(nodeToHttpUrl("http://node.example:443/")).toBe("http://node.example:443");
    expect(nodeToHttpUrl("https://rpc.example.com")).toBe("https://rpc.example.com");
    expect(nodeToHttpUrl("localhost:26657")).toBe("http://localhost:26657");
    expect(() => nodeToHttpUrl("tcp://")).toThrow(/invalid --node "tcp:\/\/"/);
    expect(() => nodeToHttpUrl("ftp://x:1")).toThrow(/invalid --node/);
  });

  it("sends gRPC queries through abci_query and decodes the answer", async () => {
    const fake = await FakeComet.start({
      queries: {
        "/cosmos.bank.v1beta1.Query/Balance": (data) => {
          const req = QueryBalanceRequest.decode(data);
          return { value: QueryBalanceResponse.encode({ balance: { denom: req.denom, amount: "42" } }).finish() };
        },
      },
    });
    try {
      const rpc = new CometRpc(fake.url);
      const { response, height } = await grpcQuery(rpc, "/cosmos.bank.v1beta1.Query/Balance", { address: "a", denom: "uplume" }, QueryBalanceRequest, QueryBalanceResponse, 5n);
      expect(response.balance).toEqual({ denom: "uplume", amount: "42" });
      expect(height).toBe(5n);
      expect(fake.queried[0]).toMatchObject({ path: "/cosmos.bank.v1beta1.Query/Balance", height: 5n });
      const err = await grpcQuery(rpc, "/nope", QueryBalanceRequest.fromPartial({}), QueryBalanceRequest, QueryBalanceResponse).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(QueryFailedError);
      expect((err as QueryFailedError).message).toBe("unknown query path /nope: unknown request");
      expect((err as QueryFailedError).notFound).toBe(false);
    } finally {
      await fake.stop();
    }
  });

  it("reports JSON-RPC errors by their data, and an unreachable node by its address", async () => {
    const fake = await FakeComet.start({});
    try {
      const err = await new CometRpc(fake.url).tx(new Uint8Array(32)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RpcError);
      expect((err as Error).message).toBe(`tx (${"00".repeat(32)}) not found`);
    } finally {
      await fake.stop();
    }
    await expect(new CometRpc(fake.url).abciQuery("/x", new Uint8Array())).rejects.toThrow(new RegExp(`^cannot reach the node at ${fake.url}: ECONNREFUSED$`));
  });
});
