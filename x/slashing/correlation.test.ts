import { Dec } from "../../app/math";
import { correlatedFraction, doubleSignFraction, powerShareSum, withinWindow } from "./correlation";

const o = (power: bigint, totalPower: bigint, infractionHeight = 10n) => ({ power, totalPower, infractionHeight });
const nominal = Dec.fromString("0.05");

describe("correlated slashing maths", () => {
  it("keeps the sum of power shares exact", () => {
    expect(powerShareSum([o(1n, 3n), o(1n, 6n)])).toEqual([1n, 2n]);
    expect(powerShareSum([o(100n, 400n), o(100n, 400n)])).toEqual([1n, 2n]);
    expect(powerShareSum([])).toEqual([0n, 1n]);
  });

  it("one isolated offender with a small share pays the nominal fraction", () => {
    // 5% of the power: 9 * 0.05^2 = 0.0225 < 0.05
    expect(correlatedFraction([o(5n, 100n)]).toString()).toBe("0.022500000000000000");
    expect(doubleSignFraction(nominal, [o(5n, 100n)]).toString()).toBe("0.050000000000000000");
  });

  it("offenders together at 20% pay 9 * 0.2^2 = 0.36", () => {
    expect(doubleSignFraction(nominal, [o(10n, 100n), o(10n, 100n)]).toString()).toBe("0.360000000000000000");
  });

  it("a coordinated third of the power loses everything, capped at 1", () => {
    expect(correlatedFraction([o(1n, 3n)]).toString()).toBe("1.000000000000000000");
    expect(correlatedFraction([o(101n, 400n), o(100n, 400n)]).toString()).toBe("1.000000000000000000");
    expect(correlatedFraction([o(1n, 2n)]).toString()).toBe("1.000000000000000000");
  });

  it("rounds 9 * S^2 down to 18 decimals", () => {
    // S = 1/7: 9/49 = 0.183673469387755102040...
    expect(correlatedFraction([o(1n, 7n)]).toString()).toBe("0.183673469387755102");
    // S = 10/401 + 11/403 = 8441/161603 (two offences whose sets differed in total power);
    // 9 * S^2 = 641254329/26115529609 = 0.024554521336569383|3...
    expect(powerShareSum([o(10n, 401n), o(11n, 403n)])).toEqual([8441n, 161603n]);
    expect(correlatedFraction([o(10n, 401n), o(11n, 403n)]).toString()).toBe("0.024554521336569383");
  });

  it("correlates infraction heights at most the window apart, either way", () => {
    expect(withinWindow(100n, 110n, 10n)).toBe(true);
    expect(withinWindow(110n, 100n, 10n)).toBe(true);
    expect(withinWindow(100n, 111n, 10n)).toBe(false);
  });
});
