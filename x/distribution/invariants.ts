/**
 * x/distribution's invariants, the SDK's four (x/distribution/keeper/invariants.go), as plain
 * functions tests call after every block (chain/invariants.ts). Each returns a result instead of
 * throwing.
 *
 * - nonnegative-outstanding: no validator's outstanding rewards hold a negative coin.
 * - can-withdraw: on a throwaway branch, every validator withdraws its commission and every
 *   delegator its rewards; what is left of each validator's outstanding rewards is not negative
 *   (only rounding dust remains).
 * - reference-count: the historical records' reference counts add up to one per validator, one per
 *   delegation and one per slash event.
 * - module-account: the distribution module account holds the community pool plus every
 *   outstanding reward, truncated to whole coins.
 */
import { Context } from "../../app/context";
import { AppError } from "../../app/errors";
import { EventManager } from "../../app/events";
import { BranchMultiStore } from "../../app/store/branch-multi-store";
import { CacheKVStore } from "../../app/store/cache-kv-store";
import { DecCoins } from "../../app/math";
import type { DistributionStakingReader } from "./expected-keepers";
import type { DistributionKeeper } from "./keeper";

export interface InvariantResult {
  readonly name: string;
  readonly broken: boolean;
  readonly message: string;
}

const result = (name: string, problems: readonly string[]): InvariantResult => ({ name, broken: problems.length > 0, message: problems.join("\n") });

export interface InvariantDeps {
  readonly keeper: DistributionKeeper;
  readonly staking: DistributionStakingReader;
  readonly stakingStore: string;
}

export function nonNegativeOutstandingInvariant(ctx: Context, d: InvariantDeps): InvariantResult {
  const problems: string[] = [];
  for (const [v, rewards] of d.keeper.allOutstanding(d.keeper.store(ctx))) {
    if (rewards.isAnyNegative()) problems.push(`${d.keeper.addresses.encodeValidator(v)} has negative outstanding coins: ${rewards.toString()}`);
  }
  return result("nonnegative-outstanding", problems);
}

/**
 * A throwaway layer over whatever `ctx` reads (a block branch or a committed, read-only version):
 * writes land in fresh caches that are never written back.
 */
function scratch(ctx: Context): Context {
  const stores = new BranchMultiStore((name) => new CacheKVStore(ctx.multiStore.getStore(name)));
  return new Context(stores, ctx.header, ctx.mode, ctx.logger, { events: new EventManager(), comet: ctx.comet, consensusParams: ctx.consensusParams });
}

export function canWithdrawInvariant(ctx: Context, d: InvariantDeps): InvariantResult {
  const k = d.keeper;
  const branch = scratch(ctx);
  const staking = branch.kvStore(d.stakingStore);
  const byValidator = new Map<string, Uint8Array[]>();
  for (const del of d.staking.allDelegations(staking)) {
    const list = byValidator.get(del.validatorAddress) ?? [];
    list.push(k.addresses.decodeAccount(del.delegatorAddress));
    byValidator.set(del.validatorAddress, list);
  }
  const problems: string[] = [];
  for (const v of [...d.staking.allValidators(staking)]) {
    const operator = k.addresses.decodeValidator(v.operatorAddress);
    try {
      k.withdrawValidatorCommission(branch, operator);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
    for (const delegator of byValidator.get(v.operatorAddress) ?? []) {
      try {
        k.withdrawDelegatorReward(branch, delegator, operator);
      } catch (err) {
        problems.push(`${k.addresses.encodeAccount(delegator)} cannot withdraw from ${v.operatorAddress}: ${(err as Error).message}`);
      }
    }
    const remaining: DecCoins = k.outstanding(k.store(branch), operator);
    if (remaining.isAnyNegative()) problems.push(`${v.operatorAddress}: outstanding after every withdrawal is ${remaining.toString()}`);
  }
  return result("can-withdraw", problems);
}

export function referenceCountInvariant(ctx: Context, d: InvariantDeps): InvariantResult {
  const k = d.keeper;
  const staking = ctx.kvStore(d.stakingStore);
  const store = k.store(ctx);
  let validators = 0n;
  for (const _ of d.staking.allValidators(staking)) validators++;
  let delegations = 0n;
  for (const _ of d.staking.allDelegations(staking)) delegations++;
  let slashes = 0n;
  for (const _ of k.allSlashEvents(store)) slashes++;
  let count = 0n;
  for (const [, , h] of k.allHistorical(store)) count += BigInt(h.referenceCount);
  const expected = validators + delegations + slashes;
  return result(
    "reference-count",
    count === expected ? [] : [`expected historical reference count: ${expected} = ${validators} validators + ${delegations} delegations + ${slashes} slashes; total validator historical reference count: ${count}`],
  );
}

export function moduleAccountInvariant(ctx: Context, d: InvariantDeps): InvariantResult {
  const k = d.keeper;
  const store = k.store(ctx);
  const expected = k.communityPool(store).add(k.totalOutstanding(store));
  const [expectedInt] = expected.truncateDecimal();
  const balances = k.bank.getAllBalances(ctx, k.moduleAddress);
  return result("module-account", balances.equal(expectedInt) ? [] : [`expected ModuleAccount coins: ${expected.toString()}, distribution ModuleAccount coins: ${balances.toString()}`]);
}

export function distributionInvariants(ctx: Context, d: InvariantDeps): InvariantResult[] {
  return [nonNegativeOutstandingInvariant(ctx, d), canWithdrawInvariant(ctx, d), referenceCountInvariant(ctx, d), moduleAccountInvariant(ctx, d)];
}

/** Throws, listing every broken invariant. */
export function assertDistributionInvariants(ctx: Context, d: InvariantDeps): void {
  const broken = distributionInvariants(ctx, d).filter((r) => r.broken);
  if (broken.length > 0) throw new Error(`broken distribution invariants:\n${broken.map((r) => `${r.name}: ${r.message}`).join("\n")}`);
}
