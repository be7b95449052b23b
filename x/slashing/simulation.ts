/**
 * x/slashing (with x/evidence) in the seeded simulation (sim/types.ts).
 *
 * Genesis: slashing params within the SDK's genesis bounds, with short windows and jails now and
 * then, so that downtime jails validators within a run. The CometBFT stand-in (sim/comet.ts)
 * already draws absent validators; this module asks it for double-sign misbehavior too, which
 * x/evidence punishes (slash, jail, tombstone).
 *
 * Operations: unjail, predicted with the keeper's checks in the SDK's order (self-delegation at
 * least the minimum, jailed, not tombstoned, past jailed_until, then the cap on re-entry), so that
 * every refusal is an expected one; unjail of a validator that is not jailed (slashing/5);
 * params through the authority, from anyone else (gov/13), and invalid (undefined/1).
 *
 * Invariants: missed-blocks-counter and tombstoned-jailed (invariants.ts). Export difference: an
 * all-zero bitmap chunk (an export carries set bits only) counts as no chunk.
 */
import { MsgUnjail, MsgUpdateParams } from "cosmjs-types/cosmos/slashing/v1beta1/tx";
import type { Params } from "cosmjs-types/cosmos/slashing/v1beta1/slashing";
import type { Validator } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { ErrInternal } from "../../app/errors";
import { Dec, Int } from "../../app/math";
import type { SimRandom } from "../../sim/random";
import { EXPECT_OK, expectError, type Expectation, type ModuleSimulation, type OpEnv, type SimOperation } from "../../sim/types";
import { aboveCap } from "../staking/cap";
import { ErrValidatorPowerCapExceeded } from "../staking/errors";
import type { StakingKeeper } from "../staking/keeper";
import { isBonded, tokensOf } from "../staking/validator";
import { ErrGovInvalidSigner, ErrSelfDelegationTooLowToUnjail, ErrValidatorJailed, ErrValidatorNotJailed } from "./errors";
import { setBits } from "./bitmap";
import { slashingGenesisToJson } from "./genesis";
import type { SlashingKeeper } from "./keeper";
import { decToBytes } from "./params";
import { SLASHING_STORE } from "./state-keys";
import { missedBlocksCounterInvariant, tombstonedJailedInvariant, type InvariantResult } from "./invariants";

/** Chance per block (1/1000) of a double sign: a few per run of a few hundred blocks. */
const DOUBLE_SIGN_PER_MILLE = 8;

const perMille = (n: number): Dec => Dec.withPrec(BigInt(n), 3);

/** Params inside the SDK's genesis bounds (window >= 10, jail >= 1 minute, fractions in [0, 1]). */
export function randomSlashingParams(r: SimRandom): Params {
  return {
    signedBlocksWindow: r.chance(1, 2) ? r.bigint(10n, 60n) : r.bigint(60n, 400n),
    minSignedPerWindow: decToBytes(perMille(r.int(50, 800))),
    downtimeJailDuration: { seconds: r.chance(3, 4) ? r.bigint(60n, 300n) : r.bigint(300n, 3_600n), nanos: 0 },
    slashFractionDoubleSign: decToBytes(perMille(r.int(0, 200))),
    slashFractionDowntime: decToBytes(perMille(r.int(0, 50))),
  };
}

const nanosOf = (t: { seconds: bigint; nanos: number }): bigint => t.seconds * 1_000_000_000n + BigInt(t.nanos);

export function slashingSimulation(k: SlashingKeeper, staking: StakingKeeper): ModuleSimulation {
  /** The self-delegation's tokens, as MsgUnjail values it (truncated), or undefined without one. */
  const selfBond = (env: OpEnv, v: Validator, operator: Uint8Array): bigint | undefined => {
    const d = staking.getDelegation(env.ctx, operator, operator);
    if (d === undefined) return undefined;
    return Dec.fromProto(d.shares).mulInt(Int.fromProto(v.tokens)).quo(Dec.fromProto(v.delegatorShares)).truncateInt().toBigInt();
  };

  /** What MsgUnjail of `v` gives on the block so far, in the keeper's order of checks. */
  const unjailOutcome = (env: OpEnv, v: Validator, operator: Uint8Array): Expectation | undefined => {
    const bond = selfBond(env, v, operator);
    // No self-delegation: staking/19 from the store lookup; the operations leave such validators alone.
    if (bond === undefined) return undefined;
    if (bond < Int.fromProto(v.minSelfDelegation).toBigInt()) return expectError(ErrSelfDelegationTooLowToUnjail);
    if (!v.jailed) return expectError(ErrValidatorNotJailed);
    const info = k.getSigningInfo(env.ctx, staking.consAddress(v));
    if (info !== undefined && (info.tombstoned || nanosOf(env.time) < nanosOf(info.jailedUntil))) return expectError(ErrValidatorJailed);
    if (!isBonded(v)) {
      const { cap, binding } = staking.capStatus(env.ctx);
      if (binding) {
        const t = tokensOf(v).toBigInt();
        const total = staking.totalBondedTokens(env.ctx).toBigInt() + t;
        if (aboveCap(cap, t, total)) return expectError(ErrValidatorPowerCapExceeded);
      }
    }
    return EXPECT_OK;
  };

  const unjail = (jailed: boolean): SimOperation => ({
    name: jailed ? "unjail" : "unjail-not-jailed",
    weight: jailed ? 20 : 2,
    generate(env) {
      const candidates = [...staking.allValidators(staking.store(env.ctx))].filter((v) => v.jailed === jailed);
      // Mostly the validators that may leave jail (the others are refused: slashing/4 for jail time
      // or a tombstone, 7 for a self-delegation that staking operations took below the minimum).
      const free = candidates.filter((v) => unjailOutcome(env, v, staking.operatorBytes(v))?.ok === true);
      const v = env.r.maybePick(free.length > 0 && env.r.chance(4, 5) ? free : candidates);
      if (v === undefined) return undefined;
      const operator = staking.operatorBytes(v);
      const signer = env.accounts.get(operator);
      if (signer === undefined) return undefined;
      const expect = unjailOutcome(env, v, operator);
      if (expect === undefined) return undefined;
      const msgs = [{ typeUrl: MsgUnjail.typeUrl, value: MsgUnjail.fromPartial({ validatorAddr: v.operatorAddress }) }];
      const after = (ctx: OpEnv["ctx"]): string | undefined =>
        expect.ok && staking.getValidator(ctx, operator)?.jailed !== false ? `${v.operatorAddress} is still jailed after a successful unjail` : undefined;
      return { msgs, tx: env.sign(signer, msgs), expect, after };
    },
  });

  const updateParams = (variant: "authority" | "unauthorized" | "invalid"): SimOperation => ({
    name: variant === "authority" ? "update-params" : `update-params-${variant}`,
    weight: variant === "authority" ? 2 : 1,
    generate(env) {
      const signer = variant === "unauthorized" ? (env.accounts.randomOther(env.r, env.authority) ?? env.authority) : env.authority;
      const params = randomSlashingParams(env.r);
      if (variant === "invalid") params.signedBlocksWindow = 0n;
      const msgs = [{ typeUrl: MsgUpdateParams.typeUrl, value: MsgUpdateParams.fromPartial({ authority: signer.bech32, params }) }];
      const expect = signer !== env.authority ? expectError(ErrGovInvalidSigner) : variant === "invalid" ? expectError(ErrInternal) : EXPECT_OK;
      return { msgs, tx: env.sign(signer, msgs), expect };
    },
  });

  return {
    module: "slashing",
    genesis(g) {
      g.appState["slashing"] = slashingGenesisToJson({ params: randomSlashingParams(g.r), signingInfos: [], missedBlocks: [] });
    },
    comet: { doubleSignPerMille: DOUBLE_SIGN_PER_MILLE },
    exportDifferences: [
      {
        store: SLASHING_STORE,
        prefix: Uint8Array.of(0x02),
        reason: "a missed-block bitmap chunk whose bits were all cleared again is stored, but an export lists missed blocks only (as the SDK's)",
        absentIf: (chunk) => setBits(chunk).length === 0,
      },
    ],
    operations: [unjail(true), unjail(false), updateParams("authority"), updateParams("unauthorized"), updateParams("invalid")],
    invariants: [
      { name: "missed-blocks-counter", check: (i) => sdkFormat(missedBlocksCounterInvariant(i.ctx, k)) },
      // Invariants read committed state: EndBlock has run.
      { name: "tombstoned-jailed", check: (i) => sdkFormat(tombstonedJailedInvariant(i.ctx, k, true)) },
    ],
  };
}

function sdkFormat(res: InvariantResult): { broken: boolean; message: string } {
  return { broken: res.broken, message: `slashing: ${res.name} invariant\n${res.message}\n` };
}
