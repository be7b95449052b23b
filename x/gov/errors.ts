/**
 * x/gov's codespace "gov" with the codes and descriptions of Cosmos SDK v0.50
 * (x/gov/types/errors.go). ErrInvalidSigner is also what every authority-gated message of every
 * module (MsgUpdateParams, MsgSetSendEnabled, ...) answers when its authority is not the gov module
 * account, as the SDK's modules do by importing gov's error.
 */
import { registerError } from "../../app/errors";

export const GOV_CODESPACE = "gov";

export const ErrInactiveProposal = registerError(GOV_CODESPACE, 3, "inactive proposal");
export const ErrAlreadyActiveProposal = registerError(GOV_CODESPACE, 4, "proposal already active");
export const ErrInvalidProposalContent = registerError(GOV_CODESPACE, 5, "invalid proposal content");
export const ErrInvalidProposalType = registerError(GOV_CODESPACE, 6, "invalid proposal type");
export const ErrInvalidVote = registerError(GOV_CODESPACE, 7, "invalid vote option");
export const ErrInvalidGenesis = registerError(GOV_CODESPACE, 8, "invalid genesis state");
export const ErrNoProposalHandlerExists = registerError(GOV_CODESPACE, 9, "no handler exists for proposal type");
export const ErrUnroutableProposalMsg = registerError(GOV_CODESPACE, 10, "proposal message not recognized by router");
export const ErrNoProposalMsgs = registerError(GOV_CODESPACE, 11, "no messages proposed");
export const ErrInvalidProposalMsg = registerError(GOV_CODESPACE, 12, "invalid proposal message");
export const ErrInvalidSigner = registerError(GOV_CODESPACE, 13, "expected gov account as only signer for proposal message");
export const ErrMetadataTooLong = registerError(GOV_CODESPACE, 15, "metadata too long");
export const ErrMinDepositTooSmall = registerError(GOV_CODESPACE, 16, "minimum deposit is too small");
export const ErrInvalidProposer = registerError(GOV_CODESPACE, 18, "invalid proposer");
export const ErrVotingPeriodEnded = registerError(GOV_CODESPACE, 20, "voting period already ended");
export const ErrInvalidProposal = registerError(GOV_CODESPACE, 21, "invalid proposal");
export const ErrSummaryTooLong = registerError(GOV_CODESPACE, 22, "summary too long");
export const ErrInvalidDepositDenom = registerError(GOV_CODESPACE, 23, "invalid deposit denom");
