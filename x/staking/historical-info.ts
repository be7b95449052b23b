/**
 * TrackHistoricalInfo, the staking BeginBlock (x/staking/keeper/historical_info.go in SDK v0.50):
 * stores this block's header and bonded set under its height and prunes entries older than
 * historical_entries blocks.
 */
import { Header } from "cosmjs-types/tendermint/types/types";
import type { Validator } from "cosmjs-types/cosmos/staking/v1beta1/staking";
import type { Context } from "../../app/context";
import { compareBytes } from "../../app/store";
import type { StakingKeeper } from "./keeper";
import { HistoricalInfos } from "./state-keys";
import { consensusPower } from "./validator";

/**
 * The set sorted as CometBFT sorts it (ValidatorsByVotingPower): power descending, then consensus
 * address ascending. A stable sort, as the SDK's sort.SliceStable.
 */
export function sortByVotingPower(k: StakingKeeper, validators: readonly Validator[]): Validator[] {
  const keyed = validators.map((v) => ({ v, power: consensusPower(v), cons: k.consAddress(v) }));
  keyed.sort((a, b) => (a.power === b.power ? compareBytes(a.cons, b.cons) : a.power > b.power ? -1 : 1));
  return keyed.map((e) => e.v);
}

export function trackHistoricalInfo(k: StakingKeeper, ctx: Context): void {
  const entries = BigInt(k.getParams(ctx).historicalEntries);
  const store = k.store(ctx);
  // Entries below the window form one contiguous run ending at height - entries: delete downwards
  // until the first gap (usually exactly one entry; more after historical_entries was lowered).
  for (let h = ctx.height - entries; h >= 0n; h--) {
    if (!HistoricalInfos.has(store, h)) break;
    HistoricalInfos.delete(store, h);
  }
  if (entries === 0n) return;
  // The header as the SDK's FinalizeBlock builds it (ctx.BlockHeader()): ABCI 2.0 gives no full
  // header, so these are all the fields it can know.
  const header = Header.fromPartial({
    chainId: ctx.chainId,
    height: ctx.height,
    time: ctx.blockTime,
    proposerAddress: ctx.header.proposerAddress,
    nextValidatorsHash: ctx.header.nextValidatorsHash,
    appHash: ctx.header.lastAppHash,
  });
  HistoricalInfos.set(store, ctx.height, { header, valset: sortByVotingPower(k, k.getLastValidators(ctx)) });
}
