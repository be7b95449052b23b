/** The public key types an account may hold, by type URL (the SDK's registered cryptotypes.PubKey implementations plumed supports). */
export const SECP256K1_PUBKEY_TYPE_URL = "/cosmos.crypto.secp256k1.PubKey";
export const ED25519_PUBKEY_TYPE_URL = "/cosmos.crypto.ed25519.PubKey";
export const MULTISIG_PUBKEY_TYPE_URL = "/cosmos.crypto.multisig.LegacyAminoPubKey";
