/**
 * Replays vectors computed by the real Go code: cosmossdk.io/math v1.4.0 and
 * github.com/cosmos/cosmos-sdk/types v0.50.15 (generator: testdata/sdk-vectors/main.go).
 * Every result must be identical, including which inputs panic and the SDK's error texts.
 *
 * Encoding: "P" = the Go code panicked (we must throw an ErrPanic-coded AppError),
 * "E:<text>" = it returned an error with that text, anything else is the value's string form.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { AppError, ErrInvalidCoins, ErrInvalidRequest, ErrPanic, ErrTxDecode, type ErrorDef } from "../errors";
import { Coin, Coins } from "./coins";
import { Dec } from "./dec";
import { DecCoin, DecCoins } from "./dec-coins";
import { Int } from "./int";
import { parseCoinsNormalized, parseDecCoins } from "./parse-coins";

interface Vectors {
  readonly intOps: readonly (readonly string[])[];
  readonly intProto: readonly (readonly string[])[];
  readonly decOps: readonly (readonly string[])[];
  readonly decUnary: readonly (readonly string[])[];
  readonly decStrings: readonly (readonly string[])[];
  readonly decProto: readonly (readonly string[])[];
  readonly coinParse: readonly (readonly string[])[];
  readonly coinKeys: readonly string[];
  readonly coinOps: readonly CoinCase[];
  readonly decCoinKeys: readonly string[];
  readonly decCoinOps: readonly DecCase[];
}

interface CoinCase {
  readonly a: readonly (readonly [string, string])[];
  readonly b: readonly (readonly [string, string])[];
  readonly out: readonly string[];
}

interface DecCase extends CoinCase {
  readonly d: string;
}

const vectors = JSON.parse(readFileSync(join(__dirname, "testdata", "sdk-vectors.json"), "utf8")) as Vectors;

/** Runs `f` and renders its outcome in the generator's encoding; `errorDef` is the code a returned SDK error maps to. */
function outcome(f: () => string, errorDef?: ErrorDef): string {
  try {
    return f();
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    if (ErrPanic.is(err)) return "P";
    if (errorDef !== undefined && errorDef.is(err)) {
      return `E:${err.message.slice(0, -(errorDef.description.length + 2))}`;
    }
    throw err;
  }
}

const row = (r: readonly string[], i: number): string => {
  const v = r[i];
  if (v === undefined) throw new Error(`vector row too short: ${JSON.stringify(r)}`);
  return v;
};

const atoms = (d: Dec): string => d.toAtomicString();

describe("Int against cosmossdk.io/math", () => {
  test.each(vectors.intOps.map((r) => [row(r, 0), row(r, 1), r] as const))("%s op %s", (a, b, r) => {
    const x = Int.fromString(a);
    const y = Int.fromString(b);
    expect([
      outcome(() => x.add(y).toString()),
      outcome(() => x.sub(y).toString()),
      outcome(() => x.mul(y).toString()),
      outcome(() => x.quo(y).toString()),
      outcome(() => x.mod(y).toString()),
    ]).toEqual(r.slice(2));
  });

  test.each(vectors.intProto.map((r) => [row(r, 0), row(r, 1)] as const))("fromProto(%j) = %s", (input, expected) => {
    const got = outcome(() => Int.fromProto(input).toString(), ErrTxDecode);
    expect(got).toBe(expected === "nil" ? "P" : expected);
  });
});

describe("Dec against cosmossdk.io/math LegacyDec", () => {
  test.each(vectors.decOps.map((r) => [row(r, 0), row(r, 1), r] as const))("%s op %s", (a, b, r) => {
    const x = Dec.fromAtomics(a);
    const y = Dec.fromAtomics(b);
    expect([
      outcome(() => atoms(x.add(y))),
      outcome(() => atoms(x.sub(y))),
      outcome(() => atoms(x.mul(y))),
      outcome(() => atoms(x.mulTruncate(y))),
      outcome(() => atoms(x.mulRoundUp(y))),
      outcome(() => atoms(x.quo(y))),
      outcome(() => atoms(x.quoTruncate(y))),
      outcome(() => atoms(x.quoRoundUp(y))),
    ]).toEqual(r.slice(2));
  });

  test.each(vectors.decUnary.map((r) => [row(r, 0), r] as const))("unary %s", (a, r) => {
    const x = Dec.fromAtomics(a);
    const p = BigInt(row(r, 6));
    const i = Int.fromString(row(r, 9));
    expect([
      x.toString(),
      outcome(() => x.roundInt().toString()),
      outcome(() => x.truncateInt().toString()),
      outcome(() => atoms(x.ceil())),
      outcome(() => atoms(x.power(p))),
      row(r, 6),
      outcome(() => atoms(x.mulInt(i))),
      outcome(() => atoms(x.quoInt(i))),
      row(r, 9),
    ]).toEqual(r.slice(1));
  });

  test.each(vectors.decStrings.map((r) => [row(r, 0), row(r, 1)] as const))("fromString(%j) = %s", (input, expected) => {
    expect(outcome(() => atoms(Dec.fromString(input)), ErrInvalidRequest)).toBe(expected);
  });

  test.each(vectors.decProto.map((r) => [row(r, 0), row(r, 1)] as const))("fromProto(%j) = %s", (input, expected) => {
    const got = outcome(() => atoms(Dec.fromProto(input)), ErrTxDecode);
    expect(got).toBe(expected === "nil" ? "P" : expected);
  });
});

describe("coin strings against sdk.ParseCoinsNormalized / sdk.ParseDecCoins", () => {
  test.each(vectors.coinParse.map((r) => [row(r, 0), row(r, 1), row(r, 2)] as const))("%j", (input, norm, decs) => {
    expect(outcome(() => `=${parseCoinsNormalized(input).toString()}`, ErrInvalidCoins)).toBe(norm);
    expect(outcome(() => `=${parseDecCoins(input).toString()}`, ErrInvalidCoins)).toBe(decs);
  });
});

const coinsOf = (pairs: readonly (readonly [string, string])[]): Coins =>
  Coins.unchecked(pairs.map(([denom, amount]) => Coin.unchecked(denom, BigInt(amount))));

const decCoinsOf = (pairs: readonly (readonly [string, string])[]): DecCoins =>
  DecCoins.unchecked(pairs.map(([denom, atomics]) => DecCoin.unchecked(denom, Dec.fromAtomics(atomics))));

describe("Coins against sdk.Coins", () => {
  const keys = vectors.coinKeys;
  test.each(vectors.coinOps.map((c, i) => [i, c] as const))("case %i", (_, c) => {
    const a = coinsOf(c.a);
    const b = coinsOf(c.b);
    const expected = new Map(keys.map((k, i) => [k, c.out[i]]));
    const probe = expected.get("probe") ?? "";
    const k = BigInt(expected.get("k") ?? "");
    const got: Record<string, () => string> = {
      string: () => a.toString(),
      validate: () => {
        const err = a.validate();
        return err === undefined ? "ok" : `E:${err.message.slice(0, -(ErrInvalidCoins.description.length + 2))}`;
      },
      add: () => a.add(b).toString(),
      safeSub: () => {
        const { coins, hasNeg } = a.safeSub(b);
        return `${coins.toString()}|${String(hasNeg)}`;
      },
      sub: () => a.sub(b).toString(),
      isAllGTE: () => String(a.isAllGTE(b)),
      isAllGT: () => String(a.isAllGT(b)),
      isAllLTE: () => String(a.isAllLTE(b)),
      isAllLT: () => String(a.isAllLT(b)),
      isAnyGTE: () => String(a.isAnyGTE(b)),
      isAnyGT: () => String(a.isAnyGT(b)),
      subset: () => String(a.denomsSubsetOf(b)),
      min: () => a.min(b).toString(),
      max: () => a.max(b).toString(),
      equal: () => String(a.equal(b)),
      isZero: () => String(a.isZero()),
      allPos: () => String(a.isAllPositive()),
      anyNeg: () => String(a.isAnyNegative()),
      amountOf: () => a.amountOf(probe).toString(),
      probe: () => probe,
      k: () => k.toString(),
      mulInt: () => a.mulInt(k).toString(),
      quoInt: () => a.quoInt(k).toString(),
      newCoins: () => Coins.of(...a).toString(),
      sorted: () => a.sort().toString(),
    };
    expect(Object.keys(got)).toEqual(keys);
    for (const key of keys) {
      const run = got[key];
      if (run === undefined) throw new Error(`no runner for ${key}`);
      expect([key, outcome(run)]).toEqual([key, expected.get(key)]);
    }
  });
});

describe("DecCoins against sdk.DecCoins", () => {
  const keys = vectors.decCoinKeys;
  test.each(vectors.decCoinOps.map((c, i) => [i, c] as const))("case %i", (_, c) => {
    const a = decCoinsOf(c.a);
    const b = decCoinsOf(c.b);
    const d = Dec.fromAtomics(c.d);
    const expected = new Map(keys.map((k, i) => [k, c.out[i]]));
    const got: Record<string, () => string> = {
      string: () => a.toString(),
      validate: () => {
        const err = a.validate();
        return err === undefined ? "ok" : `E:${err.message.slice(0, -(ErrInvalidCoins.description.length + 2))}`;
      },
      add: () => a.add(b).toString(),
      safeSub: () => {
        const { coins, hasNeg } = a.safeSub(b);
        return `${coins.toString()}|${String(hasNeg)}`;
      },
      intersect: () => a.intersect(b).toString(),
      mulDec: () => a.mulDec(d).toString(),
      mulDecTruncate: () => a.mulDecTruncate(d).toString(),
      quoDec: () => a.quoDec(d).toString(),
      quoDecTruncate: () => a.quoDecTruncate(d).toString(),
      truncate: () => {
        const [whole, change] = a.truncateDecimal();
        return `${whole.toString()}|${change.toString()}`;
      },
      equal: () => String(a.equal(b)),
      newDecCoins: () => DecCoins.of(...a).toString(),
    };
    expect(Object.keys(got)).toEqual(keys);
    for (const key of keys) {
      const run = got[key];
      if (run === undefined) throw new Error(`no runner for ${key}`);
      expect([key, outcome(run)]).toEqual([key, expected.get(key)]);
    }
  });
});
