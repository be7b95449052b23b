import { aminoPubKeyBytes } from "../../../app/crypto/keys";
import { SIM_SECP256K1_PUBKEY, simStdSignatureLength } from "./sim-signature";

describe("the simulated signature", () => {
  it("is sized as amino sizes a StdSignature (106 bytes with a secp256k1 key)", () => {
    expect(aminoPubKeyBytes(SIM_SECP256K1_PUBKEY)).toHaveLength(38);
    expect(simStdSignatureLength(SIM_SECP256K1_PUBKEY)).toBe(106);
  });
});
