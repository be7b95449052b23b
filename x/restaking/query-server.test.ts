import type { QueryContext } from "../../app/module";
import { GrpcStatus, QueryRouter, grpcStatusOf } from "../../app/query-router";
import { Dec } from "../../app/math";
import * as Q from "../../proto/plume/restaking/v1/query";
import { delegator, operator } from "../staking/harness.fixture";
import { RestakingHarness } from "./harness.fixture";
import { registerRestakingQueryServer } from "./query-server";

interface Codec<T> {
  encode(m: T): { finish(): Uint8Array };
  decode(b: Uint8Array): T;
  fromPartial(o: never): T;
}

const STAKE = 1_000_000_000n;

function setup() {
  const h = new RestakingHarness({ compoundInterval: 10n });
  h.staking.createValidator(0, 10n * STAKE);
  for (const d of [1, 2]) {
    h.staking.fund(delegator(d), STAKE);
    expect(h.staking.delegate(d, 0, STAKE).error).toBeUndefined();
  }
  expect(h.staking.tx((ctx) => h.keeper.setAutoCompound(ctx, delegator(1), operator(0), true)).error).toBeUndefined();
  // Heights 1..10 accrue 0.1% a block: 9,000,000 compound at height 10; 11 and 12 stay pending.
  h.runTo(12n, "0.001");
  const router = new QueryRouter();
  registerRestakingQueryServer({ registerMsg: () => undefined, registerQuery: (d: never) => router.register(d) }, h.keeper, h.stakingQuerier());
  const ctx: QueryContext = h.queryContext();
  function query<Req, Res>(method: string, req: Codec<Req>, res: Codec<Res>, partial: unknown): Res {
    return res.decode(router.queryBytes(`/plume.restaking.v1.Query/${method}`, ctx, req.encode(req.fromPartial(partial as never)).finish()));
  }
  function fails(method: string, req: Codec<unknown>, partial: unknown): { status: number; description: string } {
    try {
      router.queryBytes(`/plume.restaking.v1.Query/${method}`, ctx, req.encode(req.fromPartial(partial as never)).finish());
    } catch (err) {
      return grpcStatusOf(err);
    }
    throw new Error(`${method} did not fail`);
  }
  return { h, router, query, fails };
}

describe("restaking queries", () => {
  const { h, router, query, fails } = setup();
  const a = h.keeper.addresses;
  const validator = a.encodeValidator(operator(0));

  it("registers every method of plume.restaking.v1.Query", () => {
    expect(router.paths().map((p) => p.split("/").pop()).sort()).toEqual(["CompoundingHeights", "DelegatorSettings", "Params", "Pool", "Pools"]);
  });

  it("DelegatorSettings: the member's units, shares and stake including what compounded; nothing for a non-member", () => {
    const r = query("DelegatorSettings", Q.QueryDelegatorSettingsRequest, Q.QueryDelegatorSettingsResponse, { delegatorAddress: a.encodeAccount(delegator(1)) });
    expect(r.settings).toHaveLength(1);
    expect(r.settings[0]).toMatchObject({ validatorAddress: validator, enabled: true, units: Dec.fromInt(STAKE).toProto(), stake: "1009000000" });
    expect(query("DelegatorSettings", Q.QueryDelegatorSettingsRequest, Q.QueryDelegatorSettingsResponse, { delegatorAddress: a.encodeAccount(delegator(2)) }).settings).toEqual([]);
    expect(fails("DelegatorSettings", Q.QueryDelegatorSettingsRequest, { delegatorAddress: "nope" }).status).toBe(GrpcStatus.InvalidArgument);
  });

  it("Pool and Pools: the compounding stake per validator and the last compounding", () => {
    const r = query("Pool", Q.QueryPoolRequest, Q.QueryPoolResponse, { validatorAddress: validator });
    expect(r.pool.tokens).toBe("1009000000");
    expect(r.pool.pool).toMatchObject({ validatorAddress: validator, lastCompounded: "9000000", lastHeldBack: "0", heldBackReason: "" });
    expect(query("Pools", Q.QueryPoolsRequest, Q.QueryPoolsResponse, {}).pools).toEqual([r.pool]);
    expect(fails("Pool", Q.QueryPoolRequest, { validatorAddress: a.encodeValidator(operator(5)) }).status).toBe(GrpcStatus.NotFound);
  });

  it("CompoundingHeights and Params", () => {
    expect(query("CompoundingHeights", Q.QueryCompoundingHeightsRequest, Q.QueryCompoundingHeightsResponse, {})).toEqual({ lastHeight: 10n, nextHeight: 20n, compoundInterval: 10n });
    expect(query("Params", Q.QueryParamsRequest, Q.QueryParamsResponse, {}).params).toEqual({ compoundInterval: 10n });
  });
});
