import { Dec, Int } from "../../app/math";
import { blockProvision, defaultMintParams, nextAnnualProvisions, nextInflationRate, validateMintParams } from "./params";

const params = defaultMintParams("stake");
const d = (s: string): Dec => Dec.fromString(s);

describe("x/mint maths (figures from cosmossdk.io/math v1.4.0, SDK v0.50 Minter)", () => {
  // [bonded ratio, inflation before] -> [inflation after, annual provisions and block provision on a 3,000,000,000,000 supply]
  const vectors: readonly [string, string, string, string, bigint][] = [
    ["0", "0.13", "0.130000020597257079", "390000061791.771237000000000000", 61791n],
    ["1", "0.2", "0.199999989855082334", "599999969565.247002000000000000", 95064n],
    ["0.5", "0.1", "0.100000005226169707", "300000015678.509121000000000000", 47532n],
    ["0.333333333333333333", "0.13", "0.130000010349865497", "390000031049.596491000000000000", 61791n],
    // clamped to inflation_min
    ["0.9", "0.0700000001", "0.070000000000000000", "210000000000.000000000000000000", 33272n],
    // the gas-parity chain's first block: 100,000,000,000 bonded of 3,000,000,000,000
    ["0.033333333333333333", "0.13", "0.130000019572517921", "390000058717.553763000000000000", 61791n],
  ];
  it.each(vectors)("bonded %s, inflation %s", (bonded, before, after, annual, provision) => {
    const inflation = nextInflationRate(d(before), params, d(bonded));
    expect(inflation.toString()).toBe(after);
    const provisions = nextAnnualProvisions(inflation, Int.from(3_000_000_000_000n));
    expect(provisions.toString()).toBe(annual);
    expect(blockProvision(provisions, params).amount.toBigInt()).toBe(provision);
  });

  it("the SDK's TestNextInflation cases", () => {
    const perBlock = (x: Dec): Dec => x.quo(Dec.fromInt(params.blocksPerYear));
    const rate = d("0.13");
    const cases: readonly [string, string, Dec][] = [
      ["0", "0.07", perBlock(rate)],
      ["1", "0.2", perBlock(Dec.one().sub(Dec.one().quo(d("0.67"))).mul(rate))],
      ["0.5", "0.1", perBlock(Dec.one().sub(d("0.5").quo(d("0.67"))).mul(rate))],
      ["1", "0.07", Dec.zero()],
      ["1", "0.0700000001", d("-0.0000000001")],
      ["0", "0.2", Dec.zero()],
      ["0", "0.1999999999", d("0.0000000001")],
      ["0.67", "0.15", Dec.zero()],
    ];
    for (const [bonded, set, change] of cases) expect(nextInflationRate(d(set), params, d(bonded)).sub(d(set)).toString()).toBe(change.toString());
  });

  it("the SDK's TestBlockProvision cases (truncated)", () => {
    const secondsPerYear = 60n * 60n * 8766n;
    const cases: readonly [bigint, bigint][] = [
      [secondsPerYear / 5n, 1n],
      [secondsPerYear / 5n + 1n, 1n],
      [(secondsPerYear / 5n) * 2n, 2n],
      [secondsPerYear / 5n / 2n, 0n],
    ];
    for (const [annual, expected] of cases) expect(blockProvision(Dec.fromInt(annual), params).amount.toBigInt()).toBe(expected);
  });

  it("validates params with the SDK's texts", () => {
    expect(() => validateMintParams(params)).not.toThrow();
    expect(() => validateMintParams({ ...params, mintDenom: " " })).toThrow("mint denom cannot be blank");
    expect(() => validateMintParams({ ...params, goalBonded: "0" })).toThrow("goal bonded must be positive: 0.000000000000000000");
    expect(() => validateMintParams({ ...params, inflationMax: d("1.5").toProto() })).toThrow("max inflation too large: 1.500000000000000000");
    expect(() => validateMintParams({ ...params, blocksPerYear: 0n })).toThrow("blocks per year must be positive: 0");
    expect(() => validateMintParams({ ...params, inflationMin: d("0.3").toProto() })).toThrow(
      "max inflation (0.200000000000000000) must be greater than or equal to min inflation (0.300000000000000000)",
    );
  });
});
