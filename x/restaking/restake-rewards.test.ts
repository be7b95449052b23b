import { AppError } from "../../app/errors";
import { Dec } from "../../app/math";
import { delegator, operator } from "../staking/harness.fixture";
import { RestakingHarness } from "./harness.fixture";

const STAKE = 1_000_000_000n;
const A = delegator(1);

function codeOf(err: unknown): string {
  if (err instanceof AppError) return `${err.codespace}/${err.code}`;
  throw err;
}

/** Validators 0, 1, 2 (10x, 10x, 11x STAKE), bonded; A delegates STAKE to 0 and 2 STAKE to 1. */
function setup(): RestakingHarness {
  const h = new RestakingHarness({ compoundInterval: 1000n });
  h.staking.createValidator(0, 10n * STAKE);
  h.staking.createValidator(1, 10n * STAKE);
  h.staking.createValidator(2, 11n * STAKE);
  h.staking.fund(A, 3n * STAKE);
  expect(h.staking.delegate(1, 0, STAKE).error).toBeUndefined();
  expect(h.staking.delegate(1, 1, 2n * STAKE).error).toBeUndefined();
  h.nextBlock();
  return h;
}

const restake = (h: RestakingHarness, v: number): unknown => h.staking.tx((ctx) => h.keeper.restakeRewards(ctx, A, operator(v))).error;

describe("MsgRestakeRewards (Plume's restakeRewards())", () => {
  it("moves all rewards from two validators into a third, exactly", () => {
    const h = setup();
    h.accrue("0.01");
    const balance = h.staking.balance(A);
    const r = h.staking.tx((ctx) => h.keeper.restakeRewards(ctx, A, operator(2)));
    expect(r.error).toBeUndefined();
    expect(r.result?.toString()).toBe("30000000stake");
    expect(h.delegationTokens(A, operator(2))).toBe(30_000_000n);
    expect(h.staking.balance(A)).toBe(balance);
    expect(h.distribution.pending(h.ctx(), A, operator(0))).toBe(0n);
    expect(h.distribution.pending(h.ctx(), A, operator(1))).toBe(0n);
    const e = r.events.find((x) => x.type === "restaking_restake");
    expect(Object.fromEntries(e?.attributes.map((a) => [a.key, a.value]) ?? [])).toMatchObject({ withdrawn: "30000000stake", delegations: "2", amount: "30000000stake" });
  });

  it("refuses with nothing pending, with no state change", () => {
    const h = setup();
    const snapshot = h.snapshot();
    expect(codeOf(restake(h, 2))).toBe("restaking/9");
    expect(h.snapshot()).toBe(snapshot);
  });

  it("refuses a target at the cap (staking's cap error) and rewards paid elsewhere", () => {
    const h = setup();
    h.accrue("0.01");
    // Validator 1 holds 12e9 of 34e9 bonded (35%): a 34% cap (binding with 3 validators) leaves it no room.
    h.staking.must((ctx) => h.staking.keeper.setCapParams(ctx, { maxValidatorPowerShare: Dec.fromString("0.34").toProto() }));
    const snapshot = h.snapshot();
    expect(codeOf(restake(h, 1))).toBe("plume-staking/2");
    h.distribution.withdrawAddresses.set(Buffer.from(A).toString("hex"), delegator(9));
    expect(codeOf(restake(h, 2))).toBe("restaking/10");
    expect(h.snapshot()).toBe(snapshot);
  });

  it("puts the restaked stake into the target's pool when the delegator compounds there", () => {
    const h = setup();
    expect(h.staking.tx((ctx) => h.keeper.setAutoCompound(ctx, A, operator(0), true)).error).toBeUndefined();
    h.accrue("0.01");
    expect(restake(h, 0)).toBeUndefined();
    expect(h.ownShares(A, operator(0)).isZero()).toBe(true);
    // The pool's own 1% compounded as the join ran, then the 2% restaked from validator 1 joined it.
    expect(h.memberStake(A, operator(0))).toBe(STAKE + 10_000_000n + 20_000_000n);
    h.assertInvariants();
  });
});
