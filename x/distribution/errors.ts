/**
 * x/distribution's error catalogue: codespace "distribution" with the codes and descriptions of
 * Cosmos SDK v0.50 (x/distribution/types/errors.go).
 *
 * As on a Go node, some refusals come from other modules: withdrawing from a validator that does
 * not exist answers staking/3, from one the delegator has no delegation with staking/19 (the
 * SDK's WithdrawDelegationRewards asks staking, whose getters return their own errors); a wrong
 * authority is gov/13; a blocked withdraw address or recipient sdk/4; invalid coins sdk/10.
 */
import { registerError } from "../../app/errors";

export const DISTRIBUTION_CODESPACE = "distribution";

export const ErrEmptyDelegatorAddr = registerError(DISTRIBUTION_CODESPACE, 2, "delegator address is empty");
export const ErrEmptyWithdrawAddr = registerError(DISTRIBUTION_CODESPACE, 3, "withdraw address is empty");
export const ErrEmptyValidatorAddr = registerError(DISTRIBUTION_CODESPACE, 4, "validator address is empty");
export const ErrEmptyDelegationDistInfo = registerError(DISTRIBUTION_CODESPACE, 5, "no delegation distribution info");
export const ErrNoValidatorDistInfo = registerError(DISTRIBUTION_CODESPACE, 6, "no validator distribution info");
export const ErrNoValidatorCommission = registerError(DISTRIBUTION_CODESPACE, 7, "no validator commission to withdraw");
export const ErrSetWithdrawAddrDisabled = registerError(DISTRIBUTION_CODESPACE, 8, "set withdraw address disabled");
export const ErrBadDistribution = registerError(DISTRIBUTION_CODESPACE, 9, "community pool does not have sufficient coins to distribute");
export const ErrInvalidProposalAmount = registerError(DISTRIBUTION_CODESPACE, 10, "invalid community pool spend proposal amount");
export const ErrEmptyProposalRecipient = registerError(DISTRIBUTION_CODESPACE, 11, "invalid community pool spend proposal recipient");
export const ErrNoValidatorExists = registerError(DISTRIBUTION_CODESPACE, 12, "validator does not exist");
export const ErrNoDelegationExists = registerError(DISTRIBUTION_CODESPACE, 13, "delegation does not exist");

export { ErrInvalidSigner as ErrGovInvalidSigner } from "../gov/errors";
