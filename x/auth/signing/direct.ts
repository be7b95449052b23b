import { SignDoc } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import type { DecodedTx } from "../../../app/tx/decode";
import type { SignerData } from "./signer-data";

/**
 * SIGN_MODE_DIRECT: the proto SignDoc{body_bytes, auth_info_bytes, chain_id, account_number} over
 * the exact body and auth info bytes the tx carries (never re-encoded), as x/tx/signing/direct does
 * and as @cosmjs/proto-signing's makeSignBytes produces.
 */
export function directSignBytes(signer: SignerData, tx: Pick<DecodedTx, "bodyBytes" | "authInfoBytes">): Uint8Array {
  // The same decoded tx is verified in CheckTx and checked again in FinalizeBlock: its sign bytes
  // (a pure function of these four fields) are encoded once per chain id and account number.
  let known = signBytesOf.get(tx);
  if (known === undefined) {
    known = new Map();
    signBytesOf.set(tx, known);
  }
  const key = `${signer.accountNumber}/${signer.chainId}`;
  let bytes = known.get(key);
  if (bytes === undefined) {
    // A copy of its own: kept as long as the tx is, it must not keep an encoder slab alive.
    bytes = SignDoc.encode({
      bodyBytes: tx.bodyBytes,
      authInfoBytes: tx.authInfoBytes,
      chainId: signer.chainId,
      accountNumber: signer.accountNumber,
    })
      .finish()
      .slice();
    known.set(key, bytes);
  }
  return bytes;
}

const signBytesOf = new WeakMap<object, Map<string, Uint8Array>>();
