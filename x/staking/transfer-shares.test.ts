import { AppError } from "../../app/errors";
import { BondStatus } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { Dec, Int } from "../../app/math";
import { Harness, delegator, operator } from "./harness.fixture";
import { StakingHooksRegistry } from "./hooks";

const STAKE = 1_000_000_000n;

function codeOf(err: unknown): string {
  if (err instanceof AppError) return `${err.codespace}/${err.code}`;
  throw err;
}

describe("transferDelegationShares (x/restaking's join and leave)", () => {
  function setup(): { h: Harness; log: string[] } {
    const log: string[] = [];
    const hooks = new StakingHooksRegistry();
    const rec = (name: string) => (_ctx: unknown, d: Uint8Array) => void log.push(`${name}:${d[0]?.toString(16) ?? ""}`);
    hooks.register("distribution", {
      beforeDelegationCreated: rec("created"),
      beforeDelegationSharesModified: rec("modified"),
      beforeDelegationRemoved: rec("removed"),
      afterDelegationModified: rec("after"),
    });
    const h = new Harness({ cap: "0", hooks });
    h.createValidator(0, 10n * STAKE);
    h.fund(delegator(1), STAKE);
    expect(h.delegate(1, 0, STAKE).error).toBeUndefined();
    h.nextBlock();
    log.length = 0;
    return { h, log };
  }

  it("moves shares between delegations without touching the validator, with the SDK's hooks", () => {
    const { h, log } = setup();
    const before = h.keeper.getValidator(h.ctx(), operator(0));
    const bonded = h.bondedPool();
    h.must((ctx) => h.keeper.transferDelegationShares(ctx, delegator(1), delegator(2), operator(0), Dec.fromInt(STAKE / 4n)));
    expect(log).toEqual(["modified:81", "after:81", "created:82", "after:82"]);
    expect(h.keeper.getDelegation(h.ctx(), delegator(1), operator(0))?.shares).toBe(Dec.fromInt((3n * STAKE) / 4n).toProto());
    expect(h.keeper.getDelegation(h.ctx(), delegator(2), operator(0))?.shares).toBe(Dec.fromInt(STAKE / 4n).toProto());
    expect(h.keeper.getValidator(h.ctx(), operator(0))).toEqual(before);
    expect(h.bondedPool()).toBe(bonded);

    log.length = 0;
    h.must((ctx) => h.keeper.transferDelegationShares(ctx, delegator(1), delegator(2), operator(0), Dec.fromInt((3n * STAKE) / 4n)));
    expect(log).toEqual(["modified:81", "removed:81", "modified:82", "after:82"]);
    expect(h.keeper.getDelegation(h.ctx(), delegator(1), operator(0))).toBeUndefined();
    expect(h.keeper.getDelegation(h.ctx(), delegator(2), operator(0))?.shares).toBe(Dec.fromInt(STAKE).toProto());
  });

  it("refuses what the delegation does not hold, with no state change", () => {
    const { h } = setup();
    const snapshot = h.snapshot();
    const move = (from: Uint8Array, shares: Dec): unknown => h.tx((ctx) => h.keeper.transferDelegationShares(ctx, from, delegator(2), operator(0), shares)).error;
    expect(codeOf(move(delegator(3), Dec.one()))).toBe("staking/19");
    expect(codeOf(move(delegator(1), Dec.fromInt(STAKE + 1n)))).toBe("staking/24");
    expect(codeOf(move(delegator(1), Dec.zero()))).toBe("sdk/18");
    expect(h.snapshot()).toBe(snapshot);
  });
});

describe("incomingStakeHeadroom (x/restaking's compounding up to the cap)", () => {
  it("is undefined while the cap does not bind, and otherwise the largest delegation the cap accepts", () => {
    const h = new Harness({ cap: "0" });
    h.createValidator(0, 12n * STAKE);
    h.createValidator(1, 14n * STAKE);
    h.nextBlock();
    const v0 = (): NonNullable<ReturnType<Harness["keeper"]["getValidator"]>> => h.keeper.mustGetValidator(h.ctx(), operator(0));
    expect(h.keeper.incomingStakeHeadroom(h.ctx(), v0())).toBeUndefined();
    h.must((ctx) => h.keeper.setCapParams(ctx, { maxValidatorPowerShare: Dec.fromString("0.5").toProto() }));
    const headroom = h.keeper.incomingStakeHeadroom(h.ctx(), v0());
    expect(headroom).toBe(2n * STAKE);
    h.fund(operator(0), 3n * STAKE);
    const delegate = (amount: bigint): unknown => h.tx((ctx) => h.keeper.delegate(ctx, operator(0), Int.from(amount), BondStatus.BOND_STATUS_UNBONDED, v0(), true, "compounding")).error;
    expect(codeOf(delegate(2n * STAKE + 1n))).toBe("plume-staking/2");
    expect(delegate(2n * STAKE)).toBeUndefined();
  });
});
