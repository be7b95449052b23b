/**
 * x/restaking's error catalogue: codespace "restaking" (plumed's own module; no SDK numbers to
 * follow). Descriptions name what the delegator has to change.
 */
import { registerError } from "../../app/errors";

export const RESTAKING_CODESPACE = "restaking";

export const ErrValidatorNotFound = registerError(RESTAKING_CODESPACE, 2, "validator does not exist");
export const ErrNoDelegation = registerError(RESTAKING_CODESPACE, 3, "no delegation to put into the compounding pool");
export const ErrSelfDelegation = registerError(RESTAKING_CODESPACE, 4, "a validator operator's self-delegation cannot join the compounding pool");
export const ErrWorthlessPool = registerError(RESTAKING_CODESPACE, 5, "the compounding pool is worth nothing");
export const ErrNotMember = registerError(RESTAKING_CODESPACE, 6, "auto-compound is not enabled for this delegation");
export const ErrInvalidParams = registerError(RESTAKING_CODESPACE, 7, "invalid restaking params");
export const ErrNotEnoughPoolStake = registerError(RESTAKING_CODESPACE, 8, "not enough compounding stake");
export const ErrNothingToRestake = registerError(RESTAKING_CODESPACE, 9, "no pending rewards to restake");
export const ErrWithdrawAddressDiffers = registerError(RESTAKING_CODESPACE, 10, "rewards are paid to another withdraw address; they cannot be restaked from the delegator's account");

/** gov's ErrInvalidSigner (gov/13): MsgUpdateParams answers with it, as every SDK module does. */
export { ErrInvalidSigner as ErrGovInvalidSigner } from "../gov/errors";
