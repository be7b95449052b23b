/**
 * x/gov's codespace "gov" (x/gov/types/errors.go, SDK v0.50). Only ErrInvalidSigner so far: every
 * authority-gated message of every module (MsgUpdateParams, MsgSetSendEnabled, ...) answers with
 * it when its authority is not the gov module account, as the SDK's modules do by importing gov's
 * error. The gov module adds the rest of its catalogue here.
 */
import { registerError } from "../../app/errors";

export const GOV_CODESPACE = "gov";

export const ErrInvalidSigner = registerError(GOV_CODESPACE, 13, "expected gov account as only signer for proposal message");
