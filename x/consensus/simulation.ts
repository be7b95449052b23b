/**
 * x/consensus in the seeded simulation (sim/types.ts): random consensus params at genesis (what
 * InitChain carries), MsgUpdateParams through the authority, and the updates that must fail (from
 * anyone else: gov/13; out of CometBFT's bounds: a plain error, undefined/1). Invariant: the stored
 * params pass CometBFT's ValidateBasic.
 *
 * Bounds the rest of the simulation relies on: ed25519 stays an allowed validator key type (the
 * validators' keys), and max_gas stays -1 or far above one tx's gas limit.
 */
import { MsgUpdateParams } from "cosmjs-types/cosmos/consensus/v1/tx";
import { ConsensusParams } from "cosmjs-types/tendermint/types/params";
import type { Context } from "../../app/context";
import { ErrInternal } from "../../app/errors";
import type { SimRandom } from "../../sim/random";
import { EXPECT_OK, expectError, type ModuleSimulation, type SimGenesis, type SimOperation } from "../../sim/types";
import { ErrInvalidSigner } from "../gov/errors";
import type { ConsensusParamsKeeper } from "./keeper";
import { validateConsensusParams } from "./params";

/** Block, evidence and validator params within CometBFT's bounds. */
export function randomConsensusParams(r: SimRandom): Pick<ConsensusParams, "block" | "evidence" | "validator"> {
  const maxBytes = r.chance(1, 10) ? -1n : r.bigint(2_000_000n, 22_020_096n);
  // Mostly unlimited or roomy; now and then tight enough to cut a block of the simulation short.
  const maxGas = r.chance(2, 3) ? -1n : r.chance(1, 10) ? r.bigint(50_000_000n, 200_000_000n) : r.bigint(200_000_000n, 10_000_000_000n);
  return {
    block: { maxBytes, maxGas },
    evidence: {
      maxAgeNumBlocks: r.bigint(1_000n, 200_000n),
      maxAgeDuration: { seconds: r.bigint(3_600n, 172_800n), nanos: 0 },
      maxBytes: r.bigint(0n, 1_048_576n),
    },
    validator: { pubKeyTypes: r.chance(1, 2) ? ["ed25519"] : ["ed25519", "secp256k1"] },
  };
}

export function consensusSimulation(keeper: ConsensusParamsKeeper): ModuleSimulation {
  /** Params read back after a successful update must be what was asked for (merged as CometBFT merges). */
  const readBack = (msg: MsgUpdateParams) => (ctx: Context): string | undefined => {
    const stored = keeper.get(ctx);
    const want = ConsensusParams.fromPartial({ block: msg.block, evidence: msg.evidence, validator: msg.validator });
    const same = (a: unknown, b: unknown): boolean => JSON.stringify(a, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v)) === JSON.stringify(b, (_, v: unknown) => (typeof v === "bigint" ? v.toString() : v));
    if (stored === undefined) return "no consensus params stored after the update";
    if (!same(stored.block, want.block) || !same(stored.evidence, want.evidence) || !same(stored.validator, want.validator)) {
      return `stored params ${JSON.stringify(ConsensusParams.toJSON(stored))} differ from the update ${JSON.stringify(ConsensusParams.toJSON(want))}`;
    }
    return undefined;
  };
  const update = (variant: "authority" | "unauthorized" | "invalid"): SimOperation => ({
    name: variant === "authority" ? "update-params" : `update-params-${variant}`,
    weight: variant === "authority" ? 2 : 1,
    generate(env) {
      const signer = variant === "unauthorized" ? (env.accounts.randomOther(env.r, env.authority) ?? env.authority) : env.authority;
      const p = randomConsensusParams(env.r);
      // block.max_bytes 0 is refused by CometBFT's ValidateBasic.
      const block = variant === "invalid" ? { maxBytes: 0n, maxGas: -1n } : p.block;
      const msg = MsgUpdateParams.fromPartial({ authority: signer.bech32, block, evidence: p.evidence, validator: p.validator });
      const msgs = [{ typeUrl: MsgUpdateParams.typeUrl, value: msg }];
      const expect = signer !== env.authority ? expectError(ErrInvalidSigner) : variant === "invalid" ? expectError(ErrInternal) : EXPECT_OK;
      // No amino form: always SIGN_MODE_DIRECT.
      return { msgs, tx: env.sign(signer, msgs, { mode: "direct" }), expect, after: readBack(msg) };
    },
  });
  return {
    module: "consensus",
    genesis(g: SimGenesis) {
      g.consensusParams = ConsensusParams.fromPartial({ ...g.consensusParams, ...randomConsensusParams(g.r) });
    },
    operations: [update("authority"), update("unauthorized"), update("invalid")],
    invariants: [
      {
        name: "valid-params",
        check: (i) => {
          const p = keeper.get(i.ctx);
          if (p === undefined) return { broken: true, message: "consensus: valid-params invariant\n\tno consensus params stored\n" };
          try {
            validateConsensusParams(p);
            return { broken: false, message: "" };
          } catch (err) {
            return { broken: true, message: `consensus: valid-params invariant\n\t${(err as Error).message}\n` };
          }
        },
      },
    ],
  };
}
