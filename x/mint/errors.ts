/**
 * x/mint's codespace. The SDK's x/mint registers no errors of its own: invalid params are plain
 * errors (code 1, "undefined"), a wrong authority is gov's ErrInvalidSigner (gov/13).
 */
export { ErrInvalidSigner as ErrGovInvalidSigner } from "../gov/errors";
