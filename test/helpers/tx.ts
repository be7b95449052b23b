import { encodePubkey, makeAuthInfoBytes, makeSignDoc, type DirectSecp256k1HdWallet } from "@cosmjs/proto-signing";
import { encodeSecp256k1Pubkey } from "@cosmjs/amino";
import { fromBase64 } from "@cosmjs/encoding";
import { MsgSend } from "cosmjs-types/cosmos/bank/v1beta1/tx";
import { TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { rpc } from "./rpc";

export interface SignOptions {
  readonly wallet: DirectSecp256k1HdWallet;
  readonly messages: readonly Any[];
  readonly chainId: string;
  readonly accountNumber: bigint;
  readonly sequence: bigint;
  readonly fee: { readonly amount: string; readonly denom: string };
  readonly gasLimit: bigint;
  readonly memo?: string;
}

/** A MsgSend Any with raw amount strings (so tests can send what cosmjs would refuse to build). */
export function msgSendAny(from: string, to: string, amount: string, denom: string): Any {
  return { typeUrl: "/cosmos.bank.v1beta1.MsgSend", value: MsgSend.encode({ fromAddress: from, toAddress: to, amount: [{ denom, amount }] }).finish() };
}

/** A SIGN_MODE_DIRECT tx built by hand with any account number, sequence and chain id. */
export async function signDirect(o: SignOptions): Promise<Uint8Array> {
  const [account] = await o.wallet.getAccounts();
  if (!account) throw new Error("no account");
  const bodyBytes = TxBody.encode(TxBody.fromPartial({ messages: [...o.messages], memo: o.memo ?? "" })).finish();
  const pubkey = encodePubkey(encodeSecp256k1Pubkey(account.pubkey));
  const authInfoBytes = makeAuthInfoBytes([{ pubkey, sequence: o.sequence }], [{ denom: o.fee.denom, amount: o.fee.amount }], Number(o.gasLimit), undefined, undefined);
  const signDoc = makeSignDoc(bodyBytes, authInfoBytes, o.chainId, Number(o.accountNumber));
  const { signature, signed } = await o.wallet.signDirect(account.address, signDoc);
  return TxRaw.encode({ bodyBytes: signed.bodyBytes, authInfoBytes: signed.authInfoBytes, signatures: [fromBase64(signature.signature)] }).finish();
}

export interface TxResultSummary {
  readonly code: number;
  readonly codespace: string;
  readonly log: string;
  readonly hash: string;
}

/** broadcast_tx_sync: the CheckTx result. */
export async function broadcastSync(rpcPort: number, tx: Uint8Array): Promise<TxResultSummary> {
  const r = await rpc<{ code: number; codespace: string; log: string; hash: string }>(rpcPort, "broadcast_tx_sync", { tx: `0x${Buffer.from(tx).toString("hex")}` });
  return { code: r.code, codespace: r.codespace, log: r.log, hash: r.hash };
}

/** The block result of a committed tx (polls the tx index). */
export async function committedResult(rpcPort: number, hash: string, timeoutMs = 30_000): Promise<TxResultSummary & { height: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await rpc<{ height: string; tx_result: { code: number; codespace: string; log: string } }>(rpcPort, "tx", { hash: `0x${hash}` });
      return { code: r.tx_result.code, codespace: r.tx_result.codespace, log: r.tx_result.log, hash, height: Number(r.height) };
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`tx ${hash} not committed within ${timeoutMs} ms: ${(err as Error).message}`, { cause: err });
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
