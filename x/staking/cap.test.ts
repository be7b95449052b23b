import { AppError } from "../../app/errors";
import { Dec, Int } from "../../app/math";
import type { QueryContext } from "../../app/module";
import { QueryValidatorPowerSharesResponse } from "../../proto/plume/staking/v1/query";
import { capBinds, capHeadroom, chooseBondedSet, exceedsCap, formatCapPercent, formatPercentUp, judgeIncomingStake, maxTokensToEnter, minValidatorsForCap, validateCapParams, type SetCandidate } from "./cap";
import { BOND_DENOM, GOV_AUTHORITY, Harness, addresses, delAddr, delegator, operator, valoper } from "./harness.fixture";
import { capAfterEndBlockInvariant, capAfterStakeInvariant, assertStakingInvariants } from "./invariants";
import { BondStatus } from "./validator";
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

  it("binds from ceil(1/cap) bonded validators, never when off", () => {
    expect([capBinds(D("0.3"), 3n), capBinds(D("0.3"), 4n), capBinds(D("0"), 100n), capBinds(D("1"), 100n)]).toEqual([false, true, false, false]);
  });

  it("measures a bonded validator against the bonded total, one outside the set against the total with itself added", () => {
    const cap = D("0.2");
    const bondedCase = { validatorTokens: 6_000_000n, validatorBonded: true, bondedTotal: 50_000_000n, amount: 5_000_000n, fromBondedSet: false };
    expect(judgeIncomingStake(cap, bondedCase)).toEqual({ exceeds: false, tokensAfter: 11_000_000n, totalAfter: 55_000_000n, headroom: 5_000_000n });
    expect(judgeIncomingStake(cap, { ...bondedCase, amount: 5_000_001n }).exceeds).toBe(true);
    // moved within the bonded set: the total stays 50M
    expect(judgeIncomingStake(cap, { ...bondedCase, amount: 4_000_000n, fromBondedSet: true })).toEqual({ exceeds: false, tokensAfter: 10_000_000n, totalAfter: 50_000_000n, headroom: 4_000_000n });
    // a new validator: 0 + x <= 0.3 * (40M + x) allows floor(12M / 0.7)
    const created = { validatorTokens: 0n, validatorBonded: false, bondedTotal: 40_000_000n, amount: 90_000_000n, fromBondedSet: false };
    expect(judgeIncomingStake(D("0.3"), created)).toEqual({ exceeds: true, tokensAfter: 90_000_000n, totalAfter: 130_000_000n, headroom: 17_142_857n });
    // a candidate receiving a redelegation from a bonded validator: measured against 50M + 1M
    const candidate = { validatorTokens: 1_000_000n, validatorBonded: false, bondedTotal: 50_000_000n, amount: 9_200_000n, fromBondedSet: true };
    expect(judgeIncomingStake(cap, candidate)).toEqual({ exceeds: false, tokensAfter: 10_200_000n, totalAfter: 51_000_000n, headroom: 9_200_000n });
    expect(maxTokensToEnter(cap, 47_000_000n)).toBe(11_750_000n);
  });

  it("chooses EndBlock's set: the SDK's when the cap does not bind; entrants above the cap kept out, largest first; the incumbents kept; never below ceil(1/cap)", () => {
    const list = (...c: [number, boolean][]) => (i: number): SetCandidate | undefined => {
      const e = c[i];
      return e === undefined ? undefined : { tokens: BigInt(e[0]), bonded: e[1] };
    };
    const cap = D("0.2");
    // an entrant of 30 among five incumbents of 10: 30 of 80
    const withBig = list([30, false], [10, true], [10, true], [10, true], [10, true], [10, true]);
    expect(chooseBondedSet(withBig, 100, cap, false)).toEqual({ chosen: [0, 1, 2, 3, 4, 5], keptOut: [] });
    expect(chooseBondedSet(withBig, 100, cap, true)).toEqual({ chosen: [1, 2, 3, 4, 5], keptOut: [0] });
    // an incumbent above the cap stays
    expect(chooseBondedSet(list([30, true], [10, true], [10, true], [10, true], [10, true]), 100, cap, true)).toEqual({ chosen: [0, 1, 2, 3, 4], keptOut: [] });
    // max 5: the entrant of 30 would displace the last incumbent; kept out, the incumbent stays
    expect(chooseBondedSet(withBig, 5, cap, true)).toEqual({ chosen: [1, 2, 3, 4, 5], keptOut: [0] });
    // two entrants: keeping out the larger makes the smaller one too large as well
    expect(chooseBondedSet(list([30, false], [14, false], [10, true], [10, true], [10, true], [10, true], [10, true]), 100, cap, true)).toEqual({
      chosen: [2, 3, 4, 5, 6],
      keptOut: [0, 1],
    });
    // never below ceil(1/0.2) = 5: without the entrant only 4 would be bonded
    expect(chooseBondedSet(list([30, false], [10, true], [10, true], [10, true], [10, true]), 100, cap, true)).toEqual({ chosen: [0, 1, 2, 3, 4], keptOut: [] });
    // reads only what it needs: with max 2 and no binding, candidates 0 and 1
    const reads: number[] = [];
    chooseBondedSet((i) => (reads.push(i), { tokens: 1n, bonded: true }), 2, cap, false);
    expect(reads).toEqual([0, 1]);
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

/** The consensus address of validator i. */
function consAddr(h: Harness, i: number): Uint8Array {
  const v = h.keeper.getValidator(h.ctx(), operator(i));
  if (v === undefined) throw new Error(`no validator ${i}`);
  return h.keeper.consAddress(v);
}

/** EndBlock, then the entry invariant against the set and the binding as they were before it. */
function endBlockChecked(h: Harness): ReturnType<Harness["endBlock"]> {
  const before = h.keeper.lastValidators(h.keeper.store(h.ctx())).map((v) => h.keeper.operatorBytes(v));
  const { binding } = h.keeper.capStatus(h.ctx());
  const end = h.endBlock();
  assertStakingInvariants(h.ctx(), h.keeper);
  const entry = capAfterEndBlockInvariant(h.ctx(), h.keeper, before, binding);
  expect(entry.message).toBe("");
  return end;
}

const statusOf = (h: Harness, i: number): BondStatus | undefined => h.keeper.getValidator(h.ctx(), operator(i))?.status;
const delegateMsg = (d: number, v: number, amount: bigint) => ({ delegatorAddress: delAddr(d), validatorAddress: valoper(v), amount: { denom: BOND_DENOM, amount: amount.toString() } });

describe("the cap governs every way stake reaches a validator", () => {
  it("refuses a MsgCreateValidator whose self-delegation would bond it above the cap (issue 12: 4 validators, cap 0.30), changing nothing", () => {
    const h = network([10, 10, 10, 10], "0.3");
    h.fund(operator(4), 90_000_000n);
    const before = h.snapshot();
    // 90M of 130M: the 69% that halted the chain.
    expectCapError(
      h.deliver(h.handlers.createValidator, h.createValidatorMsg(4, 90_000_000n)).error,
      `initial self-delegation of 90000000stake would give validator ${valoper(4)} 69.24% of bonded power once bonded, above the 30% cap; it can accept at most 17142857stake more`,
    );
    expect(h.snapshot()).toBe(before);
    expect(endBlockChecked(h).updates).toEqual([]);
    expect(h.keeper.getValidator(h.ctx(), operator(4))).toBeUndefined();
    // floor(0.3 * 40M / 0.7) = 17142857 is the largest self-delegation that fits; one more is refused.
    expect((h.deliver(h.handlers.createValidator, h.createValidatorMsg(4, 17_142_858n)).error as AppError).code).toBe(2);
    expect(h.deliver(h.handlers.createValidator, h.createValidatorMsg(4, 17_142_857n)).error).toBeUndefined();
    checkAfter(h, 4);
    expect(endBlockChecked(h).updates.map((u) => u.power)).toEqual([17n]);
    expect(statusOf(h, 4)).toBe(BondStatus.BOND_STATUS_BONDED);
    checkAfter(h, 4);
  });

  it("refuses a delegation to a validator outside the set that would put it above the cap once bonded; each message of a tx sees the ones before it", () => {
    const h = network([10, 10, 10, 10, 10]);
    h.createValidator(5, 1_000_000n); // a candidate: unbonded until the next EndBlock
    h.fund(delegator(0), 20_000_000n);
    // (1M + x) / (50M + 1M + x) <= 0.2 allows x <= 11.5M
    expectCapError(
      h.delegate(0, 5, 11_500_001n).error,
      `delegation of 11500001stake would give validator ${valoper(5)} 20.01% of bonded power once bonded, above the 20% cap; it can accept at most 11500000stake more`,
    );
    // Two messages of 6M in one tx: each fits alone, the second one does not fit after the first; the tx fails whole.
    const before = h.snapshot();
    const both = h.tx((ctx) => {
      h.handlers.delegate.handle(ctx, delegateMsg(0, 5, 6_000_000n));
      h.handlers.delegate.handle(ctx, delegateMsg(0, 5, 6_000_000n));
    });
    expectCapError(
      both.error,
      `delegation of 6000000stake would give validator ${valoper(5)} 20.64% of bonded power once bonded, above the 20% cap; it can accept at most 5500000stake more`,
    );
    expect(h.snapshot()).toBe(before);
    expect(h.delegate(0, 5, 11_500_000n).error).toBeUndefined();
    checkAfter(h, 5);
    endBlockChecked(h);
    expect(statusOf(h, 5)).toBe(BondStatus.BOND_STATUS_BONDED); // 12.5M of 62.5M: exactly the cap
    checkAfter(h, 5);
  });

  it("refuses a redelegation into a validator outside the set that would put it above the cap once bonded", () => {
    const h = network([6, 10, 10, 12, 12]);
    h.createValidator(5, 1_000_000n);
    // From a bonded source the moved tokens leave the bonded total: 1M + x <= 0.2 * (50M + 1M) allows x <= 9.2M.
    expectCapError(
      h.redelegate(operator(3), 3, 5, 9_200_001n).error,
      `redelegation of 9200001stake would give validator ${valoper(5)} 20.01% of bonded power once bonded, above the 20% cap; it can accept at most 9200000stake more`,
    );
    expect(h.redelegate(operator(3), 3, 5, 9_200_000n).error).toBeUndefined();
    checkAfter(h, 5);
    endBlockChecked(h);
    expect(statusOf(h, 5)).toBe(BondStatus.BOND_STATUS_BONDED);
    checkAfter(h, 5);
  });

  it("refuses a cancelled unbonding at a validator outside the set that would put it above the cap once bonded", () => {
    const h = network([10, 10, 10, 10, 10, 9], "0.2", 5); // validator 5 (9M) is outside the set of 5
    expect(statusOf(h, 5)).toBe(BondStatus.BOND_STATUS_UNBONDED);
    expect(h.undelegate(operator(5), 5, 4_000_000n).error).toBeUndefined(); // 5M left
    for (const i of [0, 1, 2]) expect(h.undelegate(operator(i), i, 5_000_000n).error).toBeUndefined(); // bonded total 35M
    const cancel = (amount: bigint) =>
      h.deliver(h.handlers.cancelUnbondingDelegation, {
        delegatorAddress: addresses.encodeAccount(operator(5)),
        validatorAddress: valoper(5),
        amount: { denom: BOND_DENOM, amount: amount.toString() },
        creationHeight: h.height,
      });
    // (5M + x) / (35M + 5M + x) <= 0.2 allows x <= 3.75M
    expectCapError(
      cancel(4_000_000n).error,
      `cancelled unbonding of 4000000stake would give validator ${valoper(5)} 20.46% of bonded power once bonded, above the 20% cap; it can accept at most 3750000stake more`,
    );
    expect(cancel(3_750_000n).error).toBeUndefined();
    checkAfter(h, 5);
  });

  it("goes through Delegate, the one entry point any future add-stake path (compounding, restaking) must use", () => {
    const h = network([10, 10, 10, 10, 10]);
    h.createValidator(5, 1_000_000n);
    h.fund(delegator(0), 20_000_000n);
    const v5 = h.keeper.requireValidator(h.ctx(), operator(5));
    const r = h.tx((ctx) => h.keeper.delegate(ctx, delegator(0), Int.from(11_500_001n), BondStatus.BOND_STATUS_UNBONDED, v5, true));
    expect((r.error as AppError).code).toBe(2);
  });

  it("refuses to unjail a validator whose return would put it above the cap; it can once it fits", () => {
    const h = network([12, 10, 10, 10, 10, 10]); // 12M of 62M: 19.35%
    h.must((ctx) => h.keeper.jail(ctx, consAddr(h, 0)));
    h.nextBlock();
    expect(statusOf(h, 0)).toBe(BondStatus.BOND_STATUS_UNBONDING); // 5 bonded validators: the cap still binds
    expect(h.undelegate(operator(1), 1, 3_000_000n).error).toBeUndefined(); // the others: 47M
    const before = h.snapshot();
    // 12M / 59M = 20.34%; floor(0.2 * 47M / 0.8) = 11.75M can re-enter
    expectCapError(
      h.tx((ctx) => h.keeper.unjail(ctx, consAddr(h, 0))).error,
      `unjailing validator ${valoper(0)} would bring it back with 20.34% of bonded power, above the 20% cap; it can re-enter with at most 11750000stake (it holds 12000000stake)`,
    );
    expect(h.snapshot()).toBe(before);
    expect(h.undelegate(operator(0), 0, 250_000n).error).toBeUndefined();
    expect(h.tx((ctx) => h.keeper.unjail(ctx, consAddr(h, 0))).error).toBeUndefined();
    endBlockChecked(h);
    expect(statusOf(h, 0)).toBe(BondStatus.BOND_STATUS_BONDED); // 11.75M of 58.75M: exactly 20%
    checkAfter(h, 0);
  });

  it("keeps out of the set, at EndBlock, a validator that fitted when its stake came but would enter above the cap because the others shrank", () => {
    const h = network([10, 10, 10, 10, 10, 10]);
    h.createValidator(6, 15_000_000n); // 15M of 75M once bonded: exactly 20%
    expect(h.undelegate(operator(0), 0, 5_000_000n).error).toBeUndefined(); // the same block: the others hold 55M
    const { updates } = endBlockChecked(h); // 15M of 70M would be 21.4%
    expect(updates.length).toBe(1); // validator 0's new power only
    expect(statusOf(h, 6)).toBe(BondStatus.BOND_STATUS_UNBONDED);
    expect(h.bondedPool()).toBe(55_000_000n);
    assertStakingInvariants(h.ctx(), h.keeper);
    // It stays a candidate and enters by itself once it fits: the others grow back to 60M.
    for (const i of [1, 2, 3, 4, 5]) {
      h.fund(delegator(i), 1_000_000n);
      expect(h.delegate(i, i, 1_000_000n).error).toBeUndefined();
    }
    endBlockChecked(h); // 15M of 75M: exactly the cap
    expect(statusOf(h, 6)).toBe(BondStatus.BOND_STATUS_BONDED);
    checkAfter(h, 6);
  });

  it("keeps out a validator that would displace another and enter above the cap; the one it would displace stays", () => {
    const h = network([10, 10, 10, 10, 8], "0.2", 5);
    h.createValidator(5, 7_000_000n); // below the smallest bonded validator: stays outside
    expect(endBlockChecked(h).updates).toEqual([]);
    h.fund(delegator(0), 4_000_000n);
    expect(h.delegate(0, 5, 4_000_000n).error).toBeUndefined(); // 11M of 48M + 11M once bonded: 18.6%
    // Entering would displace validator 4 (8M): 11M of 51M is 21.6%, so it is kept out.
    expect(endBlockChecked(h).updates).toEqual([]);
    expect([statusOf(h, 4), statusOf(h, 5)]).toEqual([BondStatus.BOND_STATUS_BONDED, BondStatus.BOND_STATUS_UNBONDED]);
    assertStakingInvariants(h.ctx(), h.keeper);
    // With 10M it fits (10M of 50M) and enters in validator 4's place.
    expect(h.undelegate(delegator(0), 5, 1_000_000n).error).toBeUndefined();
    endBlockChecked(h);
    expect([statusOf(h, 4), statusOf(h, 5)]).toEqual([BondStatus.BOND_STATUS_UNBONDING, BondStatus.BOND_STATUS_BONDED]);
    assertStakingInvariants(h.ctx(), h.keeper);
  });

  it("never keeps a validator out if that would leave fewer than ceil(1/cap) validators bonded", () => {
    const h = network([10, 10, 10, 10, 10]);
    h.createValidator(5, 12_500_000n); // 12.5M of 62.5M: exactly 20%
    h.must((ctx) => h.keeper.jail(ctx, consAddr(h, 0))); // leaves at this EndBlock
    endBlockChecked(h); // 12.5M of 52.5M (23.8%), but without it only 4 would be bonded
    expect(statusOf(h, 5)).toBe(BondStatus.BOND_STATUS_BONDED);
    expect(h.keeper.countBondedValidators(h.ctx(), 10n)).toBe(5n);
  });

  it("does not bind in a young network (fewer than ceil(1/cap) bonded validators): the documented exception", () => {
    const h = network([10, 10, 10], "0.3");
    h.fund(operator(3), 90_000_000n);
    expect(h.deliver(h.handlers.createValidator, h.createValidatorMsg(3, 90_000_000n)).error).toBeUndefined();
    endBlockChecked(h);
    expect(statusOf(h, 3)).toBe(BondStatus.BOND_STATUS_BONDED);
  });
});
