import { createMultisigThresholdPubkey, encodeAminoPubkey, encodeEd25519Pubkey, encodeSecp256k1Pubkey, pubkeyToRawAddress } from "@cosmjs/amino";
import { encodePubkey } from "@cosmjs/proto-signing";
import { aminoPubKeyBytes, countSubKeys, pubKeyAddress, pubKeyFromAny } from "./keys";

const secpKeys = [
  "02a7a5b9f3c1f1e0e3a0b0e4f6b28e1ea39cb3e3b1a7ce3d8b9a6f1d6e2c0b1a2f",
  "03b1e5c6d1a8f4e2c3b6a7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f8a9",
  "02c9d0e1f2a3b4c5d6e7f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0",
].map((h) => Uint8Array.from(Buffer.from(h, "hex")));

describe("public keys", () => {
  it("derive the same addresses as cosmjs (secp256k1, multisig)", () => {
    for (const key of secpKeys) {
      const amino = encodeSecp256k1Pubkey(key);
      expect(pubKeyAddress(pubKeyFromAny(encodePubkey(amino)))).toEqual(pubkeyToRawAddress(amino));
    }
    const multisig = createMultisigThresholdPubkey(secpKeys.map((k) => encodeSecp256k1Pubkey(k)), 2);
    const pk = pubKeyFromAny(encodePubkey(multisig));
    expect(pk).toMatchObject({ type: "multisig", threshold: 2 });
    expect(pubKeyAddress(pk)).toEqual(pubkeyToRawAddress(multisig));
  });

  it("encode to the same legacy amino bytes as cosmjs", () => {
    const secp = encodeSecp256k1Pubkey(secpKeys[0] as Uint8Array);
    const ed = encodeEd25519Pubkey(new Uint8Array(32).fill(7));
    const multisig = createMultisigThresholdPubkey([secp, encodeSecp256k1Pubkey(secpKeys[1] as Uint8Array)], 1);
    for (const amino of [secp, ed, multisig]) {
      expect(aminoPubKeyBytes(pubKeyFromAny(encodePubkey(amino)))).toEqual(encodeAminoPubkey(amino));
    }
  });

  it("counts multisig leaves (CountSubKeys)", () => {
    const inner = createMultisigThresholdPubkey(secpKeys.slice(0, 2).map((k) => encodeSecp256k1Pubkey(k)), 1);
    const outer = createMultisigThresholdPubkey([inner as never, encodeSecp256k1Pubkey(secpKeys[2] as Uint8Array)], 1, true);
    expect(countSubKeys(pubKeyFromAny(encodePubkey(outer)))).toBe(3);
    expect(countSubKeys(undefined)).toBe(0);
  });

  it("panic (ErrPanic) on a secp256k1 key of the wrong length, as PubKey.Address does", () => {
    const any = encodePubkey(encodeSecp256k1Pubkey(secpKeys[0] as Uint8Array));
    const pk = pubKeyFromAny(any);
    expect(() => pubKeyAddress({ ...pk, key: new Uint8Array(65) } as never)).toThrow(/length of pubkey is incorrect/);
  });
});
