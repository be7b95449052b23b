import * as grpc from "@grpc/grpc-js";
import { dirname, join } from "node:path";
import * as protobuf from "protobufjs";
import "protobufjs/ext/descriptor";
import { FileDescriptorProto } from "protobufjs/ext/descriptor";
import { QueryAccountRequest } from "cosmjs-types/cosmos/auth/v1beta1/query";
import { QueryAllBalancesRequest, QueryAllBalancesResponse, QueryBalanceRequest, QueryBalanceResponse } from "cosmjs-types/cosmos/bank/v1beta1/query";
import { ConfigRequest, ConfigResponse } from "cosmjs-types/cosmos/base/node/v1beta1/query";
import { silentLogger } from "../app/logger";
import { QueryDispatcher } from "../app/server/dispatcher";
import { startGrpcServer, type RunningGrpcServer } from "../app/server/grpc-server";
import { createNodeServices } from "../app/server/services";
import { ALICE, CAROL, startTestChain, type TestChain } from "./test-chain.fixture";

interface Reply {
  readonly bytes?: Uint8Array;
  readonly error?: grpc.ServiceError;
  readonly height?: string;
}

function call(client: grpc.Client, path: string, request: Uint8Array, height?: string): Promise<Reply> {
  const md = new grpc.Metadata();
  if (height !== undefined) md.set("x-cosmos-block-height", height);
  return new Promise((resolve) => {
    let headerHeight: string | undefined;
    const c = client.makeUnaryRequest(
      path,
      (b: Uint8Array) => Buffer.from(b),
      (b: Buffer) => new Uint8Array(b),
      request,
      md,
      { deadline: Date.now() + 10_000 },
      (error, bytes) => resolve({ ...(bytes ? { bytes } : {}), ...(error ? { error } : {}), ...(headerHeight !== undefined ? { height: headerHeight } : {}) }),
    );
    c.on("metadata", (m: grpc.Metadata) => {
      const v = m.get("x-cosmos-block-height")[0];
      if (v !== undefined) headerHeight = String(v);
    });
  });
}

describe("the gRPC server over the real app", () => {
  let chain: TestChain;
  let server: RunningGrpcServer;
  let client: grpc.Client;

  beforeAll(async () => {
    chain = await startTestChain(2);
    const services = createNodeServices({
      cometRpcUrl: "http://127.0.0.1:9", // unused here; node Config does not call CometBFT
      app: () => chain.app.baseApp,
      bech32Prefix: "plume",
      minimumGasPrices: "0.025uplume",
      pruningKeepRecent: 0,
      pruningInterval: 0,
    });
    const dispatcher = new QueryDispatcher({ app: chain.app.baseApp, queryRouter: chain.app.queries, services });
    server = await startGrpcServer({ address: "127.0.0.1:0", dispatcher, logger: silentLogger });
    client = new grpc.Client(server.address, grpc.credentials.createInsecure());
  });

  afterAll(async () => {
    client.close();
    await server.close();
    await chain.close();
  });

  it("answers a bank query with the latest height in the response header", async () => {
    const req = QueryAllBalancesRequest.encode(QueryAllBalancesRequest.fromPartial({ address: ALICE })).finish();
    const reply = await call(client, "/cosmos.bank.v1beta1.Query/AllBalances", req);
    expect(reply.error).toBeUndefined();
    const res = QueryAllBalancesResponse.decode(reply.bytes ?? new Uint8Array());
    expect(res.balances).toEqual([
      { denom: "uatom", amount: "5" },
      { denom: "uplume", amount: "1000" },
    ]);
    expect(reply.height).toBe("2");
  });

  it("queries a past height given in x-cosmos-block-height", async () => {
    const req = QueryBalanceRequest.encode({ address: ALICE, denom: "uplume" }).finish();
    const reply = await call(client, "/cosmos.bank.v1beta1.Query/Balance", req, "1");
    expect(QueryBalanceResponse.decode(reply.bytes ?? new Uint8Array()).balance).toEqual({ denom: "uplume", amount: "1000" });
    expect(reply.height).toBe("1");
  });

  it("refuses a height in the future and a malformed height", async () => {
    const req = QueryBalanceRequest.encode({ address: ALICE, denom: "uplume" }).finish();
    const future = await call(client, "/cosmos.bank.v1beta1.Query/Balance", req, "99");
    expect(future.error?.code).toBe(grpc.status.UNKNOWN);
    expect(future.error?.details).toMatch(/cannot query with height in the future/);
    const bad = await call(client, "/cosmos.bank.v1beta1.Query/Balance", req, "abc");
    expect(bad.error?.code).toBe(grpc.status.INVALID_ARGUMENT);
  });

  it("reports a missing account as NotFound", async () => {
    const reply = await call(client, "/cosmos.auth.v1beta1.Query/Account", QueryAccountRequest.encode({ address: CAROL }).finish());
    expect(reply.error?.code).toBe(grpc.status.NOT_FOUND);
    expect(reply.error?.details).toContain(CAROL);
  });

  it("serves the node service's Config", async () => {
    const reply = await call(client, "/cosmos.base.node.v1beta1.Service/Config", ConfigRequest.encode({}).finish());
    const res = ConfigResponse.decode(reply.bytes ?? new Uint8Array());
    expect(res.minimumGasPrice).toBe("0.025000000000000000uplume");
    expect(res.pruningKeepRecent).toBe("0");
  });

  it("answers UNIMPLEMENTED for methods it does not have", async () => {
    const reply = await call(client, "/cosmos.staking.v1beta1.Query/Nope", new Uint8Array());
    expect(reply.error?.code).toBe(grpc.status.UNIMPLEMENTED);
  });

  describe("server reflection", () => {
    const reflectionRoot = protobuf.loadSync(join(dirname(require.resolve("@grpc/reflection")), "..", "proto", "grpc", "reflection", "v1alpha", "reflection.proto"));
    const Request = reflectionRoot.lookupType("grpc.reflection.v1alpha.ServerReflectionRequest");
    const Response = reflectionRoot.lookupType("grpc.reflection.v1alpha.ServerReflectionResponse");

    function reflect(request: Record<string, unknown>): Promise<Record<string, unknown>> {
      return new Promise((resolve, reject) => {
        const stream = client.makeBidiStreamRequest(
          "/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo",
          (m: Record<string, unknown>) => Buffer.from(Request.encode(Request.fromObject(m)).finish()),
          (b: Buffer) => Response.toObject(Response.decode(b), { defaults: false }) as Record<string, unknown>,
          new grpc.Metadata(),
          { deadline: Date.now() + 10_000 },
        );
        stream.on("data", (d: Record<string, unknown>) => {
          resolve(d);
          stream.end();
        });
        stream.on("error", reject);
        stream.write(request);
      });
    }

    it("lists the served services", async () => {
      const res = await reflect({ host: "", listServices: "*" });
      const names = ((res["listServicesResponse"] as { service: { name: string }[] }).service ?? []).map((s) => s.name);
      expect(names).toEqual(expect.arrayContaining(["cosmos.bank.v1beta1.Query", "cosmos.auth.v1beta1.Query", "cosmos.base.node.v1beta1.Service"]));
      expect(names).toContain("grpc.reflection.v1alpha.ServerReflection");
    });

    it("returns parseable descriptors for a symbol, with their dependencies", async () => {
      const res = await reflect({ host: "", fileContainingSymbol: "cosmos.bank.v1beta1.Query" });
      const files = ((res["fileDescriptorResponse"] as { fileDescriptorProto: Uint8Array[] }).fileDescriptorProto ?? []).map((b) =>
        FileDescriptorProto.toObject(FileDescriptorProto.decode(b)),
      );
      expect(files[0]?.["name"]).toBe("cosmos/bank/v1beta1/query.proto");
      const names = files.map((f) => f["name"]);
      expect(names).toEqual(expect.arrayContaining(["cosmos/base/v1beta1/coin.proto", "cosmos/base/query/v1beta1/pagination.proto"]));
      const root = protobuf.Root.fromDescriptor({ file: files });
      const service = root.lookupService("cosmos.bank.v1beta1.Query");
      expect(service.methods["AllBalances"]?.responseType).toMatch(/QueryAllBalancesResponse$/);
      const coin = root.lookupType("cosmos.base.v1beta1.Coin");
      expect(coin.fields["amount"]?.id).toBe(2);
    });

    it("answers NOT_FOUND for an unknown symbol", async () => {
      const res = await reflect({ host: "", fileContainingSymbol: "no.such.Thing" });
      expect((res["errorResponse"] as { errorCode: number }).errorCode).toBe(grpc.status.NOT_FOUND);
    });
  });
});
