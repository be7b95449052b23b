/**
 * x/restaking's BeginBlock: at every compound_interval-th height, each pool's rewards are withdrawn
 * once and delegated once (keeper.beginBlock). Its place: after distribution's BeginBlock (which
 * allocates the previous block's rewards, so they compound in this block) and before staking's
 * EndBlock (so the validator's new power goes to CometBFT in this block's updates).
 */
import type { Context } from "../../app/context";
import type { RestakingKeeper } from "./keeper";

export function restakingBeginBlock(ctx: Context, k: RestakingKeeper): void {
  k.beginBlock(ctx);
}
