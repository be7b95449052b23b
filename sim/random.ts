/**
 * The simulation's only source of randomness: xoshiro128** over 32-bit integers (Math.imul, no
 * floats), seeded from SHA-256 of the run's seed and a label. Every decision the simulator or a
 * module's operation takes comes from one of these streams, so a seed replays the same run.
 *
 * Streams are derived per purpose and height (`SimRandom.derive(seed, "block", h)`), so that the
 * randomness of block h depends only on the seed and h: changing what one block consumes (an
 * operation added by a new module) does not shift the block times or votes of the others.
 */
import { createHash } from "node:crypto";

const U32 = 0x1_0000_0000;

export class SimRandom {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  private constructor(state: Uint8Array) {
    const view = new DataView(state.buffer, state.byteOffset, 16);
    this.s0 = view.getUint32(0) | 0;
    this.s1 = view.getUint32(4) | 0;
    this.s2 = view.getUint32(8) | 0;
    this.s3 = view.getUint32(12) | 0;
    // The all-zero state is xoshiro's one fixed point; SHA-256 never gives it in practice.
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) this.s0 = 1;
  }

  /** The stream for `purpose` (and `index`, e.g. a block height) of the run seeded `seed`. */
  static derive(seed: bigint, purpose: string, index: bigint = 0n): SimRandom {
    const digest = createHash("sha256").update(`plumed-sim/${seed}/${purpose}/${index}`).digest();
    return new SimRandom(new Uint8Array(digest));
  }

  /** A child stream, independent of how much of this one is consumed afterwards. */
  fork(label: string): SimRandom {
    const digest = createHash("sha256").update(`${this.u32()}:${this.u32()}:${this.u32()}:${this.u32()}/${label}`).digest();
    return new SimRandom(new Uint8Array(digest));
  }

  /** The next 32 random bits as an unsigned integer. */
  u32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5), 7), 9);
    const t = this.s1 << 9;
    this.s2 ^= this.s0;
    this.s3 ^= this.s1;
    this.s1 ^= this.s2;
    this.s0 ^= this.s3;
    this.s2 ^= t;
    this.s3 = rotl(this.s3, 11);
    return result >>> 0;
  }

  /** A uniform integer in [min, max] (both inclusive; safe integers, max - min < 2^32). */
  int(min: number, max: number): number {
    if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || max < min) throw new Error(`bad range [${min}, ${max}]`);
    const span = max - min + 1;
    if (span > U32) throw new Error(`range [${min}, ${max}] too wide`);
    if (span === U32) return min + this.u32();
    // Rejection sampling: no modulo bias.
    const limit = U32 - (U32 % span);
    for (;;) {
      const x = this.u32();
      if (x < limit) return min + (x % span);
    }
  }

  /** A uniform bigint in [min, max] (both inclusive). */
  bigint(min: bigint, max: bigint): bigint {
    if (max < min) throw new Error(`bad range [${min}, ${max}]`);
    const span = max - min + 1n;
    const bits = span.toString(2).length;
    const words = Math.ceil(bits / 32);
    const mask = (1n << BigInt(bits)) - 1n;
    for (;;) {
      let x = 0n;
      for (let i = 0; i < words; i++) x = (x << 32n) | BigInt(this.u32());
      x &= mask;
      if (x < span) return min + x;
    }
  }

  /** True with probability numerator / denominator. */
  chance(numerator: number, denominator: number): boolean {
    if (numerator <= 0) return false;
    if (numerator >= denominator) return true;
    return this.int(0, denominator - 1) < numerator;
  }

  /** One element, uniformly; throws on an empty list (callers check first). */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[this.int(0, items.length - 1)] as T;
  }

  /** One element, or undefined for an empty list. */
  maybePick<T>(items: readonly T[]): T | undefined {
    return items.length === 0 ? undefined : this.pick(items);
  }

  /** A shuffled copy (Fisher-Yates). */
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(0, i);
      const tmp = out[i] as T;
      out[i] = out[j] as T;
      out[j] = tmp;
    }
    return out;
  }

  /** `n` random bytes. */
  bytes(n: number): Uint8Array {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const x = this.u32();
      for (let j = 0; j < 4 && i + j < n; j++) out[i + j] = (x >>> (8 * j)) & 0xff;
    }
    return out;
  }

  /** An element chosen with probability proportional to its integer weight (weights >= 0, not all 0). */
  weighted<T extends { readonly weight: number }>(items: readonly T[]): T {
    let total = 0;
    for (const item of items) {
      if (!Number.isSafeInteger(item.weight) || item.weight < 0) throw new Error(`weight must be a non-negative integer, got ${item.weight}`);
      total += item.weight;
    }
    if (total === 0) throw new Error("every weight is zero");
    let x = this.int(0, total - 1);
    for (const item of items) {
      if (x < item.weight) return item;
      x -= item.weight;
    }
    throw new Error("unreachable");
  }

  /** A short lowercase string of length in [min, max] (monikers, memos). */
  text(min: number, max: number): string {
    const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 -_";
    let s = "";
    const n = this.int(min, max);
    for (let i = 0; i < n; i++) s += alphabet[this.int(0, alphabet.length - 1)];
    return s;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}
