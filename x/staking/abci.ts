/**
 * x/staking's block hooks. BeginBlock tracks historical info (header + bonded set, pruned beyond
 * historical_entries); EndBlock applies the validator-set update and completes matured validator
 * unbondings, unbonding delegations and redelegations, all by block time. A throw from either is a
 * broken invariant and halts the chain (as an error from the SDK's BeginBlocker/EndBlocker does);
 * recoverable conditions (a queued entry that cannot complete) are skipped inside.
 */
import type { ValidatorUpdate } from "cosmjs-types/tendermint/abci/types";
import type { Context } from "../../app/context";
import type { StakingKeeper } from "./keeper";

export function stakingBeginBlock(ctx: Context, k: StakingKeeper): void {
  k.trackHistoricalInfo(ctx);
}

export function stakingEndBlock(ctx: Context, k: StakingKeeper): ValidatorUpdate[] {
  return k.blockValidatorUpdates(ctx);
}
