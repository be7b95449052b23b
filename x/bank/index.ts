export { bankModule } from "./module";
export { BankKeeper, BankViewKeeper, type BankKeeperOptions, type CoinsAtAddress } from "./keeper";
export { Permissions, type AccountKeeper, type AccountLike } from "./expected-keepers";
export { registerBankMsgServer } from "./msg-server";
export { registerBankQueryServer } from "./query-server";
export { AminoTypes as BankAminoTypes } from "./amino";
export {
  BANK_CODESPACE,
  ErrDenomMetadataNotFound,
  ErrDuplicateEntry,
  ErrInputOutputMismatch,
  ErrInvalidKey,
  ErrInvalidSigner,
  ErrMultipleSenders,
  ErrNoInputs,
  ErrNoOutputs,
  ErrSendDisabled,
} from "./errors";
export { BANK_STORE } from "./state-keys";
export { defaultBankParams } from "./params";
export { nonnegativeOutstandingInvariant, totalSupplyInvariant, type InvariantResult } from "./invariants";
