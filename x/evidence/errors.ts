/**
 * x/evidence's error catalogue: codespace "evidence" with the codes and descriptions of
 * cosmossdk.io/x/evidence v0.1 (types/errors.go).
 */
import { registerError } from "../../app/errors";

export const EVIDENCE_CODESPACE = "evidence";

export const ErrNoEvidenceHandlerExists = registerError(EVIDENCE_CODESPACE, 2, "unregistered handler for evidence type");
export const ErrInvalidEvidence = registerError(EVIDENCE_CODESPACE, 3, "invalid evidence");
export const ErrEvidenceExists = registerError(EVIDENCE_CODESPACE, 5, "evidence already exists");
