/**
 * x/restaking's invariants, as plain functions tests call after every block (like
 * x/staking/invariants.ts). Each returns a result instead of throwing. They iterate members, so
 * they are for tests and simulation, never for a block.
 *
 * - pool-units: each pool's total_units is the sum of its members' units (by delegator and by
 *   the pool's member index); every member has positive units and a pool; every pool has
 *   positive units.
 * - pool-delegation: a pool's delegation (the module account's, in x/staking) exists iff its
 *   total_units > 0, and the module account has no delegation without a pool.
 * - idle-balance: the module account holds at least the pools' idle coins, per denom. (It may hold
 *   more: it is not a blocked address, since distribution pays the pools' rewards to it, so anyone
 *   can send it coins; those belong to no pool and stay there.)
 *
 * The supply (no tokens created or lost by compounding) is x/bank's total-supply invariant and the
 * pools' balances x/staking's module-accounts invariant; tests run them together.
 */
import type { Delegation } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import type { Context } from "../../app/context";
import { Coins, Dec } from "../../app/math";
import { equalBytes } from "../../app/store/bytes";
import type { RestakingKeeper } from "./keeper";

export interface InvariantResult {
  readonly name: string;
  readonly broken: boolean;
  readonly message: string;
}

const result = (name: string, problems: readonly string[]): InvariantResult => ({ name, broken: problems.length > 0, message: problems.join("\n") });

const hex = (b: Uint8Array): string => Buffer.from(b).toString("hex");

export function poolUnitsInvariant(ctx: Context, k: RestakingKeeper): InvariantResult {
  const store = k.store(ctx);
  const problems: string[] = [];
  const sums = new Map<string, Dec>();
  for (const [, v, m] of k.members(store)) {
    const units = Dec.fromProto(m.units);
    if (!units.isPositive()) problems.push(`member ${m.delegatorAddress} of ${m.validatorAddress} has ${units.toString()} units`);
    if (k.pool(store, v) === undefined) problems.push(`member ${m.delegatorAddress} of ${m.validatorAddress} has no pool`);
    sums.set(hex(v), (sums.get(hex(v)) ?? Dec.zero()).add(units));
  }
  for (const [v, pool] of k.pools(store)) {
    const indexed = [...k.poolMembers(store, v)].reduce((sum, m) => sum.add(Dec.fromProto(m.units)), Dec.zero());
    if (!indexed.equal(sums.get(hex(v)) ?? Dec.zero())) problems.push(`pool of ${pool.validatorAddress}: its member index holds ${indexed.toString()} units`);
    const total = Dec.fromProto(pool.totalUnits);
    const sum = sums.get(hex(v)) ?? Dec.zero();
    if (!total.isPositive()) problems.push(`pool of ${pool.validatorAddress} has ${total.toString()} units`);
    if (!total.equal(sum)) problems.push(`pool of ${pool.validatorAddress}: total_units ${total.toString()}, members hold ${sum.toString()}`);
  }
  return result("pool-units", problems);
}

/** `poolDelegations`: every delegation of the module account (x/staking's DelegatorDelegations). */
export function poolDelegationInvariant(ctx: Context, k: RestakingKeeper, poolDelegations: readonly Delegation[]): InvariantResult {
  const store = k.store(ctx);
  const problems: string[] = [];
  for (const [v, pool] of k.pools(store)) {
    const d = k.staking.getDelegation(ctx, k.poolAddress, v);
    const units = Dec.fromProto(pool.totalUnits);
    if (units.isPositive() !== (d !== undefined)) problems.push(`pool of ${pool.validatorAddress}: ${units.toString()} units, delegation ${d === undefined ? "absent" : d.shares}`);
  }
  for (const d of poolDelegations) {
    const v = k.addresses.decodeValidator(d.validatorAddress);
    if (!equalBytes(k.addresses.decodeAccount(d.delegatorAddress), k.poolAddress)) problems.push(`delegation of ${d.delegatorAddress} listed as the module account's`);
    else if (k.pool(store, v) === undefined) problems.push(`the module account delegates to ${d.validatorAddress} without a pool`);
  }
  return result("pool-delegation", problems);
}

export function idleBalanceInvariant(ctx: Context, k: RestakingKeeper): InvariantResult {
  let idle = Coins.empty();
  for (const [, pool] of k.pools(k.store(ctx))) idle = idle.add(Coins.fromProto(pool.idle));
  const balance = k.bank.getAllBalances(ctx, k.poolAddress);
  const short = idle.toArray().filter((c) => balance.amountOf(c.denom).lt(c.amount));
  return result("idle-balance", short.length === 0 ? [] : [`pools hold ${idle.toString()} idle, the module account only ${balance.toString()}`]);
}

export function restakingInvariants(ctx: Context, k: RestakingKeeper, poolDelegations: readonly Delegation[]): InvariantResult[] {
  return [poolUnitsInvariant(ctx, k), poolDelegationInvariant(ctx, k, poolDelegations), idleBalanceInvariant(ctx, k)];
}

/** Throws, listing every broken invariant. */
export function assertRestakingInvariants(ctx: Context, k: RestakingKeeper, poolDelegations: readonly Delegation[]): void {
  const broken = restakingInvariants(ctx, k, poolDelegations).filter((r) => r.broken);
  if (broken.length > 0) throw new Error(`broken restaking invariants:\n${broken.map((r) => `${r.name}: ${r.message}`).join("\n")}`);
}
