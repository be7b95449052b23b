/**
 * x/gov's EndBlock (x/gov/abci.go EndBlocker): proposals whose deposit period ended are dropped,
 * proposals whose voting period ended are tallied (O(bonded validators) each, tally.ts) and their
 * messages run when they pass; then a bounded batch of ended proposals' votes is pruned.
 */
import type { Context } from "../../app/context";
import type { GovKeeper } from "./keeper";

export function govEndBlock(ctx: Context, k: GovKeeper): void {
  k.endBlock(ctx);
}
