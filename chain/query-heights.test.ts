import { QueryBalanceRequest } from "cosmjs-types/cosmos/bank/v1beta1/query";
import { RequestQuery } from "cosmjs-types/tendermint/abci/types";
import { silentLogger } from "../app/logger";
import { GrpcStatus } from "../app/query-router";
import { QueryDispatcher, RpcError } from "../app/server/dispatcher";
import { startRestServer, type RunningRestServer } from "../app/server/rest-server";
import { allRestRoutes } from "../app/server/rest-routes";
import { ALICE, startTestChain, type TestChain } from "./test-chain.fixture";

/**
 * A height that cannot be queried gets one SDK error whichever way the query comes in: abci_query
 * (BaseApp.query), gRPC and REST (the dispatcher both servers use), as SDK v0.50's
 * CreateQueryContext gives it on each path.
 */
const PATH = "/cosmos.bank.v1beta1.Query/Balance";
const REQUEST = QueryBalanceRequest.encode({ address: ALICE, denom: "uplume" }).finish();

interface Answers {
  readonly abci: { readonly codespace: string; readonly code: number; readonly log: string };
  readonly grpc: { readonly status: number; readonly message: string };
  readonly rest: { readonly status: number; readonly message: string };
}

describe("a bad query height over abci_query, gRPC and REST", () => {
  let chain: TestChain;
  let rest: RunningRestServer;
  let dispatcher: QueryDispatcher;

  async function askAt(height: bigint): Promise<Answers> {
    const a = await chain.app.baseApp.query(RequestQuery.fromPartial({ path: PATH, data: REQUEST, height }));
    let grpc: Answers["grpc"] = { status: GrpcStatus.OK, message: "" };
    try {
      await dispatcher.invoke(PATH, REQUEST, String(height));
    } catch (err) {
      const e = err as RpcError;
      grpc = { status: e.code, message: e.message };
    }
    const res = await fetch(`http://${rest.address}/cosmos/bank/v1beta1/balances/${ALICE}/by_denom?denom=uplume`, {
      headers: { "x-cosmos-block-height": String(height) },
      signal: AbortSignal.timeout(10_000),
    });
    const body = (await res.json()) as { message?: string };
    return { abci: { codespace: a.codespace, code: a.code, log: a.log }, grpc, rest: { status: res.status, message: body.message ?? "" } };
  }

  beforeAll(async () => {
    // Pruning "everything" keeps the last 2 versions, pruned every 10 blocks: 1..10 are gone at 12.
    chain = await startTestChain(12, { pruning: { strategy: "everything", keepRecent: 0, interval: 0 } });
    dispatcher = new QueryDispatcher({ app: chain.app.baseApp, queryRouter: chain.app.queries, appName: "plumed" });
    rest = await startRestServer({ address: "tcp://127.0.0.1:0", dispatcher, routes: allRestRoutes(chain.app.modules.restRoutes()), logger: silentLogger });
  });

  afterAll(async () => {
    await rest.close();
    await chain.close();
  });

  it("a height in the future is sdk/26 everywhere", async () => {
    const message = "cannot query with height in the future; please provide a valid height: invalid height";
    expect(await askAt(99n)).toEqual({
      abci: { codespace: "sdk", code: 26, log: message },
      grpc: { status: GrpcStatus.Unknown, message },
      rest: { status: 500, message },
    });
  });

  it("a negative height is sdk/18 everywhere", async () => {
    const message = "cannot query with height < 0; please provide a valid height: invalid request";
    expect(await askAt(-1n)).toEqual({
      abci: { codespace: "sdk", code: 18, log: message },
      grpc: { status: GrpcStatus.InvalidArgument, message },
      rest: { status: 400, message },
    });
  });

  it("a pruned height is sdk/18 everywhere, with the SDK's wording", async () => {
    const answers = await askAt(3n);
    expect(answers.abci).toMatchObject({ codespace: "sdk", code: 18 });
    expect(answers.abci.log).toMatch(/^failed to load state at height 3; .* \(latest height: 12\): invalid request$/);
    expect(answers.grpc).toEqual({ status: GrpcStatus.InvalidArgument, message: answers.abci.log });
    expect(answers.rest).toEqual({ status: 400, message: answers.abci.log });
  });
});
