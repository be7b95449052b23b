/**
 * x/slashing's contract with the app, and correlated slashing's (plume_slashing: a second,
 * store-less face of the same keeper, whose records live in the slashing store).
 */
import type { AppModule, JsonValue } from "../../app/module";
import { slashingBeginBlock } from "./abci";
import { SLASHING_CODESPACE } from "./errors";
import {
  correlationGenesisToJson,
  defaultCorrelationGenesis,
  defaultSlashingGenesis,
  exportCorrelationGenesis,
  exportSlashingGenesis,
  initCorrelationGenesis,
  initSlashingGenesis,
  parseCorrelationGenesis,
  parseSlashingGenesis,
  slashingGenesisToJson,
  validateCorrelationGenesis,
  validateSlashingGenesis,
  validateSlashingGenesisStrict,
} from "./genesis";
import type { SlashingKeeper } from "./keeper";
import { registerCorrelationMsgServer, registerSlashingMsgServer } from "./msg-server";
import { registerCorrelationQueryServer, registerSlashingQueryServer } from "./query-server";
import { CORRELATION_REST_ROUTES, SLASHING_REST_ROUTES } from "./rest-routes";
import { SLASHING_STORE } from "./state-keys";

export const SLASHING_MODULE = "slashing";
export const CORRELATION_MODULE = "plume_slashing";

export function slashingModule(k: SlashingKeeper): AppModule {
  const decode = (s: string): Uint8Array => k.addresses.decodeConsensus(s);
  return {
    name: SLASHING_MODULE,
    storeNames: [SLASHING_STORE],
    // The SDK's x/slashing ConsensusVersion (v0.50): the bitmap-in-chunks layout.
    consensusVersion: 4,
    restRoutes: SLASHING_REST_ROUTES,
    codespaces: [SLASHING_CODESPACE],
    registerServices(registrar) {
      registerSlashingMsgServer(registrar, k);
      registerSlashingQueryServer(registrar, k);
    },
    defaultGenesis: () => slashingGenesisToJson(defaultSlashingGenesis()),
    validateGenesis: (g: JsonValue) => validateSlashingGenesis(parseSlashingGenesis(g), decode),
    validateGenesisStrict: (g: JsonValue) => validateSlashingGenesisStrict(parseSlashingGenesis(g)),
    initGenesis: (ctx, g) => {
      const genesis = parseSlashingGenesis(g);
      validateSlashingGenesis(genesis, decode);
      initSlashingGenesis(ctx, k, genesis);
    },
    exportGenesis: (ctx) => slashingGenesisToJson(exportSlashingGenesis(ctx, k)),
    beginBlock: (ctx) => slashingBeginBlock(ctx, k),
  };
}

/**
 * plume.slashing.v1: correlated slashing's Msg and Query services and its genesis section
 * (app_state.plume_slashing). No store of its own; InitGenesis after slashing's.
 */
export function correlationModule(k: SlashingKeeper): AppModule {
  const decode = (s: string): Uint8Array => k.addresses.decodeConsensus(s);
  return {
    name: CORRELATION_MODULE,
    storeNames: [],
    restRoutes: CORRELATION_REST_ROUTES,
    registerServices(registrar) {
      registerCorrelationMsgServer(registrar, k);
      registerCorrelationQueryServer(registrar, k);
    },
    defaultGenesis: () => correlationGenesisToJson(defaultCorrelationGenesis()),
    validateGenesis: (g: JsonValue) => validateCorrelationGenesis(parseCorrelationGenesis(g), decode),
    initGenesis: (ctx, g) => {
      const genesis = parseCorrelationGenesis(g);
      validateCorrelationGenesis(genesis, decode);
      initCorrelationGenesis(ctx, k, genesis);
    },
    exportGenesis: (ctx) => correlationGenesisToJson(exportCorrelationGenesis(ctx, k)),
  };
}
