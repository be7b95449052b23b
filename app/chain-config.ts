/**
 * Chain settings that are not module params: fixed when the chain is created (plumed init) and
 * identical on every node of the chain.
 */
export interface ChainSettings {
  readonly bech32Prefix: string;
  /** The staking/fee/mint denom a new genesis uses. */
  readonly denom: string;
}

export const DEFAULT_CHAIN_SETTINGS: ChainSettings = { bech32Prefix: "plume", denom: "uplume" };

export const APP_NAME = "plumed";
export const APP_VERSION = "0.1.0";
/** The app protocol version CometBFT puts in every header. */
export const APP_PROTOCOL_VERSION = 1n;
