import { Secp256k1, sha256 as cosmjsSha256 } from "@cosmjs/crypto";
import { loadNativeSecp256k1, nobleSecp256k1, normalizeSignature, verifySecp256k1Digest, defaultSecp256k1Backend, type Secp256k1Backend } from "./secp256k1";

const N = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n;

function toBytes32(v: bigint): Uint8Array {
  const out = new Uint8Array(32);
  for (let i = 31; i >= 0; i--) {
    out[i] = Number(v & 0xffn);
    v >>= 8n;
  }
  return out;
}
const fromBytes = (b: Uint8Array): bigint => BigInt(`0x${Buffer.from(b).toString("hex") || "0"}`);

async function fixture(): Promise<{ pub: Uint8Array; pubUncompressed: Uint8Array; digest: Uint8Array; sig: Uint8Array }> {
  const priv = Uint8Array.from(Buffer.from("b7e151628aed2a6abf7158809cf4f3c762e7160f38b4da56a784d9045190cfef", "hex"));
  const kp = Secp256k1.makeKeypair(priv);
  const digest = cosmjsSha256(new TextEncoder().encode("sign bytes"));
  const s = Secp256k1.createSignature(digest, kp.privkey);
  return { pub: Secp256k1.compressPubkey(kp.pubkey), pubUncompressed: kp.pubkey, digest, sig: Uint8Array.from([...s.r(32), ...s.s(32)]) };
}

/** The 0x06/0x07 form of an uncompressed key (right or wrong parity byte). */
function hybrid(uncompressed: Uint8Array, rightParity: boolean): Uint8Array {
  const odd = ((uncompressed[64] as number) & 1) === 1;
  const out = Uint8Array.from(uncompressed);
  out[0] = odd === rightParity ? 0x07 : 0x06;
  return out;
}

describe("secp256k1 backends", () => {
  const native = loadNativeSecp256k1();

  it("loads the native libsecp256k1 binding here (not its JS fallback) and prefers it", () => {
    expect(native).toBeDefined();
    expect(native?.name).toMatch(/native/);
    expect(defaultSecp256k1Backend().name).toBe(native?.name);
  });

  const backends = (): Secp256k1Backend[] => [native as Secp256k1Backend, nobleSecp256k1()];

  it("agree on valid and invalid signatures, with the SDK's rules", async () => {
    const f = await fixture();
    const r = fromBytes(f.sig.subarray(0, 32));
    const s = fromBytes(f.sig.subarray(32));
    expect(s <= N >> 1n).toBe(true);
    const highS = Uint8Array.from([...toBytes32(r), ...toBytes32(N - s)]);
    const otherDigest = cosmjsSha256(new TextEncoder().encode("other"));
    const cases: [string, Uint8Array, Uint8Array, Uint8Array, boolean][] = [
      ["valid", f.pub, f.digest, f.sig, true],
      ["valid, uncompressed key", f.pubUncompressed, f.digest, f.sig, true],
      ["high-S twin (malleated)", f.pub, f.digest, highS, false],
      ["other message", f.pub, otherDigest, f.sig, false],
      ["63 bytes", f.pub, f.digest, f.sig.subarray(0, 63), false],
      ["65 bytes", f.pub, f.digest, Uint8Array.from([...f.sig, 1]), false],
      ["zero r", f.pub, f.digest, Uint8Array.from([...new Uint8Array(32), ...f.sig.subarray(32)]), false],
      ["zero s", f.pub, f.digest, Uint8Array.from([...f.sig.subarray(0, 32), ...new Uint8Array(32)]), false],
      ["key not on the curve", Uint8Array.from([2, ...new Uint8Array(32).fill(0xff)]), f.digest, f.sig, false],
      ["empty key", new Uint8Array(), f.digest, f.sig, false],
      ["hybrid key with the right parity", hybrid(f.pubUncompressed, true), f.digest, f.sig, true],
      ["hybrid key with the wrong parity", hybrid(f.pubUncompressed, false), f.digest, f.sig, false],
    ];
    for (const backend of backends()) {
      for (const [name, pub, digest, sig, expected] of cases) {
        expect([backend.name, name, verifySecp256k1Digest(backend, pub, digest, sig)]).toEqual([backend.name, name, expected]);
      }
    }
  });

  it("reads r and s modulo n, as the Go verifier does", () => {
    const sig = Uint8Array.from([...toBytes32(N + 5n - (1n << 256n) + (1n << 256n) - N + 5n), ...toBytes32(7n)]);
    // r = 10 (< n) passes through unchanged.
    expect(normalizeSignature(sig)).toBe(sig);
    const overflowing = Uint8Array.from([...toBytes32(N + 3n), ...toBytes32(N + 7n)]);
    const normalized = normalizeSignature(overflowing) as Uint8Array;
    expect(fromBytes(normalized.subarray(0, 32))).toBe(3n);
    expect(fromBytes(normalized.subarray(32))).toBe(7n);
    expect(normalizeSignature(Uint8Array.from([...toBytes32(N), ...toBytes32(1n)]))).toBeUndefined();
  });

  it("draws the low-S and range lines exactly (the byte-wise fast path and the bigint path agree)", () => {
    const half = N >> 1n;
    const sig = (r: bigint, s: bigint): Uint8Array => Uint8Array.from([...toBytes32(r), ...toBytes32(s)]);
    const kept = [sig(1n, 1n), sig(N - 1n, half), sig(half, half - 1n)];
    for (const k of kept) expect(normalizeSignature(k)).toBe(k);
    for (const bad of [sig(0n, 1n), sig(1n, 0n), sig(1n, half + 1n), sig(1n, N - 1n), sig(N, 5n), sig(5n, N)]) {
      expect(normalizeSignature(bad)).toBeUndefined();
    }
    // r = N + 1 reads as 1, s = N + 2 as 2.
    expect(normalizeSignature(sig(N + 1n, N + 2n))).toEqual(sig(1n, 2n));
  });
});
