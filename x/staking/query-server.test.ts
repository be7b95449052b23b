import * as Q from "cosmjs-types/cosmos/staking/v1beta1/query";
import type { QueryContext } from "../../app/module";
import { GrpcStatus, QueryRouter, grpcStatusOf } from "../../app/query-router";
import { Dec } from "../../app/math";
import { Harness, addresses, delAddr, delegator, operator, valoper } from "./harness.fixture";
import { registerCapQueryServer, registerStakingQueryServer } from "./query-server";

interface Codec<T> {
  encode(m: T): { finish(): Uint8Array };
  decode(b: Uint8Array): T;
  fromPartial(o: never): T;
}

function setup() {
  const h = new Harness({ cap: "0", params: { maxValidators: 2, historicalEntries: 5 } });
  h.createValidator(0, 30_000_000n);
  h.createValidator(1, 20_000_000n);
  h.createValidator(2, 10_000_000n);
  h.nextBlock();
  h.fund(delegator(0), 10_000_000n);
  expect(h.delegate(0, 0, 3_000_000n).error).toBeUndefined();
  expect(h.delegate(0, 1, 3_000_000n).error).toBeUndefined();
  expect(h.undelegate(delegator(0), 0, 1_000_000n).error).toBeUndefined();
  expect(h.redelegate(delegator(0), 0, 1, 1_000_000n).error).toBeUndefined();
  h.nextBlock();
  const router = new QueryRouter();
  const registrar = { registerMsg: () => undefined, registerQuery: (d: never) => router.register(d) };
  registerStakingQueryServer(registrar, { reader: h.keeper, bank: h.bank, bondedPoolAddress: h.keeper.bondedPoolAddress, notBondedPoolAddress: h.keeper.notBondedPoolAddress });
  registerCapQueryServer(registrar, h.keeper);
  const ctx: QueryContext = { height: h.height, chainId: "plume-test", store: (name) => h.ms.getStore(name) };
  function query<Req, Res>(method: string, req: Codec<Req>, res: Codec<Res>, partial: unknown): Res {
    const bytes = router.queryBytes(`/cosmos.staking.v1beta1.Query/${method}`, ctx, req.encode(req.fromPartial(partial as never)).finish());
    return res.decode(bytes);
  }
  function fails(method: string, req: Codec<unknown>, partial: unknown): { status: number; description: string } {
    try {
      router.queryBytes(`/cosmos.staking.v1beta1.Query/${method}`, ctx, req.encode(req.fromPartial(partial as never)).finish());
    } catch (err) {
      return grpcStatusOf(err);
    }
    throw new Error(`${method} did not fail`);
  }
  return { h, router, query, fails };
}

describe("staking queries", () => {
  const { h, router, query, fails } = setup();

  it("registers every SDK method and the cap's", () => {
    expect(router.paths()).toEqual(
      [
        "Delegation",
        "DelegatorDelegations",
        "DelegatorUnbondingDelegations",
        "DelegatorValidator",
        "DelegatorValidators",
        "HistoricalInfo",
        "Params",
        "Pool",
        "Redelegations",
        "UnbondingDelegation",
        "Validator",
        "ValidatorDelegations",
        "ValidatorUnbondingDelegations",
        "Validators",
      ]
        .map((m) => `/cosmos.staking.v1beta1.Query/${m}`)
        .concat(["/plume.staking.v1.Query/Params", "/plume.staking.v1.Query/ValidatorPowerShares"])
        .sort(),
    );
  });

  it("Validators: status filter and pagination", () => {
    const all = query("Validators", Q.QueryValidatorsRequest, Q.QueryValidatorsResponse, {});
    expect(all.validators.map((v) => v.operatorAddress)).toEqual([valoper(0), valoper(1), valoper(2)]);
    expect(all.pagination?.total).toBe(3n);
    const bonded = query("Validators", Q.QueryValidatorsRequest, Q.QueryValidatorsResponse, { status: "BOND_STATUS_BONDED" });
    expect(bonded.validators.map((v) => v.operatorAddress)).toEqual([valoper(0), valoper(1)]);
    const unbonded = query("Validators", Q.QueryValidatorsRequest, Q.QueryValidatorsResponse, { status: "BOND_STATUS_UNBONDED" });
    expect(unbonded.validators.map((v) => v.operatorAddress)).toEqual([valoper(2)]);
    const page1 = query("Validators", Q.QueryValidatorsRequest, Q.QueryValidatorsResponse, { pagination: { limit: 2n } });
    expect(page1.validators.length).toBe(2);
    const page2 = query("Validators", Q.QueryValidatorsRequest, Q.QueryValidatorsResponse, { pagination: { key: page1.pagination?.nextKey, limit: 2n } });
    expect(page2.validators.map((v) => v.operatorAddress)).toEqual([valoper(2)]);
    expect(page2.pagination?.nextKey.length).toBe(0);
    expect(fails("Validators", Q.QueryValidatorsRequest, { status: "bonded" })).toEqual({ status: GrpcStatus.InvalidArgument, description: "invalid validator status bonded" });
    expect(fails("Validators", Q.QueryValidatorsRequest, { pagination: { key: new Uint8Array([1]), offset: 1n } })).toEqual({
      status: GrpcStatus.Internal,
      description: "invalid request, either offset or key is expected, got both",
    });
  });

  it("Validator", () => {
    expect(query("Validator", Q.QueryValidatorRequest, Q.QueryValidatorResponse, { validatorAddr: valoper(1) }).validator.operatorAddress).toBe(valoper(1));
    expect(fails("Validator", Q.QueryValidatorRequest, { validatorAddr: "" })).toEqual({ status: GrpcStatus.InvalidArgument, description: "validator address cannot be empty" });
    expect(fails("Validator", Q.QueryValidatorRequest, { validatorAddr: valoper(9) })).toEqual({ status: GrpcStatus.NotFound, description: `validator ${valoper(9)} not found` });
    // a raw (non-status) error, as the SDK's address codec returns: gRPC Unknown
    expect(fails("Validator", Q.QueryValidatorRequest, { validatorAddr: delAddr(0) }).status).toBe(GrpcStatus.Unknown);
  });

  it("delegations and their balances", () => {
    const d = query("Delegation", Q.QueryDelegationRequest, Q.QueryDelegationResponse, { delegatorAddr: delAddr(0), validatorAddr: valoper(0) });
    expect(d.delegationResponse?.balance).toEqual({ denom: "stake", amount: "1000000" });
    expect(Dec.fromProto(d.delegationResponse?.delegation.shares ?? "").toString()).toBe("1000000.000000000000000000");
    expect(fails("Delegation", Q.QueryDelegationRequest, { delegatorAddr: delAddr(5), validatorAddr: valoper(0) })).toEqual({
      status: GrpcStatus.NotFound,
      description: `delegation with delegator ${delAddr(5)} not found for validator ${valoper(0)}`,
    });
    expect(fails("Delegation", Q.QueryDelegationRequest, { delegatorAddr: "", validatorAddr: valoper(0) }).description).toBe("delegator address cannot be empty");

    const byVal = query("ValidatorDelegations", Q.QueryValidatorDelegationsRequest, Q.QueryValidatorDelegationsResponse, { validatorAddr: valoper(1) });
    expect(byVal.delegationResponses.map((r) => [r.delegation.delegatorAddress, r.balance.amount])).toEqual([
      [addresses.encodeAccount(operator(1)), "20000000"],
      [delAddr(0), "4000000"],
    ]);
    const byDel = query("DelegatorDelegations", Q.QueryDelegatorDelegationsRequest, Q.QueryDelegatorDelegationsResponse, { delegatorAddr: delAddr(0) });
    expect(byDel.delegationResponses.map((r) => r.delegation.validatorAddress)).toEqual([valoper(0), valoper(1)]);
    expect(byDel.pagination?.total).toBe(2n);
    const vals = query("DelegatorValidators", Q.QueryDelegatorValidatorsRequest, Q.QueryDelegatorValidatorsResponse, { delegatorAddr: delAddr(0) });
    expect(vals.validators.map((v) => v.operatorAddress)).toEqual([valoper(0), valoper(1)]);
    expect(query("DelegatorValidator", Q.QueryDelegatorValidatorRequest, Q.QueryDelegatorValidatorResponse, { delegatorAddr: delAddr(0), validatorAddr: valoper(1) }).validator.operatorAddress).toBe(valoper(1));
    expect(fails("DelegatorValidator", Q.QueryDelegatorValidatorRequest, { delegatorAddr: delAddr(0), validatorAddr: valoper(2) })).toEqual({
      status: GrpcStatus.Internal,
      description: "no delegation for (address, validator) tuple",
    });
  });

  it("unbonding delegations", () => {
    const u = query("UnbondingDelegation", Q.QueryUnbondingDelegationRequest, Q.QueryUnbondingDelegationResponse, { delegatorAddr: delAddr(0), validatorAddr: valoper(0) });
    expect(u.unbond.entries.map((e) => e.balance)).toEqual(["1000000"]);
    expect(fails("UnbondingDelegation", Q.QueryUnbondingDelegationRequest, { delegatorAddr: delAddr(0), validatorAddr: valoper(1) })).toEqual({
      status: GrpcStatus.NotFound,
      description: `unbonding delegation with delegator ${delAddr(0)} not found for validator ${valoper(1)}`,
    });
    const byVal = query("ValidatorUnbondingDelegations", Q.QueryValidatorUnbondingDelegationsRequest, Q.QueryValidatorUnbondingDelegationsResponse, { validatorAddr: valoper(0) });
    expect(byVal.unbondingResponses.map((x) => x.delegatorAddress)).toEqual([delAddr(0)]);
    const byDel = query("DelegatorUnbondingDelegations", Q.QueryDelegatorUnbondingDelegationsRequest, Q.QueryDelegatorUnbondingDelegationsResponse, { delegatorAddr: delAddr(0) });
    expect(byDel.unbondingResponses.map((x) => x.validatorAddress)).toEqual([valoper(0)]);
  });

  it("redelegations: by triple, by source, by delegator", () => {
    const triple = query("Redelegations", Q.QueryRedelegationsRequest, Q.QueryRedelegationsResponse, {
      delegatorAddr: delAddr(0),
      srcValidatorAddr: valoper(0),
      dstValidatorAddr: valoper(1),
    });
    expect(triple.redelegationResponses.map((r) => r.entries.map((e) => e.balance))).toEqual([["1000000"]]);
    expect(triple.pagination).toBeUndefined();
    const bySrc = query("Redelegations", Q.QueryRedelegationsRequest, Q.QueryRedelegationsResponse, { srcValidatorAddr: valoper(0) });
    expect(bySrc.redelegationResponses.map((r) => r.redelegation.validatorDstAddress)).toEqual([valoper(1)]);
    const byDel = query("Redelegations", Q.QueryRedelegationsRequest, Q.QueryRedelegationsResponse, { delegatorAddr: delAddr(0) });
    expect(byDel.redelegationResponses.length).toBe(1);
    expect(fails("Redelegations", Q.QueryRedelegationsRequest, { delegatorAddr: delAddr(0), srcValidatorAddr: valoper(1), dstValidatorAddr: valoper(0) })).toEqual({
      status: GrpcStatus.Internal,
      description: `rpc error: code = NotFound desc = redelegation not found for delegator address ${delAddr(0)} from validator address ${valoper(1)}`,
    });
    expect(fails("Redelegations", Q.QueryRedelegationsRequest, {})).toEqual({ status: GrpcStatus.Internal, description: "empty address string is not allowed" });
  });

  it("historical info, pool, params", () => {
    const hist = query("HistoricalInfo", Q.QueryHistoricalInfoRequest, Q.QueryHistoricalInfoResponse, { height: h.height });
    expect(hist.hist?.valset.map((v) => v.operatorAddress)).toEqual([valoper(0), valoper(1)]);
    expect(fails("HistoricalInfo", Q.QueryHistoricalInfoRequest, { height: -1n })).toEqual({ status: GrpcStatus.InvalidArgument, description: "height cannot be negative" });
    expect(fails("HistoricalInfo", Q.QueryHistoricalInfoRequest, { height: 99n })).toEqual({ status: GrpcStatus.NotFound, description: "historical info for height 99 not found" });
    const pool = query("Pool", Q.QueryPoolRequest, Q.QueryPoolResponse, {});
    expect(pool.pool).toEqual({ bondedTokens: h.bondedPool().toString(), notBondedTokens: h.notBondedPool().toString() });
    expect(pool.pool.notBondedTokens).toBe("11000000"); // validator 2 and the unbonding entry
    expect(query("Params", Q.QueryParamsRequest, Q.QueryParamsResponse, {}).params.maxValidators).toBe(2);
  });
});
