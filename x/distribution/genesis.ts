/**
 * x/distribution genesis (app_state.distribution) in SDK v0.50's JSON
 * (cosmos.distribution.v1beta1.GenesisState), with x/distribution/keeper/genesis.go's InitGenesis
 * and ExportGenesis: every F1 record, so that an export at any height re-imports to the same
 * rewards.
 */
import { GenesisState } from "cosmjs-types/cosmos/distribution/v1beta1/genesis";
import type { Context } from "../../app/context";
import { bytesToSdkJson, sdkJsonToBytes } from "../../app/json";
import { DecCoins } from "../../app/math";
import type { JsonValue } from "../../app/module";
import type { DistributionKeeper } from "./keeper";
import { decOf, defaultDistributionParams, validateDistributionParams } from "./params";
import {
  AccumulatedCommissions,
  CurrentRewards,
  FeePoolItem,
  HistoricalRewards,
  OutstandingRewards,
  ParamsItem,
  PreviousProposerItem,
  SlashEvents,
  StartingInfos,
  WithdrawAddresses,
} from "./state-keys";

export { GenesisState };

const TYPE = "cosmos.distribution.v1beta1.GenesisState";

export function defaultDistributionGenesis(): GenesisState {
  return {
    params: defaultDistributionParams(),
    feePool: { communityPool: [] },
    delegatorWithdrawInfos: [],
    previousProposer: "",
    outstandingRewards: [],
    validatorAccumulatedCommissions: [],
    validatorHistoricalRewards: [],
    validatorCurrentRewards: [],
    delegatorStartingInfos: [],
    validatorSlashEvents: [],
  };
}

/** Non-nullable LegacyDecs are never empty on the wire (gogoproto writes "0"). */
function normalized(g: GenesisState): GenesisState {
  const dec = (s: string): string => (s === "" ? "0" : s);
  return {
    ...g,
    params: { ...g.params, communityTax: dec(g.params.communityTax), baseProposerReward: dec(g.params.baseProposerReward), bonusProposerReward: dec(g.params.bonusProposerReward) },
    delegatorStartingInfos: g.delegatorStartingInfos.map((s) => ({ ...s, startingInfo: { ...s.startingInfo, stake: dec(s.startingInfo.stake) } })),
    validatorSlashEvents: g.validatorSlashEvents.map((e) => ({ ...e, validatorSlashEvent: { ...e.validatorSlashEvent, fraction: dec(e.validatorSlashEvent.fraction) } })),
  };
}

export function distributionGenesisToJson(g: GenesisState): JsonValue {
  return bytesToSdkJson(TYPE, GenesisState.encode(normalized(g)).finish());
}

export function parseDistributionGenesis(json: JsonValue): GenesisState {
  return GenesisState.decode(sdkJsonToBytes(TYPE, json));
}

/** ValidateGenesis: params, then the fee pool (FeePool.ValidateGenesis: no negative coin). */
export function validateDistributionGenesis(g: GenesisState): void {
  validateDistributionParams(g.params);
  const pool = DecCoins.fromProto(g.feePool.communityPool);
  if (pool.isAnyNegative()) throw new Error(`negative CommunityPool in distribution fee pool, is ${pool.toString()}`);
}

/**
 * InitGenesis: every record as given, then the module account, whose balance must be the
 * truncated sum of the outstanding rewards and the community pool.
 */
export function initDistributionGenesis(ctx: Context, k: DistributionKeeper, g: GenesisState): void {
  const a = k.addresses;
  const store = k.store(ctx);
  let holdings = DecCoins.empty();
  FeePoolItem.set(store, g.feePool);
  ParamsItem.set(store, g.params);
  for (const w of g.delegatorWithdrawInfos) WithdrawAddresses.set(store, a.decodeAccount(w.delegatorAddress), a.decodeAccount(w.withdrawAddress));
  PreviousProposerItem.set(store, g.previousProposer === "" ? new Uint8Array() : a.decodeConsensus(g.previousProposer));
  for (const o of g.outstandingRewards) {
    OutstandingRewards.set(store, a.decodeValidator(o.validatorAddress), { rewards: o.outstandingRewards });
    holdings = holdings.add(DecCoins.fromProto(o.outstandingRewards));
  }
  for (const c of g.validatorAccumulatedCommissions) {
    k.setAccumulatedCommission(store, a.decodeValidator(c.validatorAddress), DecCoins.fromProto(c.accumulated.commission));
  }
  for (const h of g.validatorHistoricalRewards) HistoricalRewards.set(store, { validator: a.decodeValidator(h.validatorAddress), period: h.period }, h.rewards);
  for (const c of g.validatorCurrentRewards) CurrentRewards.set(store, a.decodeValidator(c.validatorAddress), c.rewards);
  for (const s of g.delegatorStartingInfos) {
    StartingInfos.set(store, { validator: a.decodeValidator(s.validatorAddress), delegator: a.decodeAccount(s.delegatorAddress) }, s.startingInfo);
  }
  for (const e of g.validatorSlashEvents) {
    SlashEvents.set(store, { validator: a.decodeValidator(e.validatorAddress), height: e.height, period: e.period }, e.validatorSlashEvent);
  }
  holdings = holdings.add(DecCoins.fromProto(g.feePool.communityPool));
  const [holdingsInt] = holdings.truncateDecimal();
  k.ensureModuleAccount(ctx);
  const balances = k.bank.getAllBalances(ctx, k.moduleAddress);
  if (!balances.equal(holdingsInt)) {
    throw new Error(`distribution module balance does not match the module holdings: ${balances.toString()} <-> ${holdingsInt.toString()}`);
  }
}

/** ExportGenesis: every record in key order, as the SDK's iterators give them. */
export function exportDistributionGenesis(ctx: Context, k: DistributionKeeper): GenesisState {
  const a = k.addresses;
  const store = k.store(ctx);
  const proposer = k.previousProposer(store);
  return {
    params: k.params(store),
    feePool: { communityPool: k.communityPool(store).toProto() },
    delegatorWithdrawInfos: [...WithdrawAddresses.entries(store)].map(([d, w]) => ({ delegatorAddress: a.encodeAccount(d), withdrawAddress: a.encodeAccount(w) })),
    previousProposer: proposer === undefined || proposer.length === 0 ? "" : a.encodeConsensus(proposer),
    outstandingRewards: [...OutstandingRewards.entries(store)].map(([v, o]) => ({ validatorAddress: a.encodeValidator(v), outstandingRewards: o.rewards })),
    validatorAccumulatedCommissions: [...AccumulatedCommissions.entries(store)].map(([v, c]) => ({ validatorAddress: a.encodeValidator(v), accumulated: c })),
    validatorHistoricalRewards: [...HistoricalRewards.entries(store)].map(([key, h]) => ({ validatorAddress: a.encodeValidator(key.validator), period: key.period, rewards: h })),
    validatorCurrentRewards: [...CurrentRewards.entries(store)].map(([v, c]) => ({ validatorAddress: a.encodeValidator(v), rewards: c })),
    delegatorStartingInfos: [...StartingInfos.entries(store)].map(([key, s]) => ({
      validatorAddress: a.encodeValidator(key.validator),
      delegatorAddress: a.encodeAccount(key.delegator),
      startingInfo: { ...s, stake: decOf(s.stake).toProto() },
    })),
    validatorSlashEvents: [...SlashEvents.entries(store)].map(([key, e]) => ({
      validatorAddress: a.encodeValidator(key.validator),
      height: key.height,
      period: e.validatorPeriod,
      validatorSlashEvent: { ...e, fraction: decOf(e.fraction).toProto() },
    })),
  };
}

