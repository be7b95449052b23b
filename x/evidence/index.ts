/** x/evidence's public surface for the app's wiring. */
export { EVIDENCE_MODULE, evidenceModule } from "./module";
export { EvidenceKeeper, EvidenceReader, type EvidenceKeeperOptions } from "./keeper";
export type { EvidenceSlashingKeeper, EvidenceStakingKeeper } from "./expected-keepers";
export { EVIDENCE_STORE } from "./state-keys";
export { Equivocation, EQUIVOCATION_TYPE_URL, equivocationHash, equivocationToAny } from "./evidence";
