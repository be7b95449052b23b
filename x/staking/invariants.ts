/**
 * x/staking's invariants (x/staking/keeper/invariants.go in SDK v0.50) plus the cap's, as plain
 * functions tests (and a future crisis-like check) call after every block or tx. Each returns a
 * result instead of throwing; `assertStakingInvariants` throws with every broken one.
 */
import type { Context } from "../../app/context";
import { Dec, Int } from "../../app/math";
import { equalBytes } from "../../app/store";
import type { Bytes } from "../../app/store/types";
import { aboveCap, capEnabled, minValidatorsForCap } from "./cap";
import type { StakingKeeper } from "./keeper";
import { PowerIndexKeyCodec, ValidatorsByPower } from "./state-keys";
import { delegatorSharesOf, isBonded, isUnbonded, isUnbonding, potentialConsensusPower, tokensOf } from "./validator";

export interface InvariantResult {
  readonly name: string;
  readonly broken: boolean;
  readonly message: string;
}

const result = (name: string, problems: readonly string[]): InvariantResult => ({ name, broken: problems.length > 0, message: problems.join("\n") });

/**
 * module-accounts: the bonded pool holds exactly the bonded validators' tokens; the not-bonded
 * pool the unbonding and unbonded validators' tokens plus every unbonding entry's balance.
 */
export function moduleAccountsInvariant(ctx: Context, k: StakingKeeper): InvariantResult {
  const store = k.store(ctx);
  let bonded = 0n;
  let notBonded = 0n;
  for (const v of k.allValidators(store)) {
    if (isBonded(v)) bonded += tokensOf(v).toBigInt();
    else if (isUnbonding(v) || isUnbonded(v)) notBonded += tokensOf(v).toBigInt();
    else return result("module-accounts", [`invalid validator status for ${v.operatorAddress}`]);
  }
  for (const u of k.allUnbondingDelegations(store)) for (const e of u.entries) notBonded += Int.fromProto(e.balance).toBigInt();
  const denom = k.bondDenom(ctx);
  const poolBonded = k.bankKeeper.getBalance(ctx, k.bondedPoolAddress, denom).amount.toBigInt();
  const poolNotBonded = k.bankKeeper.getBalance(ctx, k.notBondedPoolAddress, denom).amount.toBigInt();
  const problems: string[] = [];
  if (poolBonded !== bonded) problems.push(`bonded pool holds ${poolBonded}${denom}, bonded validators have ${bonded}${denom}`);
  if (poolNotBonded !== notBonded) problems.push(`not bonded pool holds ${poolNotBonded}${denom}, unbonding/unbonded validators and entries have ${notBonded}${denom}`);
  return result("module-accounts", problems);
}

/** nonnegative-power: every power index entry is at the key its validator's tokens give; no negative tokens. */
export function nonNegativePowerInvariant(ctx: Context, k: StakingKeeper): InvariantResult {
  const store = k.store(ctx);
  const problems: string[] = [];
  for (const [key, operator] of ValidatorsByPower.entries(store, { reverse: true })) {
    const v = k.getValidator(ctx, operator);
    if (v === undefined) {
      problems.push(`power index points at a missing validator ${Buffer.from(operator).toString("hex")}`);
      continue;
    }
    const expected = PowerIndexKeyCodec.encode({ power: potentialConsensusPower(v), operator: k.operatorBytes(v) });
    if (!equalBytes(PowerIndexKeyCodec.encode(key), expected)) problems.push(`power index key of ${v.operatorAddress} is stale (power ${key.power}, tokens ${v.tokens})`);
    if (tokensOf(v).isNegative()) problems.push(`negative tokens for validator ${v.operatorAddress}`);
  }
  return result("nonnegative-power", problems);
}

/** positive-delegation: no delegation with zero or negative shares is kept. */
export function positiveDelegationInvariant(ctx: Context, k: StakingKeeper): InvariantResult {
  const problems: string[] = [];
  for (const d of k.allDelegations(k.store(ctx))) {
    const shares = Dec.fromProto(d.shares);
    if (!shares.isPositive()) problems.push(`delegation ${d.delegatorAddress} -> ${d.validatorAddress} has shares ${shares.toString()}`);
  }
  return result("positive-delegation", problems);
}

/** delegator-shares: each validator's delegator_shares equals the sum of its delegations' shares. */
export function delegatorSharesInvariant(ctx: Context, k: StakingKeeper): InvariantResult {
  const store = k.store(ctx);
  const problems: string[] = [];
  for (const v of k.allValidators(store)) {
    let sum = Dec.zero();
    for (const d of k.validatorDelegations(store, k.operatorBytes(v))) sum = sum.add(Dec.fromProto(d.shares));
    if (!sum.equal(delegatorSharesOf(v))) problems.push(`${v.operatorAddress}: delegator_shares ${delegatorSharesOf(v).toString()}, sum of delegations ${sum.toString()}`);
  }
  return result("delegator-shares", problems);
}

/**
 * The cap after a tx that brought new stake to `operator` (a delegation, the destination of a
 * redelegation, a cancelled unbonding, a created validator) and succeeded: while the cap binds,
 * the validator holds at most the cap of the bonded tokens of the set it is in, or would be in once
 * bonded (T for a bonded validator, T + its tokens for one outside the set).
 */
export function capAfterStakeInvariant(ctx: Context, k: StakingKeeper, operator: Bytes): InvariantResult {
  const v = k.getValidator(ctx, operator);
  const { cap, binding } = k.capStatus(ctx);
  if (v === undefined || !binding) return result("validator-power-cap", []);
  const bonded = k.totalBondedTokens(ctx).toBigInt();
  const t = tokensOf(v).toBigInt();
  const total = isBonded(v) ? bonded : bonded + t;
  return result("validator-power-cap", aboveCap(cap, t, total) ? [`${v.operatorAddress} holds ${t} of ${total} tokens it is measured against, above the cap ${cap.toString()}`] : []);
}

/**
 * The cap after an EndBlock: every validator that entered the bonded set in it (bonded now, not
 * in `before`, the operators bonded when the EndBlock began) holds at most the cap of the bonded
 * tokens, unless the cap did not bind, or keeping it out would have left fewer than ceil(1/cap)
 * validators bonded.
 */
export function capAfterEndBlockInvariant(ctx: Context, k: StakingKeeper, before: readonly Bytes[], bindingBefore: boolean): InvariantResult {
  const { cap } = k.capStatus(ctx);
  if (!bindingBefore || !capEnabled(cap)) return result("validator-power-cap-entry", []);
  const store = k.store(ctx);
  const total = k.totalBondedTokens(ctx).toBigInt();
  const bondedNow = k.lastValidators(store);
  if (BigInt(bondedNow.length) <= minValidatorsForCap(cap)) return result("validator-power-cap-entry", []);
  const problems: string[] = [];
  for (const v of bondedNow) {
    const operator = k.operatorBytes(v);
    if (before.some((b) => equalBytes(b, operator))) continue;
    const t = tokensOf(v).toBigInt();
    if (aboveCap(cap, t, total)) problems.push(`${v.operatorAddress} entered the set with ${t} of ${total} bonded tokens, above the cap ${cap.toString()}`);
  }
  return result("validator-power-cap-entry", problems);
}

export function stakingInvariants(ctx: Context, k: StakingKeeper): InvariantResult[] {
  return [moduleAccountsInvariant(ctx, k), nonNegativePowerInvariant(ctx, k), positiveDelegationInvariant(ctx, k), delegatorSharesInvariant(ctx, k)];
}

/** Throws, listing every broken invariant. */
export function assertStakingInvariants(ctx: Context, k: StakingKeeper): void {
  const broken = stakingInvariants(ctx, k).filter((r) => r.broken);
  if (broken.length > 0) throw new Error(`broken staking invariants:\n${broken.map((r) => `${r.name}: ${r.message}`).join("\n")}`);
}
