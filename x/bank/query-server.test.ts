import { toBech32 } from "@cosmjs/encoding";
import { Metadata } from "cosmjs-types/cosmos/bank/v1beta1/bank";
import {
  QueryAllBalancesRequest,
  QueryAllBalancesResponse,
  QueryBalanceRequest,
  QueryBalanceResponse,
  QueryDenomMetadataByQueryStringRequest,
  QueryDenomMetadataByQueryStringResponse,
  QueryDenomMetadataRequest,
  QueryDenomMetadataResponse,
  QueryDenomOwnersByQueryRequest,
  QueryDenomOwnersByQueryResponse,
  QueryDenomOwnersRequest,
  QueryDenomOwnersResponse,
  QueryDenomsMetadataRequest,
  QueryDenomsMetadataResponse,
  QueryParamsRequest,
  QueryParamsResponse,
  QuerySendEnabledRequest,
  QuerySendEnabledResponse,
  QuerySpendableBalanceByDenomRequest,
  QuerySpendableBalanceByDenomResponse,
  QuerySpendableBalancesRequest,
  QuerySpendableBalancesResponse,
  QuerySupplyOfRequest,
  QuerySupplyOfResponse,
  QueryTotalSupplyRequest,
  QueryTotalSupplyResponse,
} from "cosmjs-types/cosmos/bank/v1beta1/query";
import { PageRequest } from "cosmjs-types/cosmos/base/query/v1beta1/pagination";
import type { ProtoCodec } from "../../app/codec";
import { lengthPrefixed } from "../../app/collections";
import { AppError } from "../../app/errors";
import { GrpcStatus, QueryError, queryErrorToAbci } from "../../app/query-router";
import { createTestEnv, testAddress, type TestEnv } from "./test-fixtures";

const alice = testAddress(1);
const bob = testAddress(2);
const carol = testAddress(3);
const Q = "/cosmos.bank.v1beta1.Query";

function setup(): TestEnv {
  const env = createTestEnv();
  env.fund(alice, "100stake,7uatom,3ufoo");
  env.fund(bob, "5stake");
  env.fund(carol, "1uatom");
  const ctx = env.ctx();
  env.bank.setDenomMetadata(ctx, metadata("uatom", "atom"));
  env.bank.setDenomMetadata(ctx, metadata("stake", "STAKE"));
  env.bank.setSendEnabled(ctx, "ufoo", false);
  env.bank.setSendEnabled(ctx, "uatom", true);
  return env;
}

function metadata(base: string, display: string): Metadata {
  return Metadata.fromPartial({ base, display, name: base, symbol: display.toUpperCase(), denomUnits: [{ denom: base, exponent: 0 }, { denom: display, exponent: 6 }] });
}

/** The query's failure as {status, description}. */
function failure<Req, Res>(env: TestEnv, method: string, reqCodec: ProtoCodec<Req>, resCodec: ProtoCodec<Res>, request: Req): { status: number; text: string } {
  try {
    env.query(`${Q}/${method}`, reqCodec, resCodec, request);
  } catch (err) {
    if (err instanceof QueryError) return { status: err.status, text: err.description };
    if (err instanceof AppError) return { status: -1, text: err.message };
    throw err;
  }
  throw new Error("expected the query to fail");
}

const page = (fields: Partial<PageRequest>): PageRequest => PageRequest.fromPartial(fields);

describe("bank queries", () => {
  it("Balance: the coin, zero when absent; InvalidArgument for a bad denom (first) or address", () => {
    const env = setup();
    const q = (address: string, denom: string): QueryBalanceResponse => env.query(`${Q}/Balance`, QueryBalanceRequest, QueryBalanceResponse, { address, denom });
    expect(q(env.bech32(alice), "stake").balance).toEqual({ denom: "stake", amount: "100" });
    expect(q(env.bech32(testAddress(9)), "stake").balance).toEqual({ denom: "stake", amount: "0" });
    expect(failure(env, "Balance", QueryBalanceRequest, QueryBalanceResponse, { address: "bad", denom: "x" })).toEqual({ status: GrpcStatus.InvalidArgument, text: "invalid denom: x" });
    expect(failure(env, "Balance", QueryBalanceRequest, QueryBalanceResponse, { address: toBech32("cosmos", alice), denom: "stake" })).toEqual({
      status: GrpcStatus.InvalidArgument,
      text: "invalid address: hrp does not match bech32 prefix: expected 'plume' got 'cosmos': internal logic error",
    });
    const abci = queryErrorToAbci(new QueryError(GrpcStatus.InvalidArgument, "invalid denom: x"));
    expect([abci.codespace, abci.code, abci.message]).toEqual(["sdk", 18, "rpc error: code = InvalidArgument desc = invalid denom: x: invalid request"]);
  });

  it("AllBalances: pages an account's coins by denom, resolves display denoms on request", () => {
    const env = setup();
    const q = (req: Partial<QueryAllBalancesRequest>): QueryAllBalancesResponse =>
      env.query(`${Q}/AllBalances`, QueryAllBalancesRequest, QueryAllBalancesResponse, QueryAllBalancesRequest.fromPartial({ address: env.bech32(alice), ...req }));
    const all = q({});
    expect(all.balances).toEqual([
      { denom: "stake", amount: "100" },
      { denom: "uatom", amount: "7" },
      { denom: "ufoo", amount: "3" },
    ]);
    expect(all.pagination).toEqual({ nextKey: new Uint8Array(), total: 3n });
    const first = q({ pagination: page({ limit: 1n }) });
    expect(first.balances).toEqual([{ denom: "stake", amount: "100" }]);
    // next_key is the denom: the address prefix is stripped.
    expect(new TextDecoder().decode(first.pagination?.nextKey)).toBe("uatom");
    expect(q({ pagination: page({ key: first.pagination?.nextKey ?? new Uint8Array(), limit: 1n }) }).balances).toEqual([{ denom: "uatom", amount: "7" }]);
    expect(q({ pagination: page({ reverse: true, limit: 2n }) }).balances.map((c) => c.denom)).toEqual(["ufoo", "uatom"]);
    expect(q({ resolveDenom: true }).balances.map((c) => c.denom)).toEqual(["STAKE", "atom", "ufoo"]);
    expect(q({ address: env.bech32(testAddress(9)) }).balances).toEqual([]);
    expect(
      failure(env, "AllBalances", QueryAllBalancesRequest, QueryAllBalancesResponse, QueryAllBalancesRequest.fromPartial({ address: env.bech32(alice), pagination: page({ key: Uint8Array.of(1), offset: 1n }) })),
    ).toEqual({ status: GrpcStatus.InvalidArgument, text: "paginate: invalid request, either offset or key is expected, got both" });
  });

  it("SpendableBalances and SpendableBalanceByDenom equal the balances (no vesting); address checked first", () => {
    const env = setup();
    const res = env.query(`${Q}/SpendableBalances`, QuerySpendableBalancesRequest, QuerySpendableBalancesResponse, QuerySpendableBalancesRequest.fromPartial({ address: env.bech32(alice), pagination: page({ limit: 2n, countTotal: true }) }));
    expect(res.balances).toEqual([
      { denom: "stake", amount: "100" },
      { denom: "uatom", amount: "7" },
    ]);
    expect(res.pagination?.total).toBe(3n);
    const one = env.query(`${Q}/SpendableBalanceByDenom`, QuerySpendableBalanceByDenomRequest, QuerySpendableBalanceByDenomResponse, { address: env.bech32(bob), denom: "stake" });
    expect(one.balance).toEqual({ denom: "stake", amount: "5" });
    expect(failure(env, "SpendableBalanceByDenom", QuerySpendableBalanceByDenomRequest, QuerySpendableBalanceByDenomResponse, { address: "", denom: "x" })).toEqual({
      status: GrpcStatus.InvalidArgument,
      text: "invalid address: empty address string is not allowed",
    });
  });

  it("TotalSupply and SupplyOf", () => {
    const env = setup();
    const total = env.query(`${Q}/TotalSupply`, QueryTotalSupplyRequest, QueryTotalSupplyResponse, QueryTotalSupplyRequest.fromPartial({}));
    expect(total.supply).toEqual([
      { denom: "stake", amount: "105" },
      { denom: "uatom", amount: "8" },
      { denom: "ufoo", amount: "3" },
    ]);
    expect(total.pagination?.total).toBe(3n);
    const paged = env.query(`${Q}/TotalSupply`, QueryTotalSupplyRequest, QueryTotalSupplyResponse, { pagination: page({ offset: 1n, limit: 1n }) });
    expect(paged.supply).toEqual([{ denom: "uatom", amount: "8" }]);
    expect(new TextDecoder().decode(paged.pagination?.nextKey)).toBe("ufoo");
    expect(paged.pagination?.total).toBe(0n);
    expect(failure(env, "TotalSupply", QueryTotalSupplyRequest, QueryTotalSupplyResponse, { pagination: page({ key: Uint8Array.of(1), offset: 2n }) })).toEqual({
      status: GrpcStatus.Internal,
      text: "invalid request, either offset or key is expected, got both",
    });
    expect(env.query(`${Q}/SupplyOf`, QuerySupplyOfRequest, QuerySupplyOfResponse, { denom: "uatom" }).amount).toEqual({ denom: "uatom", amount: "8" });
    expect(env.query(`${Q}/SupplyOf`, QuerySupplyOfRequest, QuerySupplyOfResponse, { denom: "none" }).amount).toEqual({ denom: "none", amount: "0" });
    expect(failure(env, "SupplyOf", QuerySupplyOfRequest, QuerySupplyOfResponse, { denom: "" }).text).toBe("invalid denom: ");
  });

  it("Params", () => {
    const env = setup();
    expect(env.query(`${Q}/Params`, QueryParamsRequest, QueryParamsResponse, {}).params).toEqual({ sendEnabled: [], defaultSendEnabled: true });
  });

  it("DenomMetadata (NotFound when absent), its query-string twin, and DenomsMetadata paging", () => {
    const env = setup();
    expect(env.query(`${Q}/DenomMetadata`, QueryDenomMetadataRequest, QueryDenomMetadataResponse, { denom: "uatom" }).metadata).toEqual(metadata("uatom", "atom"));
    expect(env.query(`${Q}/DenomMetadataByQueryString`, QueryDenomMetadataByQueryStringRequest, QueryDenomMetadataByQueryStringResponse, { denom: "stake" }).metadata.display).toBe("STAKE");
    expect(failure(env, "DenomMetadata", QueryDenomMetadataRequest, QueryDenomMetadataResponse, { denom: "ufoo" })).toEqual({ status: GrpcStatus.NotFound, text: "client metadata for denom ufoo" });
    const abci = queryErrorToAbci(new QueryError(GrpcStatus.NotFound, "client metadata for denom ufoo"));
    expect([abci.code, abci.message]).toEqual([22, "rpc error: code = NotFound desc = client metadata for denom ufoo: key not found"]);
    const all = env.query(`${Q}/DenomsMetadata`, QueryDenomsMetadataRequest, QueryDenomsMetadataResponse, {});
    expect(all.metadatas.map((m) => m.base)).toEqual(["stake", "uatom"]);
    expect(all.pagination?.total).toBe(2n);
    const second = env.query(`${Q}/DenomsMetadata`, QueryDenomsMetadataRequest, QueryDenomsMetadataResponse, { pagination: page({ offset: 1n, limit: 1n, countTotal: true }) });
    expect(second.metadatas.map((m) => m.base)).toEqual(["uatom"]);
    expect(second.pagination).toEqual({ nextKey: new Uint8Array(), total: 2n });
  });

  it("DenomOwners pages the holders of a denom by address", () => {
    const env = setup();
    const q = (pagination?: PageRequest): QueryDenomOwnersResponse =>
      env.query(`${Q}/DenomOwners`, QueryDenomOwnersRequest, QueryDenomOwnersResponse, QueryDenomOwnersRequest.fromPartial({ denom: "uatom", ...(pagination ? { pagination } : {}) }));
    const owners = [alice, carol].sort(Buffer.compare);
    const all = q();
    expect(all.denomOwners).toEqual(owners.map((a) => ({ address: env.bech32(a), balance: { denom: "uatom", amount: a === alice ? "7" : "1" } })));
    const first = q(page({ limit: 1n }));
    expect(first.denomOwners).toHaveLength(1);
    // next_key is the length-prefixed address, without the denom prefix.
    expect(first.pagination?.nextKey).toEqual(lengthPrefixed(owners[1] as Uint8Array));
    expect(q(page({ key: first.pagination?.nextKey ?? new Uint8Array() })).denomOwners.map((o) => o.address)).toEqual([env.bech32(owners[1] as Uint8Array)]);
    const byQuery = env.query(`${Q}/DenomOwnersByQuery`, QueryDenomOwnersByQueryRequest, QueryDenomOwnersByQueryResponse, QueryDenomOwnersByQueryRequest.fromPartial({ denom: "stake" }));
    expect(byQuery.denomOwners.map((o) => o.balance.amount).sort()).toEqual(["100", "5"]);
    expect(failure(env, "DenomOwners", QueryDenomOwnersRequest, QueryDenomOwnersResponse, QueryDenomOwnersRequest.fromPartial({ denom: "!" })).status).toBe(GrpcStatus.InvalidArgument);
    // The paginator's own error comes back as the SDK's plain error.
    const plain = failure(env, "DenomOwners", QueryDenomOwnersRequest, QueryDenomOwnersResponse, QueryDenomOwnersRequest.fromPartial({ denom: "uatom", pagination: page({ key: Uint8Array.of(1), offset: 1n }) }));
    expect(plain).toEqual({ status: -1, text: "invalid request, either offset or key is expected, got both" });
  });

  it("SendEnabled lists stored overrides: the asked ones without pagination, or all, paged", () => {
    const env = setup();
    const asked = env.query(`${Q}/SendEnabled`, QuerySendEnabledRequest, QuerySendEnabledResponse, QuerySendEnabledRequest.fromPartial({ denoms: ["ufoo", "stake"] }));
    expect(asked).toEqual({ sendEnabled: [{ denom: "ufoo", enabled: false }], pagination: undefined });
    const all = env.query(`${Q}/SendEnabled`, QuerySendEnabledRequest, QuerySendEnabledResponse, QuerySendEnabledRequest.fromPartial({}));
    expect(all.sendEnabled).toEqual([
      { denom: "uatom", enabled: true },
      { denom: "ufoo", enabled: false },
    ]);
    expect(all.pagination?.total).toBe(2n);
  });

  it("answers at the queried state, not the working one", () => {
    const env = setup();
    // Queries read what the query context hands them; a branch's unwritten writes stay invisible.
    const branch = env.ctx().branch();
    env.bank.sendCoins(branch, alice, bob, env.bank.getAllBalances(branch, alice));
    expect(env.query(`${Q}/Balance`, QueryBalanceRequest, QueryBalanceResponse, { address: env.bech32(alice), denom: "stake" }).balance?.amount).toBe("100");
  });
});
