/**
 * Every module's invariants, run together over one state (what the SDK's x/crisis would assert):
 * tests call this after every block. What it guards for slashing in particular:
 * - bank total-supply: burned coins leave the supply (the supply equals the sum of balances);
 * - staking module-accounts: the bonded and not-bonded pools hold exactly the validators' tokens
 *   and the unbonding entries' balances after slashes;
 * - slashing: missed-block counters match the bitmaps; a tombstoned validator is jailed forever
 *   and no longer bonded;
 * - distribution (the SDK's four): outstanding rewards never negative, every delegator and
 *   validator can withdraw, reference counts add up, the module account holds the community pool
 *   and the outstanding rewards.
 * - gov: the gov account holds at least the deposits; the running tallies match the votes.
 */
import type { Context } from "../app/context";
import { BANK_STORE, nonnegativeOutstandingInvariant, totalSupplyInvariant } from "../x/bank";
import { distributionInvariants } from "../x/distribution";
import { govInvariants } from "../x/gov";
import { restakingInvariants } from "../x/restaking";
import { slashingInvariants } from "../x/slashing";
import { STAKING_STORE, stakingInvariants } from "../x/staking";
import type { PlumeApp } from "./app";

export interface BrokenInvariant {
  readonly name: string;
  readonly message: string;
}

/** Every broken invariant of the state `ctx` reads (a committed state: after an EndBlock). */
export function brokenInvariants(app: PlumeApp, ctx: Context): BrokenInvariant[] {
  const bank = ctx.kvStore(BANK_STORE);
  const results = [
    { name: "bank/total-supply", ...totalSupplyInvariant(app.keepers.bank, bank) },
    { name: "bank/nonnegative-outstanding", ...nonnegativeOutstandingInvariant(app.keepers.bank, bank) },
    ...stakingInvariants(ctx, app.keepers.staking).map((r) => ({ ...r, name: `staking/${r.name}` })),
    ...slashingInvariants(ctx, app.keepers.slashing, true).map((r) => ({ ...r, name: `slashing/${r.name}` })),
    ...distributionInvariants(ctx, { keeper: app.keepers.distribution, staking: app.keepers.staking, stakingStore: STAKING_STORE }).map((r) => ({
      ...r,
      name: `distribution/${r.name}`,
    })),
    ...govInvariants(ctx, app.keepers.gov).map((r) => ({ ...r, name: `gov/${r.name}` })),
    ...restakingInvariants(ctx, app.keepers.restaking, app.keepers.staking.getDelegatorDelegations(ctx, app.keepers.restaking.poolAddress)).map((r) => ({
      ...r,
      name: `restaking/${r.name}`,
    })),
  ];
  return results.filter((r) => r.broken).map((r) => ({ name: r.name, message: r.message }));
}

export function assertChainInvariants(app: PlumeApp, ctx: Context): void {
  const broken = brokenInvariants(app, ctx);
  if (broken.length > 0) throw new Error(`broken invariants at height ${ctx.height}:\n${broken.map((b) => `${b.name}: ${b.message}`).join("\n")}`);
}
