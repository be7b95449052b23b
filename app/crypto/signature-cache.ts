/**
 * A bounded memory of (public key, sha256(sign bytes), signature) triples this node has already
 * verified successfully, so that a tx verified in CheckTx is not verified again when it arrives in
 * a block.
 *
 * Safety: ECDSA verification is a pure function of the triple, and only successful verifications
 * are remembered, so a hit returns exactly what verifying again would. A miss (never seen, or
 * evicted) just verifies. The cache can therefore change timings, never results: nodes with
 * different cache contents still agree on every tx outcome and app hash.
 *
 * Eviction is first-in first-out once `capacity` entries are held (a Map keeps insertion order).
 */
import { hash } from "node:crypto";

export const DEFAULT_SIGNATURE_CACHE_SIZE = 50_000;

export class SignatureCache {
  private readonly entries = new Map<string, true>();
  private hitCount = 0;
  private missCount = 0;

  constructor(readonly capacity: number = DEFAULT_SIGNATURE_CACHE_SIZE) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new Error(`invalid signature cache size ${capacity}`);
  }

  private static key(publicKey: Uint8Array, digest: Uint8Array, signature: Uint8Array): string {
    // Length-prefix the key so that (pk, digest, sig) splits cannot collide. One preimage and a
    // one-shot digest: a streaming Hash object per lookup cost more than the hashing.
    const preimage = Buffer.allocUnsafe(8 + publicKey.length + digest.length + signature.length);
    preimage.writeUInt32BE(publicKey.length, 0);
    preimage.writeUInt32BE(signature.length, 4);
    preimage.set(publicKey, 8);
    preimage.set(digest, 8 + publicKey.length);
    preimage.set(signature, 8 + publicKey.length + digest.length);
    return hash("sha256", preimage, "base64");
  }

  has(publicKey: Uint8Array, digest: Uint8Array, signature: Uint8Array): boolean {
    const found = this.entries.has(SignatureCache.key(publicKey, digest, signature));
    if (found) this.hitCount++;
    else this.missCount++;
    return found;
  }

  /** Remembers a triple that verified. */
  add(publicKey: Uint8Array, digest: Uint8Array, signature: Uint8Array): void {
    if (this.capacity === 0) return;
    const key = SignatureCache.key(publicKey, digest, signature);
    if (this.entries.has(key)) return;
    if (this.entries.size >= this.capacity) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, true);
  }

  get size(): number {
    return this.entries.size;
  }

  stats(): { hits: number; misses: number; size: number } {
    return { hits: this.hitCount, misses: this.missCount, size: this.entries.size };
  }

  clear(): void {
    this.entries.clear();
  }
}
