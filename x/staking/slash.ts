/**
 * Slash, Jail, Unjail (x/staking/keeper/slash.go in SDK v0.50), the entry points slashing and
 * evidence call.
 *
 * Slash burns trunc(tokensFromConsensusPower(power) * fraction): first from unbonding delegations
 * and redelegations created at or after the infraction height and not yet mature (by their
 * initial_balance), the rest from the validator's tokens (capped at what it has), from the bonded
 * or the not-bonded pool according to where those tokens are.
 */
import { BondStatus, type Redelegation, type UnbondingDelegation, type Validator } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import type { Context } from "../../app/context";
import { Dec, Int, sdkPanic } from "../../app/math";
import { ErrNoValidatorFound } from "./errors";
import type { StakingKeeper } from "./keeper";
import { plainError } from "./params";
import { jailValidator, unjailValidator } from "./val-state-change";
import { isBonded, isMature, isOnHold, isUnbonded, isUnbonding, tokensFromConsensusPower, tokensOf } from "./validator";

export function slash(k: StakingKeeper, ctx: Context, consAddr: Uint8Array, infractionHeight: bigint, power: bigint, slashFactor: Dec): Int {
  if (slashFactor.isNegative()) throw plainError(`attempted to slash with a negative slash factor: ${slashFactor.toString()}`);
  const amount = tokensFromConsensusPower(power);
  const slashAmount = Dec.fromInt(amount).mul(slashFactor).truncateInt();

  let validator = k.getValidatorByConsAddr(ctx, consAddr);
  if (validator === undefined) {
    // Overslashed and removed earlier: nothing left to do (the SDK logs and returns 0).
    ctx.logger.error("WARNING: ignored attempt to slash a nonexistent validator; we recommend you investigate immediately", {
      module: "x/staking",
      validator: k.addresses.encodeConsensus(consAddr),
    });
    return Int.zero();
  }
  if (isUnbonded(validator)) throw plainError(`should not be slashing unbonded validator: ${validator.operatorAddress}`);
  const operator = k.operatorBytes(validator);
  k.callLogged(ctx, "before validator modified", () => k.hooks.beforeValidatorModified(ctx, operator));

  let remaining = slashAmount;
  if (infractionHeight > ctx.height) {
    throw plainError(`impossible attempt to slash future infraction at height ${infractionHeight} but we are at height ${ctx.height}`);
  } else if (infractionHeight === ctx.height) {
    ctx.logger.info("slashing at current height; not scanning unbonding delegations & redelegations", { module: "x/staking", height: infractionHeight });
  } else {
    for (const ubd of [...k.validatorUnbondingDelegations(k.store(ctx), operator)]) {
      const slashed = slashUnbondingDelegation(k, ctx, ubd, infractionHeight, slashFactor);
      if (!slashed.isZero()) remaining = remaining.sub(slashed);
    }
    for (const red of [...k.redelegationsFromValidator(k.store(ctx), operator)]) {
      const slashed = slashRedelegation(k, ctx, validator, red, infractionHeight, slashFactor);
      if (!slashed.isZero()) remaining = remaining.sub(slashed);
    }
  }

  let toBurn = Int.min(remaining, tokensOf(validator));
  toBurn = Int.max(toBurn, Int.zero());
  if (toBurn.isZero()) {
    ctx.logger.info("no validator slashing because slash amount is zero", { module: "x/staking", validator: validator.operatorAddress });
    return Int.zero();
  }

  const tokens = tokensOf(validator);
  if (tokens.isPositive()) {
    let effective = Dec.fromInt(toBurn).quoRoundUp(Dec.fromInt(tokens));
    if (effective.gt(Dec.one())) effective = Dec.one();
    k.callLogged(ctx, "before validator slashed", () => k.hooks.beforeValidatorSlashed(ctx, operator, effective));
  }

  validator = k.removeValidatorTokens(ctx, validator, toBurn);
  switch (validator.status) {
    case BondStatus.BOND_STATUS_BONDED:
      k.burnBondedTokens(ctx, toBurn);
      break;
    case BondStatus.BOND_STATUS_UNBONDING:
    case BondStatus.BOND_STATUS_UNBONDED:
      k.burnNotBondedTokens(ctx, toBurn);
      break;
    default:
      throw sdkPanic("invalid validator status");
  }
  ctx.logger.info("validator slashed by slash factor", { module: "x/staking", validator: validator.operatorAddress, slash_factor: slashFactor.toString(), burned: toBurn.toString() });
  return toBurn;
}

/**
 * SlashUnbondingDelegation: each entry created at or after the infraction and not mature loses
 * trunc(fraction * initial_balance), at most its balance; burned from the not-bonded pool. Returns
 * the amount that would have been slashed (before capping at balances).
 */
export function slashUnbondingDelegation(k: StakingKeeper, ctx: Context, ubd: UnbondingDelegation, infractionHeight: bigint, slashFactor: Dec): Int {
  let total = Int.zero();
  let burned = Int.zero();
  const delegator = k.addresses.decodeAccount(ubd.delegatorAddress);
  const validator = k.addresses.decodeValidator(ubd.validatorAddress);
  let entries = ubd.entries;
  for (const [i, entry] of ubd.entries.entries()) {
    if (entry.creationHeight < infractionHeight) continue;
    if (isMature(entry, ctx.blockTime) && !isOnHold(entry)) continue;
    const amount = slashFactor.mulInt(Int.fromProto(entry.initialBalance)).truncateInt();
    total = total.add(amount);
    const balance = Int.fromProto(entry.balance);
    const cut = Int.min(amount, balance);
    if (cut.isZero()) continue;
    burned = burned.add(cut);
    entries = entries.map((e, j) => (j === i ? { ...e, balance: balance.sub(cut).toProto() } : e));
    k.setUnbondingDelegation(ctx, delegator, validator, { ...ubd, entries });
  }
  k.burnNotBondedTokens(ctx, burned);
  return total;
}

/**
 * SlashRedelegation: each entry from this source created at or after the infraction and not
 * mature costs trunc(fraction * initial_balance): first from the delegator's unbonding entries at
 * the destination, then by unbonding fraction * shares_dst from the destination delegation, burned
 * from the pool the destination's tokens are in.
 */
export function slashRedelegation(k: StakingKeeper, ctx: Context, _src: Validator, red: Redelegation, infractionHeight: bigint, slashFactor: Dec): Int {
  let total = Int.zero();
  let bondedBurned = Int.zero();
  let notBondedBurned = Int.zero();
  const dst = k.addresses.decodeValidator(red.validatorDstAddress);
  const delegator = k.addresses.decodeAccount(red.delegatorAddress);

  for (const entry of red.entries) {
    if (entry.creationHeight < infractionHeight) continue;
    if (isMature(entry, ctx.blockTime) && !isOnHold(entry)) continue;
    let amount = slashFactor.mulInt(Int.fromProto(entry.initialBalance)).truncateInt();
    total = total.add(amount);

    // Undelegations made after the redelegation are slashed first.
    const ubd = k.getUnbondingDelegation(ctx, delegator, dst);
    if (ubd !== undefined) {
      let entries = ubd.entries;
      for (const [i, u] of ubd.entries.entries()) {
        const balance = Int.fromProto(u.balance);
        const cut = Int.min(amount, balance);
        if (cut.isZero()) continue;
        if (u.creationHeight < infractionHeight) continue;
        if (isMature(u, ctx.blockTime) && !isOnHold(u)) continue;
        amount = amount.sub(cut);
        notBondedBurned = notBondedBurned.add(cut);
        entries = entries.map((e, j) => (j === i ? { ...e, balance: balance.sub(cut).toProto() } : e));
        k.setUnbondingDelegation(ctx, delegator, dst, { ...ubd, entries });
      }
    }

    let sharesToUnbond = slashFactor.mul(Dec.fromProto(entry.sharesDst));
    if (sharesToUnbond.isZero() || amount.isZero()) continue;
    const delegation = k.getDelegation(ctx, delegator, dst);
    if (delegation === undefined) continue; // deleted: no shares left to unbond
    const held = Dec.fromProto(delegation.shares);
    if (sharesToUnbond.gt(held)) sharesToUnbond = held;
    const tokensToBurn = k.unbond(ctx, delegator, dst, sharesToUnbond);
    const dstValidator = k.getValidator(ctx, dst);
    if (dstValidator === undefined) throw ErrNoValidatorFound.wrap();
    if (isBonded(dstValidator)) bondedBurned = bondedBurned.add(tokensToBurn);
    else if (isUnbonded(dstValidator) || isUnbonding(dstValidator)) notBondedBurned = notBondedBurned.add(tokensToBurn);
    else throw sdkPanic("unknown validator status");
  }
  k.burnBondedTokens(ctx, bondedBurned);
  k.burnNotBondedTokens(ctx, notBondedBurned);
  return total;
}

/** Jail by consensus address (slashing's downtime and double-sign handling). */
export function jail(k: StakingKeeper, ctx: Context, consAddr: Uint8Array): void {
  const v = k.getValidatorByConsAddr(ctx, consAddr);
  if (v === undefined) throw sdkPanic(`validator with consensus-Address ${k.addresses.encodeConsensus(consAddr)} not found`);
  jailValidator(k, ctx, v);
  ctx.logger.info("validator jailed", { module: "x/staking", validator: k.addresses.encodeConsensus(consAddr) });
}

/**
 * Unjail by consensus address (MsgUnjail), after the decentralization cap's re-entry check (a
 * validator outside the set whose return would exceed the cap stays jailed: plume-staking/2).
 */
export function unjail(k: StakingKeeper, ctx: Context, consAddr: Uint8Array): void {
  const v = k.getValidatorByConsAddr(ctx, consAddr);
  if (v === undefined) throw sdkPanic(`validator with consensus-Address ${k.addresses.encodeConsensus(consAddr)} not found`);
  // plumed: the decentralization cap governs a return to the set (the SDK has no cap).
  if (v.jailed) k.checkCapOnReentry(ctx, v);
  unjailValidator(k, ctx, v);
  ctx.logger.info("validator un-jailed", { module: "x/staking", validator: k.addresses.encodeConsensus(consAddr) });
}
