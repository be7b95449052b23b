/**
 * x/slashing's invariants (the SDK registers none; these are plumed's), as plain functions tests
 * call after every block, like x/staking/invariants.ts. Each returns a result instead of throwing.
 *
 * - missed-blocks-counter: each signing info's missed_blocks_counter is the number of set bits
 *   of its validator's bitmap (the counter is what the downtime rule reads; the bits are what
 *   later votes flip), and never negative.
 * - tombstoned-jailed: a tombstoned validator is jailed until the end of time and, once the block's
 *   EndBlock has run (`afterEndBlock`), no longer bonded: it left the set for good.
 *
 * The supply and the pools after slashes are x/bank's total-supply and x/staking's
 * module-accounts invariants; chain/invariants.ts runs all of them together.
 */
import { BondStatus } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import type { Context } from "../../app/context";
import { DOUBLE_SIGN_JAIL_END_TIME, type SlashingKeeper } from "./keeper";

export interface InvariantResult {
  readonly name: string;
  readonly broken: boolean;
  readonly message: string;
}

const result = (name: string, problems: readonly string[]): InvariantResult => ({ name, broken: problems.length > 0, message: problems.join("\n") });

export function missedBlocksCounterInvariant(ctx: Context, k: SlashingKeeper): InvariantResult {
  const store = k.store(ctx);
  const problems: string[] = [];
  for (const [consAddr, info] of k.signingInfos(store)) {
    const bits = k.missedBitCount(store, consAddr);
    if (info.missedBlocksCounter < 0n || info.missedBlocksCounter !== bits) {
      problems.push(`${k.addresses.encodeConsensus(consAddr)}: missed_blocks_counter ${info.missedBlocksCounter}, bitmap has ${bits} missed blocks`);
    }
  }
  return result("missed-blocks-counter", problems);
}

export function tombstonedJailedInvariant(ctx: Context, k: SlashingKeeper, afterEndBlock: boolean): InvariantResult {
  const store = k.store(ctx);
  const problems: string[] = [];
  for (const [consAddr, info] of k.signingInfos(store)) {
    if (!info.tombstoned) continue;
    const name = k.addresses.encodeConsensus(consAddr);
    if (info.jailedUntil.seconds !== DOUBLE_SIGN_JAIL_END_TIME.seconds) problems.push(`${name} is tombstoned but jailed only until ${info.jailedUntil.seconds}s`);
    const v = k.staking.getValidatorByConsAddr(ctx, consAddr);
    if (v === undefined) continue;
    if (!v.jailed) problems.push(`${name} (${v.operatorAddress}) is tombstoned but not jailed`);
    if (afterEndBlock && v.status === BondStatus.BOND_STATUS_BONDED) problems.push(`${name} (${v.operatorAddress}) is tombstoned but still bonded`);
  }
  return result("tombstoned-jailed", problems);
}

export function slashingInvariants(ctx: Context, k: SlashingKeeper, afterEndBlock = true): InvariantResult[] {
  return [missedBlocksCounterInvariant(ctx, k), tombstonedJailedInvariant(ctx, k, afterEndBlock)];
}

/** Throws, listing every broken invariant. */
export function assertSlashingInvariants(ctx: Context, k: SlashingKeeper, afterEndBlock = true): void {
  const broken = slashingInvariants(ctx, k, afterEndBlock).filter((r) => r.broken);
  if (broken.length > 0) throw new Error(`broken slashing invariants:\n${broken.map((r) => `${r.name}: ${r.message}`).join("\n")}`);
}
