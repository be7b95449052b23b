import { createHash } from "node:crypto";
import { AddressCodec } from "../app/address";
import { nobleSecp256k1, verifySecp256k1Digest } from "../app/crypto/secp256k1";
import { AccountPool, defaultSigner, nobleSigner } from "./keys";
import { SimRandom } from "./random";

describe("simulation keys", () => {
  it("signs with the native binding and @noble/curves byte for byte alike (RFC 6979, low S), and the app's verifier accepts it", () => {
    const pool = new AccountPool(new AddressCodec("plume"), SimRandom.derive(1n, "keys"));
    const a = pool.create();
    const digest = new Uint8Array(createHash("sha256").update("sign bytes").digest());
    const native = defaultSigner().signDigest(digest, a.privateKey);
    const noble = nobleSigner().signDigest(digest, a.privateKey);
    expect(Buffer.from(native).toString("hex")).toBe(Buffer.from(noble).toString("hex"));
    expect(verifySecp256k1Digest(nobleSecp256k1(), a.publicKey, digest, native)).toBe(true);
    expect(a.bech32.startsWith("plume1")).toBe(true);
  });

  it("draws the same keys from the same seed and keeps creation order", () => {
    const addresses = new AddressCodec("plume");
    const p1 = new AccountPool(addresses, SimRandom.derive(7n, "keys"));
    const p2 = new AccountPool(addresses, SimRandom.derive(7n, "keys"));
    for (let i = 0; i < 5; i++) {
      p1.add(p1.create());
      p2.add(p2.create());
    }
    expect(p1.all().map((a) => a.bech32)).toEqual(p2.all().map((a) => a.bech32));
    expect(p1.get(p1.at(3).address)).toBe(p1.at(3));
    expect(() => p1.add(p1.at(0))).toThrow("added twice");
  });
});
