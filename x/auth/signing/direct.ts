import { SignDoc } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import type { DecodedTx } from "../../../app/tx/decode";
import type { SignerData } from "./signer-data";

/**
 * SIGN_MODE_DIRECT: the proto SignDoc{body_bytes, auth_info_bytes, chain_id, account_number} over
 * the exact body and auth info bytes the tx carries (never re-encoded), as x/tx/signing/direct does
 * and as @cosmjs/proto-signing's makeSignBytes produces.
 */
export function directSignBytes(signer: SignerData, tx: Pick<DecodedTx, "bodyBytes" | "authInfoBytes">): Uint8Array {
  return SignDoc.encode({
    bodyBytes: tx.bodyBytes,
    authInfoBytes: tx.authInfoBytes,
    chainId: signer.chainId,
    accountNumber: signer.accountNumber,
  }).finish();
}
