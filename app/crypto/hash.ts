import { ripemd160 as cosmjsRipemd160 } from "@cosmjs/crypto";
import { getHashes, hash } from "node:crypto";

/** SHA-256 (OpenSSL through node:crypto, one-shot: no Hash object per call). */
export function sha256(data: Uint8Array): Uint8Array {
  return new Uint8Array(hash("sha256", data, "buffer"));
}

// OpenSSL 3 keeps RIPEMD-160 in its legacy provider; Node builds that lack it get the pure-JS one.
const nativeRipemd = getHashes().includes("ripemd160");

export function ripemd160(data: Uint8Array): Uint8Array {
  if (nativeRipemd) return new Uint8Array(hash("ripemd160", data, "buffer"));
  return cosmjsRipemd160(data);
}
