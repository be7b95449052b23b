/**
 * x/evidence genesis (app_state.evidence) in the SDK's JSON (cosmos.evidence.v1beta1.GenesisState:
 * each evidence an Any, `{"@type": "/cosmos.evidence.v1beta1.Equivocation", ...}`), with
 * InitGenesis / ExportGenesis as genesis.go of cosmossdk.io/x/evidence v0.1.
 */
import { GenesisState } from "cosmjs-types/cosmos/evidence/v1beta1/genesis";
import type { Context } from "../../app/context";
import { bytesToSdkJson, sdkJsonToBytes } from "../../app/json";
import type { JsonValue } from "../../app/module";
import { equivocationFromAny, equivocationHash, equivocationToAny, validateEquivocation } from "./evidence";
import type { EvidenceKeeper } from "./keeper";

const TYPE = "cosmos.evidence.v1beta1.GenesisState";

export function evidenceGenesisToJson(g: GenesisState): JsonValue {
  return bytesToSdkJson(TYPE, GenesisState.encode(g).finish());
}

export function parseEvidenceGenesis(json: JsonValue): GenesisState {
  return GenesisState.decode(sdkJsonToBytes(TYPE, json));
}

/** GenesisState.Validate: each evidence an Equivocation passing ValidateBasic. */
export function validateEvidenceGenesis(g: GenesisState): void {
  for (const any of g.evidence) validateEquivocation(equivocationFromAny(any));
}

/** InitGenesis: validate, then store each evidence (a duplicate hash is an error). */
export function initEvidenceGenesis(ctx: Context, k: EvidenceKeeper, g: GenesisState): void {
  validateEvidenceGenesis(g);
  for (const any of g.evidence) {
    const e = equivocationFromAny(any);
    const hash = equivocationHash(e);
    if (k.getEvidence(ctx, hash) !== undefined) throw new Error(`evidence with hash ${Buffer.from(hash).toString("hex").toUpperCase()} already exists`);
    k.setEvidence(ctx, e);
  }
}

export function exportEvidenceGenesis(ctx: Context, k: EvidenceKeeper): GenesisState {
  return { evidence: [...k.allEvidence(k.store(ctx))].map(([, e]) => equivocationToAny(e)) };
}
