import { sha256 } from "@cosmjs/crypto";
import { toHex } from "@cosmjs/encoding";
import { encodeSecp256k1Pubkey } from "@cosmjs/amino";
import { encodePubkey } from "@cosmjs/proto-signing";
import { PubKey as Secp256k1PubKey } from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import { SimulateRequest, SimulateResponse } from "cosmjs-types/cosmos/tx/v1beta1/service";
import { AuthInfo, ModeInfo, SignerInfo, Tx } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { Any } from "cosmjs-types/google/protobuf/any";
import { grpcQuery } from "../client/grpc-query";
import { RpcError, type CometRpc } from "../client/rpc";
import { txResponseFromBroadcast, type TxResponseJson } from "../client/tx-response";
import { encodeTx } from "./builder";
import { signModeOf, type SignModeName } from "./signer";

/**
 * Talking to the node about a tx: simulate it for a gas estimate, broadcast it. A CometBFT
 * mempool refusal that is not a CheckTx result (tx already in the cache, mempool full, tx too
 * large) becomes a TxResponse with the SDK's code for it, as the SDK's CheckCometError does.
 */
export const SIMULATE_PATH = "/cosmos.tx.v1beta1.Service/Simulate";

/** The gas the node's Simulate reports for `tx` signed by `pubKey` (unknown: an empty key), signature empty. */
export async function simulateGas(rpc: CometRpc, tx: Tx, pubKey: Uint8Array | undefined, sequence: bigint, mode: SignModeName): Promise<bigint> {
  const publicKey = pubKey
    ? encodePubkey(encodeSecp256k1Pubkey(pubKey))
    : Any.fromPartial({ typeUrl: "/cosmos.crypto.secp256k1.PubKey", value: Secp256k1PubKey.encode(Secp256k1PubKey.fromPartial({})).finish() });
  const authInfo = AuthInfo.fromPartial({
    ...(tx.authInfo ?? {}),
    signerInfos: [SignerInfo.fromPartial({ publicKey, modeInfo: ModeInfo.fromPartial({ single: { mode: signModeOf(mode) } }), sequence })],
  });
  const simTx = Tx.fromPartial({ body: tx.body, authInfo, signatures: [new Uint8Array()] });
  const { response } = await grpcQuery(rpc, SIMULATE_PATH, SimulateRequest.fromPartial({ txBytes: encodeTx(simTx) }), SimulateRequest, SimulateResponse);
  const used = response.gasInfo?.gasUsed;
  if (used === undefined) throw new Error("the node's simulation reported no gas");
  return used;
}

export const txHash = (bytes: Uint8Array): string => toHex(sha256(bytes)).toUpperCase();

/** CometBFT mempool errors -> SDK codes (types/errors: 19 tx in mempool cache, 20 mempool full, 21 tx too large). */
function cometErrorResponse(err: RpcError, bytes: Uint8Array): TxResponseJson | undefined {
  const text = err.message;
  const code = /tx already exists in cache/.test(text) ? 19 : /mempool is full/.test(text) ? 20 : /tx too large/.test(text) ? 21 : undefined;
  if (code === undefined) return undefined;
  return { ...txResponseFromBroadcast({ code, codespace: "sdk", log: text, data: new Uint8Array(), hash: txHash(bytes) }) };
}

export async function broadcastTx(rpc: CometRpc, bytes: Uint8Array, mode: "sync" | "async"): Promise<TxResponseJson> {
  try {
    return txResponseFromBroadcast(await rpc.broadcastTx(bytes, mode));
  } catch (err) {
    const mapped = err instanceof RpcError ? cometErrorResponse(err, bytes) : undefined;
    if (mapped) return mapped;
    throw err;
  }
}

/** The one-line error for a rejected tx (the TxResponse itself is printed first). */
export function rejection(r: TxResponseJson): Error {
  return new Error(`the transaction was rejected: code ${r.code}${r.codespace !== "" ? ` (${r.codespace})` : ""}: ${r.raw_log}`);
}
