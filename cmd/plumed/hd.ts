import { Bip39, EnglishMnemonic, Random, Secp256k1, Slip10, Slip10Curve, stringToPath } from "@cosmjs/crypto";
import { rawSecp256k1PubkeyToRawAddress } from "@cosmjs/amino";

/** The Cosmos HD path (BIP-44 coin type 118), as the SDK's keyring and cosmjs wallets use. */
export const COSMOS_HD_PATH = "m/44'/118'/0'/0/0";

/** A new 24-word BIP-39 mnemonic (wall-clock randomness is fine here: keys are not state). */
export function generateMnemonic(): string {
  return Bip39.encode(Random.getBytes(32)).toString();
}

export interface DerivedKey {
  readonly privateKey: Uint8Array;
  /** 33-byte compressed secp256k1 public key. */
  readonly publicKey: Uint8Array;
  /** ripemd160(sha256(publicKey)), 20 bytes. */
  readonly address: Uint8Array;
}

export async function deriveKey(mnemonic: string, hdPath = COSMOS_HD_PATH): Promise<DerivedKey> {
  const seed = await Bip39.mnemonicToSeed(new EnglishMnemonic(mnemonic.trim()));
  const { privkey } = Slip10.derivePath(Slip10Curve.Secp256k1, seed, stringToPath(hdPath));
  const keypair = Secp256k1.makeKeypair(privkey);
  const publicKey = Secp256k1.compressPubkey(keypair.pubkey);
  return { privateKey: privkey, publicKey, address: rawSecp256k1PubkeyToRawAddress(publicKey) };
}
