import { encodeSecp256k1Pubkey } from "@cosmjs/amino";
import { encodePubkey, Registry } from "@cosmjs/proto-signing";
import { defaultRegistryTypes } from "@cosmjs/stargate";
import { SignMode } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import { SimulateRequest, SimulateResponse } from "cosmjs-types/cosmos/tx/v1beta1/service";
import { AuthInfo, Fee, Tx, TxBody } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { BaseApp } from "../app/base-app";
import { AppError } from "../app/errors";
import { silentLogger } from "../app/logger";
import { ModuleManager } from "../app/module-manager";
import { QueryRouter } from "../app/query-router";
import { openCommitMultiStore } from "../app/store";
import { makeTempDir } from "../app/store/test-util";
import { defaultAuthParams } from "../x/auth/params";
import { CHAIN_ID, STORE_NAMES, createHarness, sendMsg, testAccount, type TestAccount } from "./tx-pipeline.fixture";
import { SIMULATE_APP_QUERY_PATH, SIMULATE_GRPC_QUERY_PATH, SimulationError, routeSimulateQuery } from "../app/tx/simulate";

const okResponse = SimulateResponse.fromPartial({ gasInfo: { gasWanted: 10n, gasUsed: 7n }, result: { data: new Uint8Array([1]), log: "", events: [], msgResponses: [] } });

describe("simulation query routing", () => {
  it("answers the gRPC method with the proto SimulateResponse", () => {
    const seen: Uint8Array[] = [];
    const out = routeSimulateQuery(SIMULATE_GRPC_QUERY_PATH, SimulateRequest.encode({ txBytes: Uint8Array.of(9) }).finish(), (tx) => {
      seen.push(tx);
      return okResponse;
    });
    expect(seen).toEqual([Uint8Array.of(9)]);
    expect(SimulateResponse.decode(out as Uint8Array)).toEqual(okResponse);
    expect(routeSimulateQuery("/other", new Uint8Array(), () => okResponse)).toBeUndefined();
  });

  it("reports a failing tx as the SDK's gRPC Unknown error (sdk/6) with the gas", () => {
    const fail = (): SimulateResponse => {
      throw new SimulationError("sdk", 32, "account sequence mismatch, expected 1, got 0: incorrect account sequence", 18446744073709551615n, 1234n);
    };
    let err: unknown;
    try {
      routeSimulateQuery(SIMULATE_GRPC_QUERY_PATH, SimulateRequest.encode({ txBytes: Uint8Array.of(1) }).finish(), fail);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe(6);
    expect((err as AppError).message).toBe(
      "rpc error: code = Unknown desc = account sequence mismatch, expected 1, got 0: incorrect account sequence With gas wanted: '18446744073709551615' and gas used: '1234' : unknown request",
    );
  });

  it("refuses an empty request (sdk/18)", () => {
    expect(() => routeSimulateQuery(SIMULATE_GRPC_QUERY_PATH, new Uint8Array(), () => okResponse)).toThrow(
      "rpc error: code = InvalidArgument desc = empty txBytes is not allowed: invalid request",
    );
  });

  it("answers /app/simulate with the JSON SimulationResponse", () => {
    const res = SimulateResponse.fromPartial({
      gasInfo: { gasWanted: 5n, gasUsed: 3n },
      result: { data: Uint8Array.of(1, 2), log: "", events: [{ type: "t", attributes: [{ key: "k", value: "v", index: true }] }], msgResponses: [{ typeUrl: "/x.MsgResponse", value: new Uint8Array() }] },
    });
    const json = JSON.parse(new TextDecoder().decode(routeSimulateQuery(SIMULATE_APP_QUERY_PATH, Uint8Array.of(1), () => res)));
    expect(json).toEqual({
      gas_info: { gas_wanted: "5", gas_used: "3" },
      result: { data: "AQI=", log: "", events: [{ type: "t", attributes: [{ key: "k", value: "v", index: true }] }], msg_responses: [{ "@type": "/x.MsgResponse" }] },
    });
    expect(() =>
      routeSimulateQuery(SIMULATE_APP_QUERY_PATH, Uint8Array.of(1), () => {
        throw new SimulationError("sdk", 4, "nope: unauthorized", 1n, 1n);
      }),
    ).toThrow("failed to simulate tx: nope: unauthorized");
  });
});

describe("BaseApp.simulate through ABCI Query", () => {
  let cleanup: () => void = () => undefined;
  afterEach(() => cleanup());

  async function cosmjsSimulate(a: TestAccount, to: string): Promise<Uint8Array> {
    const registry = new Registry(defaultRegistryTypes);
    const tx = Tx.fromPartial({
      authInfo: AuthInfo.fromPartial({
        fee: Fee.fromPartial({}),
        signerInfos: [{ publicKey: encodePubkey(encodeSecp256k1Pubkey(a.pubkey)), sequence: 0n, modeInfo: { single: { mode: SignMode.SIGN_MODE_UNSPECIFIED } } }],
      }),
      body: TxBody.fromPartial({ messages: [registry.encodeAsAny(sendMsg(a.address, to, 10n))] }),
      signatures: [new Uint8Array()],
    });
    return SimulateRequest.encode({ txBytes: Tx.encode(tx).finish() }).finish();
  }

  it("runs cosmjs' simulation request on the check state and persists nothing", async () => {
    const dir = makeTempDir("simulate");
    const store = openCommitMultiStore({ path: dir.path, storeNames: STORE_NAMES, pruning: { strategy: "nothing", keepRecent: 0, interval: 0 } });
    cleanup = () => {
      void store.close().then(dir.cleanup);
    };
    const h = createHarness();
    const a = await testAccount(1);
    const b = await testAccount(2);
    const modules = new ModuleManager(
      [
        {
          name: "fixture",
          storeNames: STORE_NAMES,
          initGenesis: (ctx) => {
            h.auth.setParams(ctx, defaultAuthParams());
            h.auth.setAccount(ctx, h.auth.newAccount(ctx, a.bytes));
            h.bank.setBalance(ctx, a.bytes, 1_000_000n);
          },
        },
      ],
      { initGenesis: ["fixture"], exportGenesis: [], beginBlock: [], endBlock: [] },
    );
    const app = new BaseApp({
      name: "plumed",
      version: "test",
      appVersion: 1n,
      chainId: CHAIN_ID,
      store,
      modules,
      queries: new QueryRouter(),
      consensusParams: { get: () => undefined, set: () => undefined },
      txExecutor: h.executor,
      logger: silentLogger,
    });
    const time = { seconds: 1_700_000_000n, nanos: 0 };
    app.initChain({ chainId: CHAIN_ID, time, initialHeight: 1n, appStateBytes: new TextEncoder().encode("{}"), validators: [], consensusParams: undefined });
    app.finalizeBlock({ txs: [], height: 1n, time, hash: new Uint8Array(), misbehavior: [], nextValidatorsHash: new Uint8Array(), proposerAddress: new Uint8Array(), decidedLastCommit: { round: 0, votes: [] } });
    app.commit({});

    const res = await app.query({ path: SIMULATE_GRPC_QUERY_PATH, data: await cosmjsSimulate(a, b.address), height: 0n, prove: false });
    expect(res.log).toBe("");
    expect(res.code).toBe(0);
    expect(res.height).toBe(1n);
    const sim = SimulateResponse.decode(res.value);
    expect(sim.gasInfo?.gasWanted).toBe(18446744073709551615n);
    expect(sim.gasInfo?.gasUsed).toBeGreaterThan(40_000n);
    expect(sim.result?.msgResponses.map((r) => r.typeUrl)).toEqual(["/cosmos.bank.v1beta1.MsgSendResponse"]);
    expect(sim.result?.events.some((e) => e.type === "transfer")).toBe(true);

    // Nothing persisted: the account still has no key and sequence 0; a real CheckTx still works at sequence 0.
    const ctx = app.contextAt(1n);
    expect(h.auth.getAccount(ctx, a.bytes)).toMatchObject({ sequence: 0n, pubKey: undefined });

    const bad = await app.query({ path: SIMULATE_GRPC_QUERY_PATH, data: SimulateRequest.encode({ txBytes: Uint8Array.of(0x0a, 0x09) }).finish(), height: 0n, prove: false });
    expect(bad.code).toBe(6);
    expect(bad.log).toMatch(/^rpc error: code = Unknown desc = .*tx parse error With gas wanted: '0' and gas used: '0' : unknown request$/);
  });
});
