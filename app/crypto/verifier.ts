import { sha256 } from "./hash";
import { defaultSecp256k1Backend, verifySecp256k1Digest, type Secp256k1Backend } from "./secp256k1";
import type { SignatureCache } from "./signature-cache";

/**
 * How a verification uses the signature cache:
 * - "remember": verify, and remember the triple if it verified (CheckTx: the tx is likely to come
 *   back in a block);
 * - "consult": a remembered triple counts as verified without doing the curve arithmetic
 *   (FinalizeBlock);
 * - "off": always verify, remember nothing.
 */
export type SignatureCachePolicy = "remember" | "consult" | "off";

/** secp256k1 verification over sign bytes, through a backend and an optional cache. */
export class SignatureVerifier {
  constructor(
    readonly backend: Secp256k1Backend = defaultSecp256k1Backend(),
    readonly cache: SignatureCache | undefined = undefined,
  ) {}

  /**
   * The digest of each sign-bytes array seen, by identity (x/auth hands the same array for the same
   * tx in CheckTx and FinalizeBlock): callers must not change sign bytes after passing them.
   */
  private readonly digests = new WeakMap<Uint8Array, Uint8Array>();

  verifySecp256k1(publicKey: Uint8Array, signBytes: Uint8Array, signature: Uint8Array, policy: SignatureCachePolicy): boolean {
    let digest = this.digests.get(signBytes);
    if (digest === undefined) {
      digest = sha256(signBytes);
      this.digests.set(signBytes, digest);
    }
    const cache = policy === "off" ? undefined : this.cache;
    if (policy === "consult" && cache?.has(publicKey, digest, signature)) return true;
    const ok = verifySecp256k1Digest(this.backend, publicKey, digest, signature);
    if (ok && policy === "remember") cache?.add(publicKey, digest, signature);
    return ok;
  }
}
