/**
 * x/distribution's BeginBlock (x/distribution/abci.go): from height 2 on, what the fee collector
 * holds is shared out over the previous block's last-commit votes by power; then the block's
 * proposer is recorded.
 */
import type { Context } from "../../app/context";
import type { DistributionKeeper } from "./keeper";

export function distributionBeginBlock(ctx: Context, k: DistributionKeeper): void {
  const votes = ctx.comet.lastCommit.votes;
  let totalPower = 0n;
  for (const vote of votes) totalPower += vote.validator.power;
  if (ctx.height > 1n) k.allocateTokens(ctx, totalPower, votes);
  k.setPreviousProposer(ctx, ctx.header.proposerAddress);
}
