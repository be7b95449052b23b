/**
 * Issue 10 item 3: a wallet that knows nothing about restaking sees an opted-in delegator's stake,
 * compounded part included, through the standard staking queries, and its standard MsgUndelegate
 * and MsgBeginRedelegate work on it with the SDK's codes (x/staking's pooled-stake seam).
 */
import * as Q from "cosmjs-types/cosmos/staking/v1beta1/query";
import { AppError } from "../../app/errors";
import type { QueryContext } from "../../app/module";
import { QueryRouter } from "../../app/query-router";
import { delegator, operator } from "../staking/harness.fixture";
import { registerStakingQueryServer } from "../staking/query-server";
import { RestakingHarness } from "./harness.fixture";
import { pooledStakeQuerier } from "./pooled-stake";

const STAKE = 1_000_000_000n;
const A = delegator(1);
const B = delegator(2);
const V0 = operator(0);
const DAY = 86_400n;

function codeOf(err: unknown): string {
  if (err instanceof AppError) return `${err.codespace}/${err.code}`;
  throw err;
}

/** Validator 0 (10x STAKE) with A (opted in) and B (not), STAKE each; one interval compounded at 0.1% a block: A holds STAKE + 8e6. */
function setup(): RestakingHarness {
  const h = new RestakingHarness({ compoundInterval: 10n });
  h.staking.createValidator(0, 10n * STAKE);
  h.staking.createValidator(1, 10n * STAKE);
  for (const d of [1, 2]) {
    h.staking.fund(delegator(d), STAKE);
    expect(h.staking.delegate(d, 0, STAKE).error).toBeUndefined();
  }
  h.nextBlock();
  expect(h.staking.tx((ctx) => h.keeper.setAutoCompound(ctx, A, V0, true)).error).toBeUndefined();
  h.runTo(10n, "0.001");
  expect(h.memberStake(A, V0)).toBe(STAKE + 8_000_000n);
  return h;
}

function queries(h: RestakingHarness): <Req, Res>(method: string, req: { encode(m: Req): { finish(): Uint8Array }; fromPartial(o: never): Req }, res: { decode(b: Uint8Array): Res }, partial: unknown) => Res {
  const router = new QueryRouter();
  const k = h.staking.keeper;
  registerStakingQueryServer(
    { registerMsg: () => undefined, registerQuery: (d: never) => router.register(d) },
    { reader: k, bank: h.staking.bank, bondedPoolAddress: k.bondedPoolAddress, notBondedPoolAddress: k.notBondedPoolAddress, pooled: pooledStakeQuerier(h.keeper, h.stakingQuerier()) },
  );
  return (method, req, res, partial) => {
    const ctx: QueryContext = h.queryContext();
    return res.decode(router.queryBytes(`/cosmos.staking.v1beta1.Query/${method}`, ctx, req.encode(req.fromPartial(partial as never)).finish()));
  };
}

describe("standard staking queries show pooled stake as the delegator's own", () => {
  const h = setup();
  const query = queries(h);
  const a = h.staking.keeper.addresses;

  it("Delegation: A's balance includes what compounded; B's is its own", () => {
    const ra = query("Delegation", Q.QueryDelegationRequest, Q.QueryDelegationResponse, { delegatorAddr: a.encodeAccount(A), validatorAddr: a.encodeValidator(V0) });
    expect(ra.delegationResponse?.balance).toEqual({ denom: "stake", amount: (STAKE + 8_000_000n).toString() });
    const rb = query("Delegation", Q.QueryDelegationRequest, Q.QueryDelegationResponse, { delegatorAddr: a.encodeAccount(B), validatorAddr: a.encodeValidator(V0) });
    expect(rb.delegationResponse?.balance?.amount).toBe(STAKE.toString());
  });

  it("DelegatorDelegations lists the pooled delegation; ValidatorDelegations lists members, not the pool account", () => {
    const rd = query("DelegatorDelegations", Q.QueryDelegatorDelegationsRequest, Q.QueryDelegatorDelegationsResponse, { delegatorAddr: a.encodeAccount(A) });
    expect(rd.delegationResponses.map((d) => [d.delegation.validatorAddress, d.balance.amount])).toEqual([[a.encodeValidator(V0), (STAKE + 8_000_000n).toString()]]);
    const rv = query("ValidatorDelegations", Q.QueryValidatorDelegationsRequest, Q.QueryValidatorDelegationsResponse, { validatorAddr: a.encodeValidator(V0) });
    const listed = rv.delegationResponses.map((d) => d.delegation.delegatorAddress);
    expect(listed).toEqual([a.encodeAccount(operator(0)), a.encodeAccount(A), a.encodeAccount(B)].sort((x, y) => Buffer.compare(a.decodeAccount(x), a.decodeAccount(y))));
    expect(listed).not.toContain(a.encodeAccount(h.poolAddress));
    // Every token of the validator is listed once.
    expect(rv.delegationResponses.reduce((sum, d) => sum + BigInt(d.balance.amount), 0n)).toBe(h.validatorTokens(V0));
  });
});

describe("standard MsgUndelegate and MsgBeginRedelegate on pooled stake", () => {
  it("undelegates part of the compounding stake: exactly the amount after the unbonding time, the rest keeps compounding", () => {
    const h = setup();
    const before = h.staking.balance(A);
    expect(h.staking.undelegate(A, 0, 300_000_000n).error).toBeUndefined();
    expect(h.staking.keeper.getUnbondingDelegation(h.ctx(), A, V0)?.entries.map((e) => e.balance)).toEqual(["300000000"]);
    expect(h.keeper.member(h.keeper.store(h.ctx()), A, V0)).toBeDefined();
    expect(h.memberStake(A, V0) + h.delegationTokens(A, V0)).toBe(STAKE + 8_000_000n - 300_000_000n);
    h.assertInvariants();
    h.staking.nextBlock(21n * DAY + 1n);
    h.staking.nextBlock();
    expect(h.staking.balance(A) - before).toBe(300_000_000n);
    h.assertInvariants();
  });

  it("undelegating everything ends the membership; more than the stake is the SDK's refusal, with no state change", () => {
    const h = setup();
    const snapshot = h.snapshot();
    expect(codeOf(h.staking.undelegate(A, 0, STAKE + 8_000_001n).error)).toBe("sdk/18");
    expect(h.snapshot()).toBe(snapshot);
    expect(h.staking.undelegate(A, 0, STAKE + 8_000_000n).error).toBeUndefined();
    expect(h.keeper.member(h.keeper.store(h.ctx()), A, V0)).toBeUndefined();
    expect(h.keeper.pool(h.keeper.store(h.ctx()), V0)).toBeUndefined();
    h.assertInvariants();
  });

  it("redelegates pooled stake to another validator", () => {
    const h = setup();
    expect(h.staking.redelegate(A, 0, 1, 500_000_000n).error).toBeUndefined();
    expect(h.delegationTokens(A, operator(1))).toBe(500_000_000n);
    expect(h.memberStake(A, V0) + h.delegationTokens(A, V0)).toBe(STAKE + 8_000_000n - 500_000_000n);
    h.assertInvariants();
  });

  it("takes from the pool only what the own delegation does not cover", () => {
    const h = setup();
    h.staking.fund(A, 100_000_000n);
    expect(h.staking.delegate(1, 0, 100_000_000n).error).toBeUndefined();
    const units = h.keeper.member(h.keeper.store(h.ctx()), A, V0)?.units;
    expect(h.staking.undelegate(A, 0, 100_000_000n).error).toBeUndefined();
    expect(h.keeper.member(h.keeper.store(h.ctx()), A, V0)?.units).toBe(units);
    expect(h.ownShares(A, V0).isZero()).toBe(true);
  });
});
