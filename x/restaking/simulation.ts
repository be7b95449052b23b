/**
 * x/restaking in the seeded simulation (sim/types.ts).
 *
 * Genesis: a compound_interval of 1 to 20 blocks, so that pools compound many times in a run.
 *
 * Operations, each with its outcome predicted from the state: auto-compound on for a delegation
 * worth at least 1 PLUME on a validator that holds tokens (success; the pool compounds first and
 * the delegation joins it); auto-compound off for a member (success); on without a delegation
 * (restaking/3) and for a validator operator's self-delegation (restaking/4); params through the
 * authority and from anyone else (gov/13); restake rewards (MsgRestakeRewards) to a validator
 * that accepts stake, with its amount predicted from each delegation's pending rewards (what
 * distribution's withdrawal pays, truncated) and refused with restaking/10 when rewards go to
 * another withdraw address, restaking/9 when nothing is pending and plume-staking/2 past the cap;
 * afterwards the target holds exactly that many more tokens (plus its pool's compounding when the
 * new stake joins the pool). Members' stake then meets every other module's operations (staking's undelegations and redelegations reach it through the pooled-stake seam,
 * slashes hit the pools, distribution pays them).
 *
 * Invariants: pool-units, pool-delegation and idle-balance (invariants.ts).
 */
import type { Validator } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import { Dec, Int } from "../../app/math";
import { equalBytes } from "../../app/store/bytes";
import { MsgRestakeRewards, MsgSetAutoCompound, MsgUpdateParams } from "../../proto/plume/restaking/v1/tx";
import { EXPECT_OK, expectError, type Expectation, type ModuleSimulation, type OpEnv, type SimOperation, type SimTx } from "../../sim/types";
import type { DistributionKeeper } from "../distribution/keeper";
import { ErrValidatorPowerCapExceeded } from "../staking/errors";
import type { StakingKeeper } from "../staking/keeper";
import { invalidExRate } from "../staking/validator";
import { ErrGovInvalidSigner, ErrNoDelegation, ErrNothingToRestake, ErrSelfDelegation, ErrWithdrawAddressDiffers } from "./errors";
import { restakingGenesisToJson } from "./genesis";
import { idleBalanceInvariant, poolDelegationInvariant, poolUnitsInvariant, type InvariantResult } from "./invariants";
import type { RestakingKeeper } from "./keeper";
import { tokensFromShares } from "./pool-math";

/** 1 PLUME: below this a delegation or a pool is left alone (units of a dust delegation could round to nothing). */
const MIN_TOKENS = 1_000_000n;

export function restakingSimulation(k: RestakingKeeper, staking: StakingKeeper, distribution: DistributionKeeper): ModuleSimulation {
  const validators = (env: OpEnv): Validator[] => [...staking.allValidators(staking.store(env.ctx))];
  const tokensOf = (v: Validator): bigint => Int.fromProto(v.tokens).toBigInt();
  /** The tokens a validator's compounding pool holds through its delegation. */
  const poolWorth = (env: OpEnv, v: Validator, operator: Uint8Array): bigint => tokensFromShares(v, k.poolShares(env.ctx, operator)).truncateInt().toBigInt();
  const msg = (delegator: string, validator: string, enabled: boolean): { typeUrl: string; value: MsgSetAutoCompound } => ({
    typeUrl: MsgSetAutoCompound.typeUrl,
    value: { delegatorAddress: delegator, validatorAddress: validator, enabled },
  });

  const optIn: SimOperation = {
    name: "auto-compound-on",
    weight: 10,
    generate(env): SimTx | undefined {
      const delegator = env.accounts.random(env.r);
      const candidates = [...staking.delegatorDelegations(staking.store(env.ctx), delegator.address)].filter((d) => {
        const operator = k.addresses.decodeValidator(d.validatorAddress);
        if (equalBytes(operator, delegator.address)) return false;
        const v = staking.getValidator(env.ctx, operator);
        if (v === undefined || tokensOf(v) < MIN_TOKENS) return false;
        if (tokensFromShares(v, Dec.fromProto(d.shares)).truncateInt().toBigInt() < MIN_TOKENS) return false;
        // A pool whose stake fell below 1 PLUME (slashed) is left alone too.
        return k.pool(k.store(env.ctx), operator) === undefined || poolWorth(env, v, operator) >= MIN_TOKENS;
      });
      const d = env.r.maybePick(candidates);
      if (d === undefined) return undefined;
      const msgs = [msg(delegator.bech32, d.validatorAddress, true)];
      const operator = k.addresses.decodeValidator(d.validatorAddress);
      const after = (ctx: OpEnv["ctx"]): string | undefined =>
        k.member(k.store(ctx), delegator.address, operator) === undefined || staking.getDelegation(ctx, delegator.address, operator) !== undefined
          ? `${delegator.bech32} is not in the pool of ${d.validatorAddress} with its whole delegation after auto-compound on`
          : undefined;
      return { msgs, tx: env.sign(delegator, msgs), expect: EXPECT_OK, after };
    },
  };

  const optOut: SimOperation = {
    name: "auto-compound-off",
    weight: 4,
    generate(env): SimTx | undefined {
      const members = [...k.members(k.store(env.ctx))];
      const m = env.r.maybePick(members);
      if (m === undefined) return undefined;
      const signer = env.accounts.get(m[0]);
      if (signer === undefined) return undefined;
      const msgs = [msg(signer.bech32, m[2].validatorAddress, false)];
      const after = (ctx: OpEnv["ctx"]): string | undefined =>
        k.member(k.store(ctx), m[0], m[1]) !== undefined ? `${signer.bech32} is still in the pool of ${m[2].validatorAddress} after auto-compound off` : undefined;
      return { msgs, tx: env.sign(signer, msgs), expect: EXPECT_OK, after };
    },
  };

  const refused = (self: boolean): SimOperation => ({
    name: self ? "auto-compound-self-delegation" : "auto-compound-no-delegation",
    weight: 1,
    generate(env): SimTx | undefined {
      const v = env.r.maybePick(validators(env));
      if (v === undefined) return undefined;
      const operator = staking.operatorBytes(v);
      if (self) {
        const signer = env.accounts.get(operator);
        if (signer === undefined) return undefined;
        const msgs = [msg(signer.bech32, v.operatorAddress, true)];
        return { msgs, tx: env.sign(signer, msgs), expect: expectError(ErrSelfDelegation) };
      }
      const signer = env.accounts.random(env.r);
      if (equalBytes(signer.address, operator)) return undefined;
      if (staking.getDelegation(env.ctx, signer.address, operator) !== undefined || k.member(k.store(env.ctx), signer.address, operator) !== undefined) return undefined;
      const msgs = [msg(signer.bech32, v.operatorAddress, true)];
      return { msgs, tx: env.sign(signer, msgs), expect: expectError(ErrNoDelegation) };
    },
  });

  /** What withdrawing every delegation of `delegator` pays it in `denom`, on a branch that is dropped. */
  const pendingRewards = (env: OpEnv, delegator: Uint8Array, denom: string): bigint => {
    let total = 0n;
    for (const d of staking.getDelegatorDelegations(env.ctx, delegator)) {
      const operator = k.addresses.decodeValidator(d.validatorAddress);
      const v = staking.getValidator(env.ctx, operator);
      if (v === undefined) continue;
      const store = distribution.store(env.ctx);
      const raw = distribution.pendingDelegationRewards(store, operator, v, d, env.height);
      const [whole] = raw.intersect(distribution.outstanding(store, operator)).truncateDecimal();
      total += whole.amountOf(denom).toBigInt();
    }
    return total;
  };

  const restakeRewards: SimOperation = {
    name: "restake-rewards",
    weight: 6,
    generate(env): SimTx | undefined {
      const d = env.r.maybePick([...staking.allDelegations(staking.store(env.ctx))]);
      if (d === undefined) return undefined;
      const signer = env.accounts.get(k.addresses.decodeAccount(d.delegatorAddress));
      if (signer === undefined) return undefined;
      const target = env.r.maybePick(validators(env).filter((v) => !invalidExRate(v)));
      if (target === undefined) return undefined;
      const operator = staking.operatorBytes(target);
      // A member of the target's pool puts the new stake into the pool: not into a worthless one.
      if (k.member(k.store(env.ctx), signer.address, operator) !== undefined && poolWorth(env, target, operator) < MIN_TOKENS) return undefined;
      const denom = staking.bondDenom(env.ctx);
      const amount = pendingRewards(env, signer.address, denom);
      const headroom = staking.incomingStakeHeadroom(env.ctx, target);
      let expect: Expectation = EXPECT_OK;
      if (!equalBytes(distribution.withdrawAddress(distribution.store(env.ctx), signer.address), signer.address)) expect = expectError(ErrWithdrawAddressDiffers);
      else if (amount === 0n) expect = expectError(ErrNothingToRestake);
      else if (headroom !== undefined && amount > headroom) expect = expectError(ErrValidatorPowerCapExceeded);
      const msgs = [{ typeUrl: MsgRestakeRewards.typeUrl, value: MsgRestakeRewards.fromPartial({ delegatorAddress: signer.bech32, validatorAddress: target.operatorAddress }) }];
      const tokensBefore = tokensOf(target);
      // A member's new stake joins the pool, which compounds first: the target then also gains
      // what the pool compounded (its lastCompounded).
      const member = k.member(k.store(env.ctx), signer.address, operator) !== undefined;
      const poolCompounds = member && staking.getDelegation(env.ctx, k.poolAddress, operator) !== undefined;
      const after = (ctx: OpEnv["ctx"]): string | undefined => {
        const now = staking.getValidator(ctx, operator);
        const gained = now === undefined ? undefined : tokensOf(now) - tokensBefore;
        const compounded = poolCompounds ? BigInt(k.pool(k.store(ctx), operator)?.lastCompounded || "0") : 0n;
        return gained === amount + compounded
          ? undefined
          : `restaking ${amount}${denom} of ${signer.bech32}'s rewards (${member ? `a member of the pool, which compounded ${compounded}` : "not a member of the pool"}) gave ${target.operatorAddress} ${gained ?? "?"} more tokens`;
      };
      return { msgs, tx: env.sign(signer, msgs), expect, after };
    },
  };

  const updateParams = (authorized: boolean): SimOperation => ({
    name: authorized ? "update-params" : "update-params-unauthorized",
    weight: 1,
    generate(env): SimTx | undefined {
      const signer = authorized ? env.authority : (env.accounts.randomOther(env.r, env.authority) ?? env.authority);
      const msgs = [{ typeUrl: MsgUpdateParams.typeUrl, value: MsgUpdateParams.fromPartial({ authority: signer.bech32, params: { compoundInterval: env.r.bigint(1n, 20n) } }) }];
      return { msgs, tx: env.sign(signer, msgs), expect: signer === env.authority ? EXPECT_OK : expectError(ErrGovInvalidSigner) };
    },
  });

  const format = (res: InvariantResult): { broken: boolean; message: string } => ({ broken: res.broken, message: `restaking: ${res.name} invariant\n${res.message}\n` });

  return {
    module: "restaking",
    genesis(g) {
      g.appState["restaking"] = restakingGenesisToJson({ params: { compoundInterval: g.r.bigint(1n, 20n) }, pools: [], members: [], lastCompoundHeight: 0n });
    },
    operations: [optIn, optOut, refused(false), refused(true), restakeRewards, updateParams(true), updateParams(false)],
    invariants: [
      { name: "pool-units", check: (i) => format(poolUnitsInvariant(i.ctx, k)) },
      { name: "pool-delegation", check: (i) => format(poolDelegationInvariant(i.ctx, k, staking.getDelegatorDelegations(i.ctx, k.poolAddress))) },
      { name: "idle-balance", check: (i) => format(idleBalanceInvariant(i.ctx, k)) },
    ],
  };
}
