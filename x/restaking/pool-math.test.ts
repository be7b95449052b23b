import { Coin, Coins, Dec, Int } from "../../app/math";
import { compoundable, idleForUnits, sharesForUnits, unitsForJoin, unitsForShares } from "./pool-math";
import { isCompoundingHeight, nextCompoundingHeight } from "./params";

const d = (s: string): Dec => Dec.fromString(s);

describe("pool maths", () => {
  it("the first member gets one unit per share; later ones floor(value * U / P); a worthless pool sells none", () => {
    expect(unitsForJoin(d("5"), d("7"), Dec.zero(), Dec.zero())?.toString()).toBe("5.000000000000000000");
    expect(unitsForJoin(d("1"), d("1"), d("3"), d("3.000000000000000001"))?.toString()).toBe("0.999999999999999999");
    expect(unitsForJoin(d("1"), d("1"), d("3"), Dec.zero())).toBeUndefined();
  });

  it("leaving takes a truncated fraction; the last member takes everything", () => {
    expect(sharesForUnits(d("1"), d("3"), d("10")).toString()).toBe("3.333333333333333333");
    expect(sharesForUnits(d("3"), d("3"), d("10")).toString()).toBe("10.000000000000000000");
    const idle = Coins.of(Coin.of("stake", 10n), Coin.of("uatom", 2n));
    expect(idleForUnits(d("1"), d("3"), idle).toString()).toBe("3stake");
    expect(idleForUnits(d("3"), d("3"), idle).toString()).toBe("10stake,2uatom");
  });

  it("a partial exit burns units rounded up", () => {
    expect(unitsForShares(d("1"), d("3"), d("10")).toString()).toBe("0.300000000000000000");
    expect(unitsForShares(d("1"), d("10"), d("3")).toString()).toBe("3.333333333333333334");
    expect(unitsForShares(d("3"), d("10"), d("3")).toString()).toBe("10.000000000000000000");
  });

  it("compounds everything without a cap, up to the headroom with one", () => {
    expect(compoundable(Int.from(100n), undefined)).toEqual({ amount: Int.from(100n), heldBack: Int.zero() });
    const capped = compoundable(Int.from(100n), 30n);
    expect([capped.amount.toString(), capped.heldBack.toString()]).toEqual(["30", "70"]);
  });

  it("compounding heights are the positive multiples of the interval", () => {
    const p = { compoundInterval: 10n };
    expect([0n, 9n, 10n, 20n, 21n].map((h) => isCompoundingHeight(h, p))).toEqual([false, false, true, true, false]);
    expect([0n, 9n, 10n, 11n].map((h) => nextCompoundingHeight(h, p))).toEqual([10n, 10n, 20n, 20n]);
  });
});
