/**
 * x/slashing's BeginBlock (x/slashing/abci.go): every vote of the block's decided last commit goes
 * through HandleValidatorSignature, in CometBFT's order. The cost per block is one signing info and
 * one 1024-bit bitmap chunk per validator, whatever the window (bench/slashing-liveness.ts).
 */
import type { Context } from "../../app/context";
import type { SlashingKeeper } from "./keeper";

export function slashingBeginBlock(ctx: Context, k: SlashingKeeper): void {
  const votes = ctx.comet.lastCommit.votes;
  if (votes.length === 0) return;
  const params = k.getParams(ctx);
  for (const vote of votes) k.handleValidatorSignature(ctx, params, vote.validator.address, vote.validator.power, vote.blockIdFlag);
}
