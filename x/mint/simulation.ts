/**
 * x/mint in the seeded simulation (sim/types.ts).
 *
 * Genesis: params and the starting inflation drawn within their valid ranges (the mint denom is
 * the chain's denom: what bank's supply invariant counts). Operations: params through the
 * authority, from anyone else (gov/13), and invalid (max below min: undefined/1).
 *
 * Invariant: the inflation BeginBlock set lies within [inflation_min, inflation_max] of the params
 * it ran with (those committed at the block before: a param change in a block's txs applies from
 * the next block). The minted coins themselves are bank's total-supply invariant's business.
 */
import { MsgUpdateParams } from "cosmjs-types/cosmos/mint/v1beta1/tx";
import type { Params } from "cosmjs-types/cosmos/mint/v1beta1/mint";
import { ErrInternal } from "../../app/errors";
import { Dec } from "../../app/math";
import type { SimRandom } from "../../sim/random";
import { EXPECT_OK, expectError, type ModuleSimulation, type SimOperation } from "../../sim/types";
import { ErrGovInvalidSigner } from "./errors";
import { mintGenesisToJson } from "./genesis";
import type { MintKeeper } from "./keeper";
import { decOf } from "./params";

const perMille = (n: number): Dec => Dec.withPrec(BigInt(n), 3);

export function randomMintParams(r: SimRandom, denom: string): Params {
  const min = r.int(0, 200);
  return {
    mintDenom: denom,
    inflationRateChange: perMille(r.int(0, 500)).toProto(),
    inflationMax: perMille(r.int(min, 400)).toProto(),
    inflationMin: perMille(min).toProto(),
    goalBonded: perMille(r.int(100, 900)).toProto(),
    // From a block a second to one a minute.
    blocksPerYear: r.bigint(525_600n, 31_557_600n),
  };
}

export function mintSimulation(k: MintKeeper): ModuleSimulation {
  const updateParams = (variant: "authority" | "unauthorized" | "invalid"): SimOperation => ({
    name: variant === "authority" ? "update-params" : `update-params-${variant}`,
    weight: variant === "authority" ? 2 : 1,
    generate(env) {
      const signer = variant === "unauthorized" ? (env.accounts.randomOther(env.r, env.authority) ?? env.authority) : env.authority;
      const params = randomMintParams(env.r, env.denom);
      if (variant === "invalid") {
        params.inflationMin = perMille(300).toProto();
        params.inflationMax = perMille(200).toProto();
      }
      const msgs = [{ typeUrl: MsgUpdateParams.typeUrl, value: MsgUpdateParams.fromPartial({ authority: signer.bech32, params }) }];
      const expect = signer !== env.authority ? expectError(ErrGovInvalidSigner) : variant === "invalid" ? expectError(ErrInternal) : EXPECT_OK;
      return { msgs, tx: env.sign(signer, msgs), expect };
    },
  });

  return {
    module: "mint",
    genesis(g) {
      const params = randomMintParams(g.r, g.denom);
      const inflation = perMille(g.r.int(0, 400));
      g.appState["mint"] = mintGenesisToJson({ minter: { inflation: inflation.toProto(), annualProvisions: Dec.zero().toProto() }, params });
    },
    operations: [updateParams("authority"), updateParams("unauthorized"), updateParams("invalid")],
    invariants: [
      {
        name: "inflation-within-bounds",
        check: (i) => {
          if (i.previous === undefined) return { broken: false, message: "" };
          const params = k.getParams(i.previous);
          const inflation = decOf(k.getMinter(i.ctx).inflation);
          const min = decOf(params.inflationMin);
          const max = decOf(params.inflationMax);
          const broken = inflation.lt(min) || inflation.gt(max);
          return { broken, message: broken ? `mint: inflation-within-bounds invariant\n\tinflation ${inflation.toString()} outside [${min.toString()}, ${max.toString()}]\n` : "" };
        },
      },
    ],
  };
}
