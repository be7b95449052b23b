/**
 * x/restaking genesis (app_state.restaking, plume.restaking.v1.GenesisState): params, pools,
 * members and the last compounding height. The pools' delegations are the restaking module
 * account's delegations in x/staking's genesis, so restaking's InitGenesis runs after staking's.
 */
import type { Context } from "../../app/context";
import { bytesToSdkJson, sdkJsonToBytes } from "../../app/json";
import { Dec } from "../../app/math";
import type { JsonValue } from "../../app/module";
import type { AddressCodec } from "../../app/address";
import { GenesisState } from "../../proto/plume/restaking/v1/restaking";
import type { RestakingKeeper } from "./keeper";
import { defaultRestakingParams, validateRestakingParams } from "./params";

export { GenesisState };

const TYPE = "plume.restaking.v1.GenesisState";

export function defaultRestakingGenesis(): GenesisState {
  return { params: defaultRestakingParams(), pools: [], members: [], lastCompoundHeight: 0n };
}

export function restakingGenesisToJson(g: GenesisState): JsonValue {
  return bytesToSdkJson(TYPE, GenesisState.encode(g).finish());
}

export function parseRestakingGenesis(json: JsonValue): GenesisState {
  return GenesisState.decode(sdkJsonToBytes(TYPE, json));
}

/** Params valid; every address of this chain; pools and members unique with positive units; each pool's units the sum of its members'. */
export function validateRestakingGenesis(g: GenesisState, addresses: AddressCodec): void {
  validateRestakingParams(g.params);
  if (g.lastCompoundHeight < 0n) throw new Error(`last_compound_height is negative: ${g.lastCompoundHeight}`);
  const totals = new Map<string, Dec>();
  for (const p of g.pools) {
    addresses.decodeValidator(p.validatorAddress);
    if (totals.has(p.validatorAddress)) throw new Error(`pools: ${p.validatorAddress} listed twice`);
    const units = Dec.fromProto(p.totalUnits);
    if (!units.isPositive()) throw new Error(`pools: ${p.validatorAddress} has ${units.toString()} units`);
    totals.set(p.validatorAddress, units);
  }
  const sums = new Map<string, Dec>();
  const seen = new Set<string>();
  for (const m of g.members) {
    addresses.decodeAccount(m.delegatorAddress);
    addresses.decodeValidator(m.validatorAddress);
    const key = `${m.delegatorAddress}/${m.validatorAddress}`;
    if (seen.has(key)) throw new Error(`members: ${key} listed twice`);
    seen.add(key);
    const units = Dec.fromProto(m.units);
    if (!units.isPositive()) throw new Error(`members: ${key} has ${units.toString()} units`);
    if (!totals.has(m.validatorAddress)) throw new Error(`members: ${key} has no pool`);
    sums.set(m.validatorAddress, (sums.get(m.validatorAddress) ?? Dec.zero()).add(units));
  }
  for (const p of g.pools) {
    const sum = sums.get(p.validatorAddress) ?? Dec.zero();
    if (!sum.equal(Dec.fromProto(p.totalUnits))) throw new Error(`pools: ${p.validatorAddress} has ${Dec.fromProto(p.totalUnits).toString()} units, its members ${sum.toString()}`);
  }
}

export function initRestakingGenesis(ctx: Context, k: RestakingKeeper, g: GenesisState): void {
  k.setParams(ctx, g.params);
  if (g.lastCompoundHeight > 0n) k.setLastCompoundHeight(ctx, g.lastCompoundHeight);
  for (const p of g.pools) k.setPool(ctx, k.addresses.decodeValidator(p.validatorAddress), p);
  for (const m of g.members) k.setMember(ctx, k.addresses.decodeAccount(m.delegatorAddress), k.addresses.decodeValidator(m.validatorAddress), m);
}

/** ExportGenesis: pools by operator address bytes, members by (delegator, validator) bytes. */
export function exportRestakingGenesis(ctx: Context, k: RestakingKeeper): GenesisState {
  const store = k.store(ctx);
  return {
    params: k.params(store),
    pools: [...k.pools(store)].map(([, p]) => p),
    members: [...k.members(store)].map(([, , m]) => m),
    lastCompoundHeight: k.lastCompoundHeight(store),
  };
}
