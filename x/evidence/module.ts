/**
 * x/evidence's contract with the app: the misbehavior CometBFT reports is handled at BeginBlock,
 * the punished evidence is stored and queryable. No Msg service: MsgSubmitEvidence has no evidence
 * handler on an SDK v0.50 simapp chain either (its keeper has no router), so plumed does not route it.
 */
import type { AppModule, JsonValue } from "../../app/module";
import { EVIDENCE_CODESPACE } from "./errors";
import { evidenceGenesisToJson, exportEvidenceGenesis, initEvidenceGenesis, parseEvidenceGenesis, validateEvidenceGenesis } from "./genesis";
import type { EvidenceKeeper } from "./keeper";
import { registerEvidenceQueryServer } from "./query-server";
import { EVIDENCE_REST_ROUTES } from "./rest-routes";
import { EVIDENCE_STORE } from "./state-keys";

export const EVIDENCE_MODULE = "evidence";

export function evidenceModule(k: EvidenceKeeper): AppModule {
  return {
    name: EVIDENCE_MODULE,
    storeNames: [EVIDENCE_STORE],
    // cosmossdk.io/x/evidence v0.1's ConsensusVersion.
    consensusVersion: 1,
    restRoutes: EVIDENCE_REST_ROUTES,
    codespaces: [EVIDENCE_CODESPACE],
    registerServices(registrar) {
      registerEvidenceQueryServer(registrar);
    },
    defaultGenesis: () => evidenceGenesisToJson({ evidence: [] }),
    validateGenesis: (g: JsonValue) => validateEvidenceGenesis(parseEvidenceGenesis(g)),
    initGenesis: (ctx, g) => initEvidenceGenesis(ctx, k, parseEvidenceGenesis(g)),
    exportGenesis: (ctx) => evidenceGenesisToJson(exportEvidenceGenesis(ctx, k)),
    beginBlock: (ctx) => k.beginBlock(ctx),
  };
}
