import { Context } from "../../app/context";
import { BasicGasMeter } from "../../app/gas";
import { silentLogger } from "../../app/logger";
import { Harness, DAY, delegator, operator, valoper } from "./harness.fixture";
import { assertStakingInvariants } from "./invariants";
import { BondStatus } from "./validator";

const key = (i: number): Uint8Array => new Uint8Array(32).fill(0xc0 + i);
const update = (i: number, power: bigint) => ({ pubKey: { ed25519: key(i) }, power });

function status(h: Harness, i: number): BondStatus | undefined {
  return h.keeper.getValidator(h.ctx(), operator(i))?.status;
}

describe("ApplyAndReturnValidatorSetUpdates", () => {
  it("bonds the top max_validators by power; the lowest drops out (power 0, Unbonding) and re-enters when delegated to", () => {
    const h = new Harness({ cap: "0", params: { maxValidators: 2 } });
    h.createValidator(0, 30_000_000n);
    h.createValidator(1, 20_000_000n);
    h.createValidator(2, 10_000_000n);
    expect(h.endBlock().updates).toEqual([update(0, 30n), update(1, 20n)]);
    expect([status(h, 0), status(h, 1), status(h, 2)]).toEqual([BondStatus.BOND_STATUS_BONDED, BondStatus.BOND_STATUS_BONDED, BondStatus.BOND_STATUS_UNBONDED]);
    expect(h.bondedPool()).toBe(50_000_000n);
    expect(h.notBondedPool()).toBe(10_000_000n);
    expect(h.keeper.getLastTotalPower(h.ctx())).toBe(50n);
    assertStakingInvariants(h.ctx(), h.keeper);

    // nothing changed: no updates, nothing written
    h.nextBlock();
    expect(h.endBlock().updates).toEqual([]);

    // validator 2 overtakes validator 1
    h.fund(delegator(0), 15_000_000n);
    expect(h.delegate(0, 2, 15_000_000n).error).toBeUndefined();
    const unbondingStart = h.time;
    expect(h.endBlock().updates).toEqual([update(2, 25n), update(1, 0n)]);
    const v1 = h.keeper.getValidator(h.ctx(), operator(1));
    expect(v1?.status).toBe(BondStatus.BOND_STATUS_UNBONDING);
    expect(v1?.unbondingTime).toEqual({ seconds: unbondingStart.seconds + 21n * DAY, nanos: 0 });
    expect(v1?.unbondingHeight).toBe(h.height);
    expect(v1?.unbondingIds).toEqual([1n]);
    expect(h.keeper.getUnbondingValidators(h.ctx(), v1?.unbondingTime ?? unbondingStart, h.height)).toEqual([valoper(1)]);
    expect(h.bondedPool()).toBe(55_000_000n);
    expect(h.notBondedPool()).toBe(20_000_000n);
    expect(h.keeper.getLastTotalPower(h.ctx())).toBe(55n);
    assertStakingInvariants(h.ctx(), h.keeper);

    // a redelegation out of the unbonding validator completes with its unbonding
    h.nextBlock();
    const r = h.redelegate(operator(1), 1, 0, 1_000_000n);
    expect(r.error).toBeUndefined();
    const red = h.keeper.getRedelegation(h.ctx(), operator(1), operator(1), operator(0));
    expect(red?.entries[0]?.completionTime).toEqual(v1?.unbondingTime);
    expect(red?.entries[0]?.creationHeight).toBe(v1?.unbondingHeight);
    assertStakingInvariants(h.ctx(), h.keeper);

    // validator 1 re-enters: Unbonding -> Bonded, off the queue; validator 2 leaves
    h.fund(delegator(1), 40_000_000n);
    expect(h.delegate(1, 1, 40_000_000n).error).toBeUndefined();
    expect(h.endBlock().updates).toEqual([update(1, 59n), update(0, 31n), update(2, 0n)]);
    expect(status(h, 1)).toBe(BondStatus.BOND_STATUS_BONDED);
    expect(status(h, 2)).toBe(BondStatus.BOND_STATUS_UNBONDING);
    expect(h.keeper.getUnbondingValidators(h.ctx(), v1?.unbondingTime ?? unbondingStart, v1?.unbondingHeight ?? 0n)).toEqual([]);
    assertStakingInvariants(h.ctx(), h.keeper);
  });

  it("emits removals sorted by operator address, not by power", () => {
    const h = new Harness({ cap: "0", params: { maxValidators: 3 } });
    h.createValidator(0, 50_000_000n);
    h.createValidator(2, 40_000_000n);
    h.createValidator(1, 30_000_000n);
    expect(h.endBlock().updates).toEqual([update(0, 50n), update(2, 40n), update(1, 30n)]);
    h.keeper.setParams(h.ctx(), { ...h.keeper.getParams(h.ctx()), maxValidators: 1 });
    expect(h.endBlock().updates).toEqual([update(1, 0n), update(2, 0n)]);
    assertStakingInvariants(h.ctx(), h.keeper);
  });

  it("breaks power ties by lower operator address and stops at the first zero-power validator", () => {
    const h = new Harness({ cap: "0", params: { maxValidators: 1 } });
    h.createValidator(1, 10_000_000n);
    h.createValidator(0, 10_000_999n); // same consensus power (10), lower operator bytes
    expect(h.endBlock().updates).toEqual([update(0, 10n)]);

    const h2 = new Harness({ cap: "0", params: { maxValidators: 10 } });
    h2.createValidator(0, 2_000_000n);
    h2.createValidator(1, 999_999n); // potential power 0: never bonded
    expect(h2.endBlock().updates).toEqual([update(0, 2n)]);
    expect(status(h2, 1)).toBe(BondStatus.BOND_STATUS_UNBONDED);
    assertStakingInvariants(h2.ctx(), h2.keeper);
  });

  it("reports only changed powers", () => {
    const h = new Harness({ cap: "0" });
    h.createValidator(0, 10_000_000n);
    h.createValidator(1, 10_000_000n);
    h.endBlock();
    h.fund(delegator(0), 2_000_000n);
    expect(h.delegate(0, 1, 999_999n).error).toBeUndefined(); // below one unit of power
    expect(h.endBlock().updates).toEqual([]);
    expect(h.delegate(0, 1, 1n).error).toBeUndefined();
    expect(h.endBlock().updates).toEqual([update(1, 11n)]);
    expect(h.keeper.getLastTotalPower(h.ctx())).toBe(21n);
  });

  it("finishes a validator's unbonding after unbonding_time by block time and height, removing it without shares", () => {
    const h = new Harness({ cap: "0" });
    h.createValidator(0, 10_000_000n);
    h.createValidator(1, 10_000_000n);
    h.endBlock();
    h.nextBlock();
    expect(h.undelegate(operator(1), 1, 10_000_000n).error).toBeUndefined(); // jails (self-delegation below 1) and empties it
    const start = h.time;
    const height = h.height;
    expect(h.endBlock().updates).toEqual([update(1, 0n)]);
    expect(status(h, 1)).toBe(BondStatus.BOND_STATUS_UNBONDING);
    h.height = height + 1n;
    h.time = { seconds: start.seconds + 21n * DAY - 1n, nanos: 0 };
    h.endBlock();
    expect(status(h, 1)).toBe(BondStatus.BOND_STATUS_UNBONDING);
    h.time = { seconds: start.seconds + 21n * DAY, nanos: 0 };
    const end = h.endBlock();
    expect(h.keeper.getValidator(h.ctx(), operator(1))).toBeUndefined();
    // the undelegation itself matured in the same EndBlock
    expect(end.events.filter((e) => e.type === "complete_unbonding").length).toBe(1);
    expect(h.balance(operator(1))).toBe(10_000_000n);
    assertStakingInvariants(h.ctx(), h.keeper);
  });

  it("does not touch delegations in EndBlock: the cost is the same with 5 or 300 delegations", () => {
    function endBlockGas(delegations: number): bigint {
      const h = new Harness({ cap: "0" });
      h.createValidator(0, 10_000_000n);
      h.createValidator(1, 10_000_000n);
      h.endBlock();
      for (let d = 0; d < delegations; d++) {
        h.fund(delegator(d % 100), 1_000n);
        expect(h.delegate(d % 100, d % 2, 1_000n).error).toBeUndefined();
      }
      h.endBlock();
      const meter = new BasicGasMeter(undefined);
      const ctx = new Context(h.ms, h.ctx().header, "finalize", silentLogger, { gasMeter: meter, consensusParams: h.consensusParams });
      expect(h.keeper.blockValidatorUpdates(ctx)).toEqual([]);
      return meter.consumed();
    }
    expect(endBlockGas(300)).toBe(endBlockGas(5));
  });
});

describe("historical info", () => {
  it("stores the header and the bonded set sorted by power, pruned beyond historical_entries", () => {
    const h = new Harness({ cap: "0", params: { historicalEntries: 2 } });
    h.createValidator(0, 10_000_000n);
    h.createValidator(1, 20_000_000n);
    h.nextBlock(); // begin block 2
    const at2 = h.keeper.getHistoricalInfo(h.ctx(), 2n);
    expect(at2?.header.height).toBe(2n);
    expect(at2?.header.chainId).toBe("plume-test");
    // The fields the SDK's FinalizeBlock header carries: next validators hash and last app hash.
    expect(at2?.header.nextValidatorsHash).toEqual(new Uint8Array(32).fill(2));
    expect(at2?.header.appHash).toEqual(new Uint8Array(32).fill(1));
    expect(at2?.header.proposerAddress).toEqual(new Uint8Array(20));
    expect(at2?.valset.map((v) => v.operatorAddress)).toEqual([valoper(1), valoper(0)]);
    h.nextBlock();
    h.nextBlock(); // height 4: 2 is pruned (4 - 2)
    expect(h.keeper.getHistoricalInfo(h.ctx(), 2n)).toBeUndefined();
    expect(h.keeper.getHistoricalInfo(h.ctx(), 3n)).toBeDefined();
    expect(h.keeper.getHistoricalInfo(h.ctx(), 4n)).toBeDefined();
  });
});
