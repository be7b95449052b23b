import { AppError } from "../../app/errors";
import { Dec } from "../../app/math";
import type { QueryContext } from "../../app/module";
import { QueryValidatorPowerSharesResponse } from "../../proto/plume/staking/v1/query";
import { capHeadroom, exceedsCap, formatCapPercent, formatPercentUp, minValidatorsForCap, validateCapParams } from "./cap";
import { BOND_DENOM, GOV_AUTHORITY, Harness, addresses, delAddr, delegator, operator, valoper } from "./harness.fixture";
import { capAfterStakeInvariant, assertStakingInvariants } from "./invariants";
import { capQueryHandlers } from "./query-server";

const D = (s: string): Dec => Dec.fromString(s);

function expectCapError(error: unknown, message: string): void {
  expect(error).toBeInstanceOf(AppError);
  const e = error as AppError;
  expect([e.codespace, e.code]).toEqual(["plume-staking", 2]);
  expect(e.message).toBe(`${message}: validator would exceed the maximum validator power share`);
}

/** Five bonded validators with these token amounts (millions). */
function network(millions: readonly number[], cap = "0.2", maxValidators = 100): Harness {
  const h = new Harness({ cap, params: { maxValidators } });
  millions.forEach((m, i) => h.createValidator(i, BigInt(m) * 1_000_000n));
  h.endBlock();
  return h;
}

function checkAfter(h: Harness, operatorIndex: number): void {
  assertStakingInvariants(h.ctx(), h.keeper);
  expect(capAfterStakeInvariant(h.ctx(), h.keeper, operator(operatorIndex)).broken).toBe(false);
}

describe("cap arithmetic", () => {
  it("binds from ceil(1/cap) validators", () => {
    expect(minValidatorsForCap(D("0.2"))).toBe(5n);
    expect(minValidatorsForCap(D("0.3"))).toBe(4n);
    expect(minValidatorsForCap(D("0.25"))).toBe(4n);
    expect(minValidatorsForCap(D("0.000000000000000001"))).toBe(10n ** 18n);
    expect(minValidatorsForCap(D("0"))).toBe(0n);
    expect(minValidatorsForCap(D("1"))).toBe(0n);
  });

  it("computes exact headroom and refusals", () => {
    const cap = D("0.2");
    expect(capHeadroom(cap, 6_000_000n, 50_000_000n, false)).toBe(5_000_000n);
    expect(exceedsCap(cap, 6_000_000n, 50_000_000n, 5_000_000n)).toBe(false);
    expect(exceedsCap(cap, 6_000_000n, 50_000_000n, 5_000_001n)).toBe(true);
    expect(capHeadroom(cap, 6_000_000n, 50_000_000n, true)).toBe(4_000_000n);
    expect(capHeadroom(cap, 11_000_000n, 50_000_000n, false)).toBe(0n);
    expect(formatPercentUp(11_000_001n, 55_000_001n)).toBe("20.01");
    expect(formatPercentUp(231n, 1000n)).toBe("23.1");
    expect(formatCapPercent(D("0.2"))).toBe("20");
    expect(formatCapPercent(D("0.125"))).toBe("12.5");
  });

  it("validates the param", () => {
    expect(() => validateCapParams({ maxValidatorPowerShare: D("-0.1").toProto() })).toThrow("max_validator_power_share cannot be negative");
    expect(() => validateCapParams({ maxValidatorPowerShare: D("1.1").toProto() })).toThrow("cannot be greater than 1");
    expect(() => validateCapParams({ maxValidatorPowerShare: D("0").toProto() })).not.toThrow();
  });
});

describe("the decentralization cap on messages", () => {
  it("accepts a delegation that fits and refuses one more token, with the documented message", () => {
    const h = network([6, 10, 10, 12, 12]);
    h.fund(delegator(0), 20_000_000n);
    const before = h.snapshot();
    const over = h.delegate(0, 0, 5_000_001n);
    expectCapError(
      over.error,
      `delegation of 5000001stake would raise validator ${valoper(0)} to 20.01% of bonded power, above the 20% cap; it can accept at most 5000000stake more`,
    );
    expect(h.snapshot()).toBe(before);
    expect(h.delegate(0, 0, 5_000_000n).error).toBeUndefined(); // exactly 20%: allowed
    checkAfter(h, 0);
    expectCapError(
      h.delegate(0, 0, 1n).error,
      `delegation of 1stake would raise validator ${valoper(0)} to 20.01% of bonded power, above the 20% cap; it can accept at most 0stake more`,
    );
  });

  it("applies to self-delegation too", () => {
    const h = network([6, 10, 10, 12, 12]);
    h.fund(operator(0), 6_000_000n);
    const r = h.deliver(h.handlers.delegate, { delegatorAddress: addresses.encodeAccount(operator(0)), validatorAddress: valoper(0), amount: { denom: BOND_DENOM, amount: "6000000" } });
    expect((r.error as AppError).code).toBe(2);
  });

  it("does not bind below ceil(1/cap) bonded validators", () => {
    const h = network([10, 10, 10, 10]);
    h.fund(delegator(0), 100_000_000n);
    expect(h.delegate(0, 0, 100_000_000n).error).toBeUndefined();
    assertStakingInvariants(h.ctx(), h.keeper);
    // a fifth validator joins at the next EndBlock: from then on the cap binds, existing stake stays
    h.createValidator(4, 10_000_000n);
    h.endBlock();
    expect(h.keeper.getValidator(h.ctx(), operator(0))?.tokens).toBe("110000000");
    h.fund(delegator(1), 2_000_000n);
    expect((h.delegate(1, 0, 1n).error as AppError).code).toBe(2);
    expect(h.delegate(1, 1, 1_000_000n).error).toBeUndefined(); // 11 of 151: fine
    // undelegating from the validator above the cap is always possible
    expect(h.undelegate(operator(0), 0, 1_000_000n).error).toBeUndefined();
  });

  it("checks the destination of a redelegation: within the bonded set the total does not grow", () => {
    const h = network([6, 10, 10, 12, 12]);
    // operator 1 moves stake to validator 0: total stays 50M, so 0 can take 4M (20% of 50M is 10M)
    expectCapError(
      h.redelegate(operator(1), 1, 0, 4_000_001n).error,
      `redelegation of 4000001stake would raise validator ${valoper(0)} to 20.01% of bonded power, above the 20% cap; it can accept at most 4000000stake more`,
    );
    expect(h.redelegate(operator(1), 1, 0, 4_000_000n).error).toBeUndefined();
    checkAfter(h, 0);
    // moving stake away from a validator is never refused
    expect(h.redelegate(operator(3), 3, 1, 1_000_000n).error).toBeUndefined(); // 1 now holds 6M: 7M of 50M
  });

  it("checks a redelegation from a validator outside the set as new bonded stake", () => {
    const h = network([6, 10, 10, 12, 12, 1], "0.2", 5);
    expect(h.keeper.getValidator(h.ctx(), operator(5))?.status).toBe(1); // unbonded
    // from outside the set the total grows: (6 + x) / (50 + x) <= 0.2 allows x <= 5M
    h.fund(delegator(0), 9_000_000n);
    expect(h.delegate(0, 5, 9_000_000n).error).toBeUndefined(); // not bonded: not capped
    expectCapError(
      h.redelegate(delegator(0), 5, 0, 5_000_001n).error,
      `redelegation of 5000001stake would raise validator ${valoper(0)} to 20.01% of bonded power, above the 20% cap; it can accept at most 5000000stake more`,
    );
    expect(h.redelegate(delegator(0), 5, 0, 5_000_000n).error).toBeUndefined();
    checkAfter(h, 0);
  });

  it("checks a cancelled unbonding", () => {
    const h = network([6, 10, 10, 12, 12]);
    expect(h.undelegate(operator(0), 0, 1_000_000n).error).toBeUndefined();
    h.fund(delegator(0), 6_000_000n);
    expect(h.delegate(0, 0, 6_000_000n).error).toBeUndefined(); // 11 of 55 = 20%
    const r = h.deliver(h.handlers.cancelUnbondingDelegation, {
      delegatorAddress: addresses.encodeAccount(operator(0)),
      validatorAddress: valoper(0),
      amount: { denom: BOND_DENOM, amount: "1000000" },
      creationHeight: h.height,
    });
    expectCapError(
      r.error,
      `cancelled unbonding of 1000000stake would raise validator ${valoper(0)} to 21.43% of bonded power, above the 20% cap; it can accept at most 0stake more`,
    );
  });

  it("leaves validators outside the bonded set alone", () => {
    const h = network([10, 10, 10, 10, 10, 1], "0.2", 5);
    h.fund(delegator(0), 100_000_000n);
    expect(h.delegate(0, 5, 100_000_000n).error).toBeUndefined();
  });

  it("never forces existing stake out when the total shrinks", () => {
    const h = network([10, 10, 10, 10, 10]);
    expect(h.undelegate(operator(4), 4, 5_000_000n).error).toBeUndefined(); // total 45M: the others hold 22.2% each
    const { updates } = h.endBlock();
    expect(updates.length).toBe(1); // only validator 4's power changed
    assertStakingInvariants(h.ctx(), h.keeper);
    h.fund(delegator(0), 1n);
    expect((h.delegate(0, 0, 1n).error as AppError).code).toBe(2);
  });

  it("is governed by plume.staking.v1.MsgUpdateParams; 0 turns it off", () => {
    const h = network([10, 10, 10, 10, 10]);
    const set = (authority: string, share: string) =>
      h.deliver(h.handlers.updateCapParams, { authority, params: { maxValidatorPowerShare: D(share).toProto() } });
    expect((set(delAddr(0), "0").error as AppError).code).toBe(13);
    expect((set(GOV_AUTHORITY, "1.5").error as AppError).message).toBe(
      "max_validator_power_share cannot be greater than 1: 1.500000000000000000: invalid decentralization cap params",
    );
    expect(set(GOV_AUTHORITY, "0").error).toBeUndefined();
    h.fund(delegator(0), 50_000_000n);
    expect(h.delegate(0, 0, 50_000_000n).error).toBeUndefined();
  });

  it("reports every bonded validator's share and headroom", () => {
    const h = network([6, 10, 10, 12, 12, 1], "0.2", 5);
    const ctx: QueryContext = { height: h.height, chainId: "plume-test", store: (name) => h.ms.getStore(name) };
    const handler = capQueryHandlers(h.keeper).find((d) => d.path === "/plume.staking.v1.Query/ValidatorPowerShares");
    const res = handler?.handle(ctx, { pagination: undefined } as never) as QueryValidatorPowerSharesResponse;
    expect(res.totalBondedTokens).toBe("50000000");
    expect(res.bondedValidators).toBe(5);
    expect(res.minValidatorsForCap).toBe(5);
    expect(res.capBinding).toBe(true);
    expect(Dec.fromProto(res.maxValidatorPowerShare).toString()).toBe("0.200000000000000000");
    expect(res.validators.map((v) => [v.operatorAddress, v.tokens, v.power, Dec.fromProto(v.share).toString(), v.headroom])).toEqual([
      [valoper(0), "6000000", 6n, "0.120000000000000000", "5000000"],
      [valoper(1), "10000000", 10n, "0.200000000000000000", "0"],
      [valoper(2), "10000000", 10n, "0.200000000000000000", "0"],
      [valoper(3), "12000000", 12n, "0.240000000000000000", "0"],
      [valoper(4), "12000000", 12n, "0.240000000000000000", "0"],
    ]);
    const page = handler?.handle(ctx, { pagination: { key: new Uint8Array(), offset: 0n, limit: 2n, countTotal: true, reverse: false } } as never) as QueryValidatorPowerSharesResponse;
    expect(page.validators.length).toBe(2);
    expect(page.pagination?.total).toBe(5n);
    const next = handler?.handle(ctx, { pagination: { key: page.pagination?.nextKey, offset: 0n, limit: 10n, countTotal: false, reverse: false } } as never) as QueryValidatorPowerSharesResponse;
    expect(next.validators.map((v) => v.operatorAddress)).toEqual([valoper(2), valoper(3), valoper(4)]);
    // round trip through the codec
    expect(QueryValidatorPowerSharesResponse.decode(QueryValidatorPowerSharesResponse.encode(res).finish())).toEqual(res);

    const small = network([10, 10]);
    const sctx: QueryContext = { height: small.height, chainId: "plume-test", store: (name) => small.ms.getStore(name) };
    const sres = capQueryHandlers(small.keeper)[1]?.handle(sctx, { pagination: undefined } as never) as QueryValidatorPowerSharesResponse;
    expect(sres.capBinding).toBe(false);
    expect(sres.validators.map((v) => v.headroom)).toEqual(["", ""]);
  });
});
