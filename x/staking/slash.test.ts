import { AppError } from "../../app/errors";
import { Dec, Int } from "../../app/math";
import { BOND_DENOM, Harness, consensusKey, delegator, operator } from "./harness.fixture";
import { StakingHooksRegistry } from "./hooks";
import { assertStakingInvariants } from "./invariants";
import { consensusAddressOfAny } from "./pubkey";
import { BondStatus } from "./validator";

const cons = (i: number): Uint8Array => consensusAddressOfAny(consensusKey(i));

describe("Slash", () => {
  it("slashes unbonding and redelegation entries created at or after the infraction, then the validator", () => {
    const slashed: [string, string][] = [];
    const hooks = new StakingHooksRegistry();
    hooks.register("distribution", { beforeValidatorSlashed: (_ctx, val, fraction) => slashed.push([Buffer.from(val).toString("hex"), fraction.toString()]) });
    const h = new Harness({ cap: "0", hooks });
    h.createValidator(0, 10_000_000n);
    h.createValidator(1, 10_000_000n);
    h.nextBlock(); // height 2
    expect(h.undelegate(operator(0), 0, 500_000n).error).toBeUndefined(); // before the infraction: not slashed
    h.nextBlock(); // height 3: the infraction
    h.fund(delegator(0), 4_000_000n);
    expect(h.delegate(0, 0, 4_000_000n).error).toBeUndefined();
    h.nextBlock(); // height 4: stake that contributed leaves
    expect(h.undelegate(delegator(0), 0, 1_000_000n).error).toBeUndefined();
    expect(h.redelegate(delegator(0), 0, 1, 2_000_000n).error).toBeUndefined();
    for (let i = 0; i < 6; i++) h.nextBlock(); // height 10
    const supplyBefore = h.bank.getSupply(h.ctx(), BOND_DENOM).amount.toBigInt();

    // power 14 at height 3, fraction 10%: 1,400,000 to burn
    const burned = h.must((ctx) => h.keeper.slash(ctx, cons(0), 3n, 14n, Dec.fromString("0.1")));
    // 100,000 from the unbonding entry, 200,000 from the redelegation (unbonded at the destination),
    // the remaining 1,100,000 from validator 0 itself
    expect(burned.toString()).toBe("1100000");
    expect(h.bank.getSupply(h.ctx(), BOND_DENOM).amount.toBigInt()).toBe(supplyBefore - 1_400_000n);
    expect(h.keeper.getValidator(h.ctx(), operator(0))?.tokens).toBe("9400000");
    expect(h.keeper.getValidator(h.ctx(), operator(1))?.tokens).toBe("11800000");
    const d0 = h.keeper.getUnbondingDelegation(h.ctx(), delegator(0), operator(0))?.entries[0];
    expect([d0?.initialBalance, d0?.balance]).toEqual(["1000000", "900000"]);
    const op = h.keeper.getUnbondingDelegation(h.ctx(), operator(0), operator(0))?.entries[0];
    expect([op?.initialBalance, op?.balance]).toEqual(["500000", "500000"]);
    expect(h.keeper.getDelegation(h.ctx(), delegator(0), operator(1))?.shares).toBe(Dec.fromString("1800000").toProto());
    // effective fraction = 1,100,000 / 10,500,000 rounded up
    expect(slashed).toEqual([[Buffer.from(operator(0)).toString("hex"), "0.104761904761904762"]]);
    assertStakingInvariants(h.ctx(), h.keeper);
  });

  it("refuses future infractions and unbonded validators; ignores unknown ones", () => {
    const h = new Harness({ cap: "0" });
    h.createValidator(0, 10_000_000n);
    const unbonded = h.tx((ctx) => h.keeper.slash(ctx, cons(0), 1n, 10n, Dec.fromString("0.1")));
    expect((unbonded.error as AppError).message).toBe(`should not be slashing unbonded validator: ${h.keeper.getValidator(h.ctx(), operator(0))?.operatorAddress}`);
    h.endBlock();
    const future = h.tx((ctx) => h.keeper.slash(ctx, cons(0), 2n, 10n, Dec.fromString("0.1")));
    expect((future.error as AppError).message).toBe("impossible attempt to slash future infraction at height 2 but we are at height 1");
    expect(h.must((ctx) => h.keeper.slash(ctx, cons(9), 1n, 10n, Dec.fromString("0.1")))).toEqual(Int.zero());
    const negative = h.tx((ctx) => h.keeper.slash(ctx, cons(0), 1n, 10n, Dec.fromString("-0.1")));
    expect((negative.error as AppError).message).toBe("attempted to slash with a negative slash factor: -0.100000000000000000");
  });

  it("burns from the not-bonded pool for an unbonding validator; jail and unjail move it out of and back into the set", () => {
    const h = new Harness({ cap: "0" });
    h.createValidator(0, 10_000_000n);
    h.createValidator(1, 10_000_000n);
    h.endBlock();
    h.must((ctx) => h.keeper.jail(ctx, cons(1)));
    expect(h.endBlock().updates).toEqual([{ pubKey: { ed25519: new Uint8Array(32).fill(0xc1) }, power: 0n }]);
    expect(h.keeper.getValidator(h.ctx(), operator(1))?.status).toBe(BondStatus.BOND_STATUS_UNBONDING);
    h.must((ctx) => h.keeper.slash(ctx, cons(1), 1n, 10n, Dec.fromString("0.5")));
    expect(h.notBondedPool()).toBe(5_000_000n);
    assertStakingInvariants(h.ctx(), h.keeper);
    expect(h.tx((ctx) => h.keeper.jail(ctx, cons(1))).error).toBeDefined(); // already jailed
    h.must((ctx) => h.keeper.unjail(ctx, cons(1)));
    expect(h.endBlock().updates).toEqual([{ pubKey: { ed25519: new Uint8Array(32).fill(0xc1) }, power: 5n }]);
    expect(h.bondedPool()).toBe(15_000_000n);
    assertStakingInvariants(h.ctx(), h.keeper);
  });
});
