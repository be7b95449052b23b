/**
 * x/mint genesis (app_state.mint) in SDK v0.50's JSON (cosmos.mint.v1beta1.GenesisState), with
 * x/mint/keeper/genesis.go's InitGenesis / ExportGenesis.
 */
import { GenesisState } from "cosmjs-types/cosmos/mint/v1beta1/genesis";
import type { Context } from "../../app/context";
import { bytesToSdkJson, sdkJsonToBytes } from "../../app/json";
import type { JsonValue } from "../../app/module";
import type { MintKeeper } from "./keeper";
import { defaultInitialMinter, defaultMintParams, validateMinter, validateMintParams } from "./params";
import { MinterValue, ParamsValue } from "./state-keys";

export { GenesisState };

const TYPE = "cosmos.mint.v1beta1.GenesisState";

export function defaultMintGenesis(mintDenom: string): GenesisState {
  return { minter: defaultInitialMinter(), params: defaultMintParams(mintDenom) };
}

/** Through the store codecs first, so that a zero Dec prints as "0.000000000000000000", as gogoproto's. */
export function mintGenesisToJson(g: GenesisState): JsonValue {
  const normalized: GenesisState = { minter: MinterValue.decode(MinterValue.encode(g.minter)), params: ParamsValue.decode(ParamsValue.encode(g.params)) };
  return bytesToSdkJson(TYPE, GenesisState.encode(normalized).finish());
}

export function parseMintGenesis(json: JsonValue): GenesisState {
  return GenesisState.decode(sdkJsonToBytes(TYPE, json));
}

/** ValidateGenesis: Params.Validate, then ValidateMinter. */
export function validateMintGenesis(g: GenesisState): void {
  validateMintParams(g.params);
  validateMinter(g.minter);
}

/** InitGenesis: the minter, the params, and the module account. */
export function initMintGenesis(ctx: Context, k: MintKeeper, g: GenesisState): void {
  k.setMinter(ctx, g.minter);
  k.setParams(ctx, g.params);
  k.ensureModuleAccount(ctx);
}

export function exportMintGenesis(ctx: Context, k: MintKeeper): GenesisState {
  const store = k.store(ctx);
  return { minter: k.minter(store), params: k.params(store) };
}
