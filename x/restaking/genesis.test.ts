import { Dec } from "../../app/math";
import { delegator, operator } from "../staking/harness.fixture";
import { defaultRestakingGenesis, exportRestakingGenesis, initRestakingGenesis, parseRestakingGenesis, restakingGenesisToJson, validateRestakingGenesis } from "./genesis";
import { RestakingHarness } from "./harness.fixture";

const STAKE = 1_000_000_000n;

describe("restaking genesis", () => {
  it("defaults to a day's interval and no pools, in SDK JSON", () => {
    expect(restakingGenesisToJson(defaultRestakingGenesis())).toEqual({ params: { compound_interval: "14400" }, pools: [], members: [], last_compound_height: "0" });
  });

  it("exports what InitGenesis reads back into the same state", () => {
    const h = new RestakingHarness({ compoundInterval: 10n });
    h.staking.createValidator(0, 10n * STAKE);
    for (const d of [1, 2]) {
      h.staking.fund(delegator(d), STAKE);
      expect(h.staking.delegate(d, 0, STAKE).error).toBeUndefined();
      expect(h.staking.tx((ctx) => h.keeper.setAutoCompound(ctx, delegator(d), operator(0), true)).error).toBeUndefined();
    }
    h.runTo(10n, "0.001");
    const exported = exportRestakingGenesis(h.ctx(), h.keeper);
    expect(exported.pools).toHaveLength(1);
    expect(exported.members).toHaveLength(2);
    expect(exported.lastCompoundHeight).toBe(10n);
    const json = restakingGenesisToJson(exported);
    const parsed = parseRestakingGenesis(json);
    validateRestakingGenesis(parsed, h.keeper.addresses);

    const fresh = new RestakingHarness();
    initRestakingGenesis(fresh.ctx(), fresh.keeper, parsed);
    expect(restakingGenesisToJson(exportRestakingGenesis(fresh.ctx(), fresh.keeper))).toEqual(json);
  });

  it("refuses members whose units do not add up to their pool's, and members without a pool", () => {
    const h = new RestakingHarness();
    const a = h.keeper.addresses;
    const validator = a.encodeValidator(operator(0));
    const pool = { validatorAddress: validator, totalUnits: Dec.fromInt(10n).toProto(), idle: [], lastCompounded: "0", lastHeldBack: "0", heldBackReason: "" };
    const member = { delegatorAddress: a.encodeAccount(delegator(1)), validatorAddress: validator, units: Dec.fromInt(9n).toProto() };
    const g = { ...defaultRestakingGenesis(), pools: [pool], members: [member] };
    expect(() => validateRestakingGenesis(g, a)).toThrow("has 10.000000000000000000 units, its members 9.000000000000000000");
    expect(() => validateRestakingGenesis({ ...g, pools: [] }, a)).toThrow("has no pool");
    expect(() => validateRestakingGenesis({ ...g, params: { compoundInterval: 0n } }, a)).toThrow("compound_interval must be positive");
  });
});
