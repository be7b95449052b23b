import { BondStatus } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { AppError } from "../../app/errors";
import { Dec } from "../../app/math";
import { consensusKey, delegator, operator } from "../staking/harness.fixture";
import { consensusAddressOfAny } from "../staking/pubkey";
import { RestakingHarness, GOV_AUTHORITY } from "./harness.fixture";
import { HELD_BACK_BY_CAP, HELD_BACK_NO_TOKENS } from "./keeper";

const STAKE = 1_000_000_000n;
const A = delegator(1);
const B = delegator(2);
const C = delegator(3);
const V0 = operator(0);

function codeOf(err: unknown): string {
  if (err instanceof AppError) return `${err.codespace}/${err.code}`;
  throw err;
}

/** Validator 0 (10x STAKE), bonded; A and B each delegate STAKE to it. Height 2 afterwards. */
function setup(options: { compoundInterval?: bigint } = {}): RestakingHarness {
  const h = new RestakingHarness(options);
  h.staking.createValidator(0, 10n * STAKE);
  for (const d of [A, B, C]) h.staking.fund(d, 2n * STAKE);
  for (const d of [1, 2]) expect(h.staking.delegate(d, 0, STAKE).error).toBeUndefined();
  h.nextBlock();
  h.assertInvariants();
  return h;
}

function join(h: RestakingHarness, d: Uint8Array, enabled = true): unknown {
  return h.staking.tx((ctx) => h.keeper.setAutoCompound(ctx, d, V0, enabled)).error;
}

describe("joining a pool", () => {
  it("moves the whole delegation into the pool for one unit per share, paying the delegator's pending rewards out", () => {
    const h = setup();
    h.accrue("0.001");
    const before = h.staking.balance(A);
    expect(join(h, A)).toBeUndefined();
    expect(h.staking.balance(A) - before).toBe(1_000_000n);
    expect(h.ownShares(A, V0).isZero()).toBe(true);
    const store = h.keeper.store(h.ctx());
    expect(h.keeper.member(store, A, V0)?.units).toBe(Dec.fromInt(STAKE).toProto());
    expect(h.keeper.pool(store, V0)?.totalUnits).toBe(Dec.fromInt(STAKE).toProto());
    expect(h.keeper.poolShares(h.ctx(), V0).equal(Dec.fromInt(STAKE))).toBe(true);
    expect(h.validatorTokens(V0)).toBe(12n * STAKE);
    h.assertInvariants();
  });

  it("refuses, with no state change: no delegation, the operator's self-delegation, an unknown validator, leaving when not a member", () => {
    const h = setup();
    const snapshot = h.snapshot();
    expect(codeOf(join(h, C))).toBe("restaking/3");
    expect(codeOf(h.staking.tx((ctx) => h.keeper.setAutoCompound(ctx, V0, V0, true)).error)).toBe("restaking/4");
    expect(codeOf(h.staking.tx((ctx) => h.keeper.setAutoCompound(ctx, A, operator(7), true)).error)).toBe("restaking/2");
    expect(codeOf(join(h, A, false))).toBe("restaking/6");
    expect(h.snapshot()).toBe(snapshot);
  });

  it("enabling again adds what was delegated since; with nothing new it is a no-op", () => {
    const h = setup();
    expect(join(h, A)).toBeUndefined();
    const snapshot = h.snapshot();
    expect(join(h, A)).toBeUndefined();
    expect(h.snapshot()).toBe(snapshot);
    expect(h.staking.delegate(1, 0, STAKE / 2n).error).toBeUndefined();
    expect(join(h, A)).toBeUndefined();
    expect(h.memberStake(A, V0)).toBe(STAKE + STAKE / 2n);
    expect(h.ownShares(A, V0).isZero()).toBe(true);
    h.assertInvariants();
  });
});

describe("compounding", () => {
  it("every interval, the opted-in delegation grows by exactly its rewards; the other's pending equals the first interval's gain", () => {
    const h = setup({ compoundInterval: 10n });
    expect(join(h, A)).toBeUndefined();
    // Blocks 3..10, each with 0.1% of rewards accrued on every delegation.
    const events = h.runTo(10n, "0.001");
    h.assertInvariants();
    const gained = 8n * 1_000_000n;
    expect(h.memberStake(A, V0)).toBe(STAKE + gained);
    expect(h.delegationTokens(B, V0)).toBe(STAKE);
    expect(h.distribution.pending(h.ctx(), B, V0)).toBe(gained);
    expect(h.validatorTokens(V0)).toBe(12n * STAKE + gained);
    const compound = events.filter((e) => e.type === "restaking_compound");
    expect(compound).toHaveLength(1);
    expect(Object.fromEntries(compound[0]?.attributes.map((a) => [a.key, a.value]) ?? [])).toEqual({
      validator: h.staking.keeper.addresses.encodeValidator(V0),
      rewards: `${gained}stake`,
      compounded: `${gained}stake`,
      held_back: "",
      new_tokens: (12n * STAKE + gained).toString(),
    });
    expect(h.keeper.lastCompoundHeight(h.keeper.store(h.ctx()))).toBe(10n);

    // The next interval compounds on the grown stake: 0.1% of 1,008,000,000 for 10 blocks.
    h.runTo(20n, "0.001");
    expect(h.memberStake(A, V0)).toBe(STAKE + gained + 10n * 1_008_000n);
    expect(h.distribution.pending(h.ctx(), B, V0)).toBe(gained + 10_000_000n);
    h.assertInvariants();
  });

  it("prices a later joiner at the grown rate (truncated, in the pool's favour)", () => {
    const h = setup({ compoundInterval: 10n });
    expect(join(h, A)).toBeUndefined();
    h.runTo(10n, "0.001");
    expect(h.staking.delegate(3, 0, STAKE).error).toBeUndefined();
    expect(join(h, C)).toBeUndefined();
    const store = h.keeper.store(h.ctx());
    // 1e9 tokens * 1e9 units / 1.008e9 tokens, truncated at 18 decimals.
    expect(Dec.fromProto(h.keeper.member(store, C, V0)?.units ?? "0").toString()).toBe("992063492.063492063492063492");
    expect(h.memberStake(C, V0)).toBe(STAKE - 1n);
    expect(h.memberStake(A, V0)).toBe(STAKE + 8_000_000n);
    h.assertInvariants();
  });

  it("touches no member: the cost of a compounding block is the same with 1 or 40 members", () => {
    const count = (members: number): number => {
      const h = new RestakingHarness({ compoundInterval: 10n });
      h.staking.createValidator(0, 10n * STAKE);
      for (let i = 0; i < members; i++) {
        const d = delegator(10 + i);
        h.staking.fund(d, STAKE);
        expect(h.staking.deliver(h.staking.handlers.delegate, { delegatorAddress: h.staking.keeper.addresses.encodeAccount(d), validatorAddress: h.staking.keeper.addresses.encodeValidator(V0), amount: { denom: "stake", amount: STAKE.toString() } }).error).toBeUndefined();
        expect(h.staking.tx((ctx) => h.keeper.setAutoCompound(ctx, d, V0, true)).error).toBeUndefined();
      }
      h.runTo(9n, "0.001");
      const before = h.snapshot().split("\n");
      h.nextBlock();
      const after = new Set(h.snapshot().split("\n"));
      return before.filter((line) => !after.has(line)).length;
    };
    const one = count(1);
    expect(one).toBeGreaterThan(0);
    expect(count(40)).toBe(one);
  });
});

describe("leaving", () => {
  it("gives the last member every share back as its own delegation, and the pool disappears", () => {
    const h = setup({ compoundInterval: 10n });
    expect(join(h, A)).toBeUndefined();
    h.runTo(10n, "0.001");
    expect(join(h, A, false)).toBeUndefined();
    expect(h.delegationTokens(A, V0)).toBe(STAKE + 8_000_000n);
    const store = h.keeper.store(h.ctx());
    expect(h.keeper.pool(store, V0)).toBeUndefined();
    expect(h.keeper.member(store, A, V0)).toBeUndefined();
    expect(h.poolDelegations()).toEqual([]);
    h.assertInvariants();
  });

  it("compounds first, so a member leaving between intervals takes its pending rewards as stake", () => {
    const h = setup({ compoundInterval: 10n });
    expect(join(h, A)).toBeUndefined();
    h.runTo(5n, "0.001");
    h.accrue("0.001");
    expect(join(h, A, false)).toBeUndefined();
    expect(h.delegationTokens(A, V0)).toBe(STAKE + 4_000_000n);
    h.assertInvariants();
  });

  it("a partial exit (the MsgUndelegate seam) burns units rounded up and leaves the rest compounding", () => {
    const h = setup({ compoundInterval: 10n });
    expect(join(h, A)).toBeUndefined();
    expect(join(h, B)).toBeUndefined();
    h.runTo(10n, "0.001");
    const burned = h.staking.must((ctx) => h.keeper.withdrawFromPool(ctx, A, V0, Dec.fromInt(STAKE / 4n)));
    expect(h.ownShares(A, V0).equal(Dec.fromInt(STAKE / 4n))).toBe(true);
    // 2.5e8 shares of 2.016e9 for 2e9 units: ceil at 18 decimals.
    expect(burned.toString()).toBe("248015873.015873015873015874");
    expect(h.memberStake(A, V0) + STAKE / 4n).toBe(STAKE + 8_000_000n - 1n);
    expect(codeOf(h.staking.tx((ctx) => h.keeper.withdrawFromPool(ctx, A, V0, Dec.fromInt(STAKE))).error)).toBe("restaking/8");
    h.assertInvariants();
  });
});

describe("slashing", () => {
  it("cuts an opted-in and an opted-out delegation by the same fraction", () => {
    const h = setup({ compoundInterval: 10n });
    expect(join(h, A)).toBeUndefined();
    const power = h.validatorTokens(V0) / 1_000_000n;
    h.staking.must((ctx) => h.staking.keeper.slash(ctx, consensusAddressOfAny(consensusKey(0)), ctx.height, power, Dec.fromString("0.1")));
    expect(h.memberStake(A, V0)).toBe(900_000_000n);
    expect(h.delegationTokens(B, V0)).toBe(900_000_000n);
    h.assertInvariants();
  });
});

describe("validators that leave the set or lose everything", () => {
  it("keeps compounding into a jailed validator's pool (the not-bonded pool), as a delegation would", () => {
    const h = setup({ compoundInterval: 10n });
    h.staking.createValidator(1, 10n * STAKE);
    expect(join(h, A)).toBeUndefined();
    h.nextBlock();
    h.staking.must((ctx) => h.staking.keeper.jail(ctx, consensusAddressOfAny(consensusKey(0))));
    h.runTo(10n, "0.001");
    expect(h.staking.keeper.getValidator(h.ctx(), V0)?.jailed).toBe(true);
    const v = h.staking.keeper.getValidator(h.ctx(), V0);
    expect(v?.jailed).toBe(true);
    expect(v?.status).toBe(BondStatus.BOND_STATUS_UNBONDING);
    expect(h.keeper.pool(h.keeper.store(h.ctx()), V0)?.lastCompounded).toBe("7000000");
    expect(h.memberStake(A, V0)).toBe(STAKE + 7_000_000n);
    h.assertInvariants();
  });

  it("a validator slashed to nothing: its pool keeps the rewards idle, the others compound, members can still leave", () => {
    const h = setup({ compoundInterval: 10n });
    h.staking.createValidator(1, 10n * STAKE);
    h.staking.fund(C, STAKE);
    expect(h.staking.deliver(h.staking.handlers.delegate, { delegatorAddress: h.staking.keeper.addresses.encodeAccount(C), validatorAddress: h.staking.keeper.addresses.encodeValidator(operator(1)), amount: { denom: "stake", amount: STAKE.toString() } }).error).toBeUndefined();
    expect(join(h, A)).toBeUndefined();
    expect(h.staking.tx((ctx) => h.keeper.setAutoCompound(ctx, C, operator(1), true)).error).toBeUndefined();
    h.accrue("0.001");
    // Validator 0 slashed of everything: tokens 0, shares left, delegations refused.
    const power = h.validatorTokens(V0) / 1_000_000n;
    h.staking.must((ctx) => h.staking.keeper.slash(ctx, consensusAddressOfAny(consensusKey(0)), ctx.height, power, Dec.one()));
    expect(h.validatorTokens(V0)).toBe(0n);
    const events = h.runTo(10n, "0.001");
    expect(events.filter((e) => e.type === "restaking_compound")).toHaveLength(2);
    expect(h.memberStake(C, operator(1))).toBe(STAKE + 9_000_000n);
    const pool = h.keeper.pool(h.keeper.store(h.ctx()), V0);
    // Only the block before the slash earned anything on validator 0.
    expect([pool?.lastCompounded, pool?.lastHeldBack, pool?.heldBackReason]).toEqual(["0", "1000000", HELD_BACK_NO_TOKENS]);
    h.assertInvariants();
    // B's delegation is worth nothing: no unit for it.
    expect(codeOf(join(h, B))).toBe("restaking/8");
    const before = h.staking.balance(A);
    expect(join(h, A, false)).toBeUndefined();
    expect(h.staking.balance(A) - before).toBe(1_000_000n);
    h.assertInvariants();
  });
});

describe("the decentralization cap", () => {
  it("compounds up to the cap's headroom and keeps the rest idle, which the leaving member receives", () => {
    const h = setup({ compoundInterval: 10n });
    h.staking.createValidator(1, 14n * STAKE);
    h.nextBlock();
    expect(join(h, A)).toBeUndefined();
    // Validator 0 holds 12e9 of 26e9 bonded; with a 0.5 cap its headroom is (13e9 - 12e9) / 0.5 = 2e9.
    h.staking.must((ctx) => h.staking.keeper.setCapParams(ctx, { maxValidatorPowerShare: Dec.fromString("0.5").toProto() }));
    h.runTo(10n, "0.4");
    const store = h.keeper.store(h.ctx());
    const pool = h.keeper.pool(store, V0);
    // 7 blocks of 0.4 * 1e9 = 2.8e9 of rewards: 2e9 compounded, 0.8e9 held back.
    expect(pool?.lastCompounded).toBe("2000000000");
    expect(pool?.lastHeldBack).toBe("800000000");
    expect(pool?.heldBackReason).toBe(HELD_BACK_BY_CAP);
    expect(pool?.idle).toEqual([{ denom: "stake", amount: "800000000" }]);
    expect(h.validatorTokens(V0)).toBe(14n * STAKE);
    h.assertInvariants();

    const before = h.staking.balance(A);
    expect(join(h, A, false)).toBeUndefined();
    expect(h.staking.balance(A) - before).toBe(800_000_000n);
    expect(h.delegationTokens(A, V0)).toBe(3n * STAKE);
    h.assertInvariants();
  });
});

describe("coins sent to the module account by others", () => {
  it("belong to no pool: compounding and leaving ignore them", () => {
    const h = setup({ compoundInterval: 10n });
    expect(join(h, A)).toBeUndefined();
    h.staking.fund(h.poolAddress, 5_000n);
    h.runTo(10n, "0.001");
    expect(h.keeper.pool(h.keeper.store(h.ctx()), V0)?.lastCompounded).toBe("8000000");
    h.assertInvariants();
    const before = h.staking.balance(A);
    expect(join(h, A, false)).toBeUndefined();
    expect(h.staking.balance(A)).toBe(before);
    expect(h.staking.balance(h.poolAddress)).toBe(5_000n);
    h.assertInvariants();
  });
});

describe("params", () => {
  it("only the authority may change them, and the interval must be positive", () => {
    const h = setup();
    expect(codeOf(h.staking.tx((ctx) => h.keeper.updateParams(ctx, "plume1someone", { compoundInterval: 5n })).error)).toBe("gov/13");
    expect(codeOf(h.staking.tx((ctx) => h.keeper.updateParams(ctx, GOV_AUTHORITY, { compoundInterval: 0n })).error)).toBe("restaking/7");
    h.staking.must((ctx) => h.keeper.updateParams(ctx, GOV_AUTHORITY, { compoundInterval: 5n }));
    expect(h.keeper.params(h.keeper.store(h.ctx())).compoundInterval).toBe(5n);
  });
});
