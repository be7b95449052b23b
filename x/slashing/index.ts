/** x/slashing's public surface for the app's wiring and for other modules' expected keepers. */
export { SLASHING_MODULE, CORRELATION_MODULE, slashingModule, correlationModule } from "./module";
export { SlashingKeeper, SlashingReader, DOUBLE_SIGN_JAIL_END_TIME, UNIX_EPOCH, VALIDATOR_UPDATE_DELAY, type DoubleSignSlash, type SlashingKeeperOptions } from "./keeper";
export { slashingStakingHooks } from "./hooks";
export type { SlashingStakingKeeper } from "./expected-keepers";
export { SLASHING_STORE } from "./state-keys";
export { defaultSlashingParams, defaultCorrelationParams, decFromBytes, decToBytes, validateSlashingParams } from "./params";
export { correlatedFraction, doubleSignFraction, type CorrelatedOffence } from "./correlation";
export { slashingInvariants, assertSlashingInvariants, missedBlocksCounterInvariant, tombstonedJailedInvariant } from "./invariants";
export { msgUnjailAmino, msgUpdateParamsAmino, correlationMsgUpdateParamsAmino } from "./amino";
export { slashingMsgHandlers } from "./msg-server";
