/**
 * x/slashing's error catalogue: codespace "slashing" with the codes and descriptions of Cosmos SDK
 * v0.50 (x/slashing/types/errors.go).
 *
 * Two of MsgUnjail's refusals come from x/staking on a Go v0.50 node, not from this catalogue:
 * the SDK's Unjail asks staking for the validator and the self-delegation through getters that
 * return staking's own not-found errors, so a missing validator answers staking/3 ("validator does
 * not exist") and a missing self-delegation staking/19 ("no delegation for (address, validator)
 * tuple"), and ErrNoValidatorForAddress (2) and ErrMissingSelfDelegation (6) are never seen.
 * plumed answers what a Go node answers (keeper.ts, unjail).
 */
import { registerError } from "../../app/errors";

export const SLASHING_CODESPACE = "slashing";

export const ErrNoValidatorForAddress = registerError(SLASHING_CODESPACE, 2, "address is not associated with any known validator");
export const ErrBadValidatorAddr = registerError(SLASHING_CODESPACE, 3, "validator does not exist for that address");
export const ErrValidatorJailed = registerError(SLASHING_CODESPACE, 4, "validator still jailed; cannot be unjailed");
export const ErrValidatorNotJailed = registerError(SLASHING_CODESPACE, 5, "validator not jailed; cannot be unjailed");
export const ErrMissingSelfDelegation = registerError(SLASHING_CODESPACE, 6, "validator has no self-delegation; cannot be unjailed");
export const ErrSelfDelegationTooLowToUnjail = registerError(SLASHING_CODESPACE, 7, "validator's self delegation less than minimum; cannot be unjailed");
export const ErrNoSigningInfoFound = registerError(SLASHING_CODESPACE, 8, "no validator signing info found");
export const ErrValidatorTombstoned = registerError(SLASHING_CODESPACE, 9, "validator already tombstoned");

/** gov's ErrInvalidSigner (gov/13): MsgUpdateParams answers with it, as in the SDK. */
export { ErrInvalidSigner as ErrGovInvalidSigner } from "../gov/errors";
