/**
 * The validator set: ApplyAndReturnValidatorSetUpdates and the staking EndBlock
 * (x/staking/keeper/val_state_change.go in SDK v0.50), plus the status transitions and jailing.
 *
 * Cost per block: the bonded set as of the last block (<= max_validators records) and the top of
 * the power index (<= max_validators entries) are read; only validators whose power or status
 * changed are written; the queues are read only up to the block time. Nothing here iterates
 * delegations.
 */
import { BondStatus, type Validator } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import type { ValidatorUpdate } from "cosmjs-types/tendermint/abci/types";
import type { Context } from "../../app/context";
import { ErrPanic } from "../../app/errors";
import { Int, sdkPanic } from "../../app/math";
import { compareBytes } from "../../app/store";
import type { Bytes } from "../../app/store/types";
import { chooseBondedSet, type SetCandidate } from "./cap";
import { completeRedelegationEvent, completeUnbondingEvent } from "./events";
import { ErrValidatorJailed } from "./errors";
import type { StakingKeeper } from "./keeper";
import { cometPublicKey, decodeConsensusPubKey } from "./pubkey";
import { UnbondingType, Validators } from "./state-keys";
import { addDuration } from "./time";
import { consensusPower, isBonded, isUnbonded, isUnbonding, potentialConsensusPower, tokensOf } from "./validator";

/** ABCIValidatorUpdate: the consensus key with the validator's power (0 unless bonded). */
export function abciValidatorUpdate(v: Validator): ValidatorUpdate {
  return { pubKey: cometPublicKey(decodeConsensusPubKey(v.consensusPubkey)), power: consensusPower(v) };
}

export function abciValidatorUpdateZero(v: Validator): ValidatorUpdate {
  return { pubKey: cometPublicKey(decodeConsensusPubKey(v.consensusPubkey)), power: 0n };
}

/**
 * ApplyAndReturnValidatorSetUpdates: walks the power index from the top while fewer than
 * max_validators are taken, stopping at the first validator whose potential power is 0; bonds
 * the ones that were not bonded; reports every power that differs from last block's; sends the
 * ones that left the set (sorted by operator address) to Unbonding with power 0; moves the net
 * token amount between the pools once; stores the total power when anything changed.
 *
 * plumed: while the decentralization cap binds, the set is chosen by cap.ts's chooseBondedSet, which
 * keeps out an entrant (a validator not bonded now) that would enter above the cap; it stays as it
 * is (Unbonded or Unbonding, in the power index) and is considered again at every EndBlock. Keeping
 * a validator out never throws and never removes a bonded one, so EndBlock cannot halt on it.
 *
 * Returned updates: the new set's changes in power order, then the removals.
 */
export function applyAndReturnValidatorSetUpdates(k: StakingKeeper, ctx: Context): ValidatorUpdate[] {
  const maxValidators = k.getParams(ctx).maxValidators;
  const store = k.store(ctx);
  let totalPower = 0n;
  let notBondedToBonded = Int.zero();
  let bondedToNotBonded = Int.zero();
  const updates: ValidatorUpdate[] = [];

  // The last set, keyed by the operator's hex (a Map only for membership; never iterated for order).
  const last = new Map<string, { operator: Bytes; power: bigint }>();
  for (const [operator, power] of k.lastValidatorPowers(store)) last.set(Buffer.from(operator).toString("hex"), { operator, power });

  // Read before any write of this EndBlock: the cap binds on the set as of the last EndBlock.
  const { cap, binding } = k.capStatus(ctx);
  const index = powerIndexCandidates(k, ctx);
  const { chosen, keptOut } = chooseBondedSet((i) => index.at(i)?.candidate, maxValidators, cap, binding);
  index.close(); // everything chosen is read: the writes below never meet an open iterator
  const candidates = (i: number): IndexedCandidate => index.at(i) as IndexedCandidate;

  for (const i of keptOut) {
    const kept = candidates(i);
    ctx.logger.info("validator kept out of the bonded set by the decentralization cap", {
      module: "x/staking",
      validator: kept.validator.operatorAddress,
      tokens: kept.validator.tokens,
    });
  }

  for (const i of chosen) {
    const operator = candidates(i).operator;
    let validator = candidates(i).validator;
    if (isUnbonded(validator) || isUnbonding(validator)) {
      validator = bondValidator(k, ctx, validator);
      notBondedToBonded = notBondedToBonded.add(tokensOf(validator));
    } else if (!isBonded(validator)) {
      throw sdkPanic("unexpected validator status");
    }

    const hex = Buffer.from(operator).toString("hex");
    const old = last.get(hex);
    const newPower = consensusPower(validator);
    if (old === undefined || old.power !== newPower) {
      updates.push(abciValidatorUpdate(validator));
      k.setLastValidatorPower(ctx, operator, newPower);
    }
    last.delete(hex);
    totalPower += newPower;
  }

  const noLongerBonded = [...last.values()].map((e) => e.operator).sort(compareBytes);
  for (const operator of noLongerBonded) {
    const validator = beginUnbondingValidator(k, ctx, k.mustGetValidator(ctx, operator));
    bondedToNotBonded = bondedToNotBonded.add(tokensOf(validator));
    k.deleteLastValidatorPower(ctx, operator);
    updates.push(abciValidatorUpdateZero(validator));
  }

  if (notBondedToBonded.gt(bondedToNotBonded)) k.notBondedTokensToBonded(ctx, notBondedToBonded.sub(bondedToNotBonded));
  else if (notBondedToBonded.lt(bondedToNotBonded)) k.bondedTokensToNotBonded(ctx, bondedToNotBonded.sub(notBondedToBonded));

  if (updates.length > 0) k.setLastTotalPower(ctx, totalPower);
  return updates;
}

interface IndexedCandidate {
  readonly operator: Bytes;
  readonly validator: Validator;
  readonly candidate: SetCandidate;
}

/**
 * The power index from the top as a lazily read, cached list (index i -> the i-th validator), ending
 * at the first validator with potential power 0, as the SDK's walk stops there. Read before the set
 * is written, so every entry is the validator as it was when EndBlock began. A jailed validator in
 * the index is a broken invariant (the SDK panics).
 */
function powerIndexCandidates(k: StakingKeeper, ctx: Context): { at(i: number): IndexedCandidate | undefined; close(): void } {
  const iterator = k.validatorsByPowerIndex(k.store(ctx));
  const read: IndexedCandidate[] = [];
  let ended = false;
  const end = (): void => {
    ended = true;
    iterator.return?.();
  };
  return {
    at(i) {
      while (!ended && read.length <= i) {
        const next = iterator.next();
        if (next.done === true) {
          ended = true;
          break;
        }
        const validator = k.mustGetValidator(ctx, next.value);
        if (validator.jailed) throw sdkPanic("should never retrieve a jailed validator from the power store");
        if (potentialConsensusPower(validator) === 0n) {
          end();
          break;
        }
        read.push({ operator: next.value, validator, candidate: { tokens: tokensOf(validator).toBigInt(), bonded: isBonded(validator) } });
      }
      return read[i];
    },
    close: () => {
      if (!ended) end();
    },
  };
}

/** bondValidator: out of the power index, Bonded, back in, off the unbonding queue, afterValidatorBonded. */
export function bondValidator(k: StakingKeeper, ctx: Context, validator: Validator): Validator {
  k.deleteValidatorByPowerIndex(ctx, validator);
  const bonded: Validator = { ...validator, status: BondStatus.BOND_STATUS_BONDED };
  k.setValidator(ctx, bonded);
  k.setValidatorByPowerIndex(ctx, bonded);
  k.deleteValidatorQueue(ctx, bonded);
  k.hooks.afterValidatorBonded(ctx, k.consAddress(bonded), k.operatorBytes(bonded));
  return bonded;
}

/**
 * BeginUnbondingValidator: Unbonding from now until now + unbonding_time (and this height),
 * queued, a new unbonding id; afterValidatorBeginUnbonding, then afterUnbondingInitiated.
 */
export function beginUnbondingValidator(k: StakingKeeper, ctx: Context, validator: Validator): Validator {
  const params = k.getParams(ctx);
  k.deleteValidatorByPowerIndex(ctx, validator);
  if (!isBonded(validator)) throw sdkPanic(`should not already be unbonded or unbonding, validator: ${validator.operatorAddress}`);
  const id = k.incrementUnbondingId(ctx);
  const unbonding: Validator = {
    ...validator,
    status: BondStatus.BOND_STATUS_UNBONDING,
    unbondingTime: addDuration(ctx.blockTime, params.unbondingTime),
    unbondingHeight: ctx.height,
    unbondingIds: [...validator.unbondingIds, id],
  };
  k.setValidator(ctx, unbonding);
  k.setValidatorByPowerIndex(ctx, unbonding);
  k.insertUnbondingValidatorQueue(ctx, unbonding);
  const operator = k.operatorBytes(unbonding);
  k.hooks.afterValidatorBeginUnbonding(ctx, k.consAddress(unbonding), operator);
  k.setUnbondingIndex(ctx, id, Validators.storeKey(operator), UnbondingType.ValidatorUnbonding);
  k.hooks.afterUnbondingInitiated(ctx, id);
  return unbonding;
}

/** jailValidator: jailed validators leave the power index (and so the set, at the next EndBlock). */
export function jailValidator(k: StakingKeeper, ctx: Context, validator: Validator): void {
  if (validator.jailed) throw ErrValidatorJailed.wrap(`cannot jail already jailed validator, validator: ${validator.operatorAddress}`);
  const jailed = { ...validator, jailed: true };
  k.setValidator(ctx, jailed);
  k.deleteValidatorByPowerIndex(ctx, jailed);
}

export function unjailValidator(k: StakingKeeper, ctx: Context, validator: Validator): void {
  if (!validator.jailed) throw new Error(`cannot unjail already unjailed validator, validator: ${validator.operatorAddress}`);
  const free = { ...validator, jailed: false };
  k.setValidator(ctx, free);
  k.setValidatorByPowerIndex(ctx, free);
}

/**
 * BlockValidatorUpdates, the staking EndBlock: the set update first (so that an instant unbonding
 * period completes in the same block), then mature validators, unbonding delegations
 * (complete_unbonding) and redelegations (complete_redelegation), all by block time. A queued
 * pair whose completion fails (e.g. already completed) is skipped, as in the SDK.
 */
export function blockValidatorUpdates(k: StakingKeeper, ctx: Context): ValidatorUpdate[] {
  const updates = applyAndReturnValidatorSetUpdates(k, ctx);
  k.unbondAllMatureValidators(ctx);

  for (const pair of k.dequeueAllMatureUBDQueue(ctx, ctx.blockTime)) {
    const validator = k.addresses.decodeValidator(pair.validatorAddress);
    const delegator = k.addresses.decodeAccount(pair.delegatorAddress);
    let paid;
    try {
      paid = k.completeUnbonding(ctx, delegator, validator);
    } catch (err) {
      if (ErrPanic.is(err)) throw err;
      continue;
    }
    ctx.events.emit(completeUnbondingEvent(paid.toString(), pair.validatorAddress, pair.delegatorAddress));
  }

  for (const triplet of k.dequeueAllMatureRedelegationQueue(ctx, ctx.blockTime)) {
    const src = k.addresses.decodeValidator(triplet.validatorSrcAddress);
    const dst = k.addresses.decodeValidator(triplet.validatorDstAddress);
    const delegator = k.addresses.decodeAccount(triplet.delegatorAddress);
    let balances;
    try {
      balances = k.completeRedelegation(ctx, delegator, src, dst);
    } catch (err) {
      if (ErrPanic.is(err)) throw err;
      continue;
    }
    ctx.events.emit(completeRedelegationEvent(balances.toString(), triplet.delegatorAddress, triplet.validatorSrcAddress, triplet.validatorDstAddress));
  }
  return updates;
}
