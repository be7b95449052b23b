/**
 * x/slashing genesis (app_state.slashing) in SDK v0.50's JSON (cosmos.slashing.v1beta1.GenesisState)
 * with x/slashing/keeper/genesis.go's InitGenesis / ExportGenesis, and correlated slashing's section
 * (app_state.plume_slashing, plume.slashing.v1.GenesisState).
 */
import { GenesisState } from "cosmjs-types/cosmos/slashing/v1beta1/genesis";
import type { Context } from "../../app/context";
import { bytesToSdkJson, sdkJsonToBytes } from "../../app/json";
import type { JsonValue } from "../../app/module";
import { GenesisState as CorrelationGenesisState } from "../../proto/plume/slashing/v1/slashing";
import type { SlashingKeeper } from "./keeper";
import { defaultCorrelationParams, defaultSlashingParams, validateCorrelationParams, validateSlashingGenesisParams } from "./params";

export { GenesisState, CorrelationGenesisState };

const TYPE = "cosmos.slashing.v1beta1.GenesisState";
const CORRELATION_TYPE = "plume.slashing.v1.GenesisState";

export function defaultSlashingGenesis(): GenesisState {
  return { params: defaultSlashingParams(), signingInfos: [], missedBlocks: [] };
}

export function slashingGenesisToJson(g: GenesisState): JsonValue {
  return bytesToSdkJson(TYPE, GenesisState.encode(g).finish());
}

export function parseSlashingGenesis(json: JsonValue): GenesisState {
  return GenesisState.decode(sdkJsonToBytes(TYPE, json));
}

/**
 * What InitGenesis needs to hold: every address a bech32 consensus address of this chain. (The
 * SDK's InitGenesis validates nothing else; its ValidateGenesis checks are `strict` below.)
 */
export function validateSlashingGenesis(g: GenesisState, decodeConsensus: (s: string) => Uint8Array): void {
  for (const [i, s] of g.signingInfos.entries()) {
    decodeConsensus(s.address);
    if (s.validatorSigningInfo.address !== "" && s.validatorSigningInfo.address !== s.address) {
      throw new Error(`signing_infos[${i}]: validator_signing_info.address ${s.validatorSigningInfo.address} differs from address ${s.address}`);
    }
  }
  for (const m of g.missedBlocks) {
    decodeConsensus(m.address);
    for (const b of m.missedBlocks) if (b.index < 0n) throw new Error(`missed_blocks of ${m.address}: negative index ${b.index}`);
  }
}

/** The SDK's ValidateGenesis (`genesis validate`, gentx). */
export function validateSlashingGenesisStrict(g: GenesisState): void {
  validateSlashingGenesisParams(g.params);
}

/**
 * InitGenesis: every validator's consensus key (for an exported genesis, whose validators are not
 * created again), the signing infos, the missed-block bits, the params.
 */
export function initSlashingGenesis(ctx: Context, k: SlashingKeeper, g: GenesisState): void {
  for (const v of k.staking.iterateValidators(ctx)) {
    if (v.consensusPubkey === undefined) throw new Error(`validator ${v.operatorAddress} has no consensus key`);
    k.addPubkey(ctx, k.staking.consAddress(v), v.consensusPubkey);
  }
  for (const s of g.signingInfos) k.setSigningInfo(ctx, k.addresses.decodeConsensus(s.address), s.validatorSigningInfo);
  for (const m of g.missedBlocks) {
    const consAddr = k.addresses.decodeConsensus(m.address);
    for (const b of m.missedBlocks) k.setMissedBlockBitmapValue(ctx, consAddr, b.index, b.missed);
  }
  k.setParams(ctx, g.params);
}

/** ExportGenesis: params, then each signing info (by consensus address) with its missed blocks. */
export function exportSlashingGenesis(ctx: Context, k: SlashingKeeper): GenesisState {
  const store = k.store(ctx);
  const params = k.params(store);
  const signingInfos: GenesisState["signingInfos"] = [];
  const missedBlocks: GenesisState["missedBlocks"] = [];
  for (const [consAddr, info] of k.signingInfos(store)) {
    const address = k.addresses.encodeConsensus(consAddr);
    signingInfos.push({ address, validatorSigningInfo: info });
    missedBlocks.push({ address, missedBlocks: k.missedBlocks(store, consAddr, params.signedBlocksWindow) });
  }
  return { params, signingInfos, missedBlocks };
}

// --- plume_slashing ----------------------------------------------------------------------------

export function defaultCorrelationGenesis(): CorrelationGenesisState {
  return { params: defaultCorrelationParams(), offences: [] };
}

export function correlationGenesisToJson(g: CorrelationGenesisState): JsonValue {
  return bytesToSdkJson(CORRELATION_TYPE, CorrelationGenesisState.encode(g).finish());
}

export function parseCorrelationGenesis(json: JsonValue): CorrelationGenesisState {
  return CorrelationGenesisState.decode(sdkJsonToBytes(CORRELATION_TYPE, json));
}

export function validateCorrelationGenesis(g: CorrelationGenesisState, decodeConsensus: (s: string) => Uint8Array): void {
  validateCorrelationParams(g.params);
  const seen = new Set<string>();
  for (const o of g.offences) {
    decodeConsensus(o.consensusAddress);
    if (seen.has(o.consensusAddress)) throw new Error(`offences: ${o.consensusAddress} listed twice`);
    seen.add(o.consensusAddress);
    if (o.totalPower <= 0n || o.power < 0n) throw new Error(`offences: ${o.consensusAddress} needs a positive total_power and a non-negative power`);
  }
}

export function initCorrelationGenesis(ctx: Context, k: SlashingKeeper, g: CorrelationGenesisState): void {
  k.setCorrelationParams(ctx, g.params);
  for (const o of g.offences) k.setDoubleSignOffence(ctx, o);
}

export function exportCorrelationGenesis(ctx: Context, k: SlashingKeeper): CorrelationGenesisState {
  const store = k.store(ctx);
  return { params: k.correlationParams(store), offences: [...k.doubleSignOffences(store)] };
}
