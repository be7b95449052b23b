/**
 * Signed txs as a wallet builds them: TxRaw with one signer, SIGN_MODE_DIRECT over the SignDoc
 * bytes, or SIGN_MODE_LEGACY_AMINO_JSON over @cosmjs/amino's serialized StdSignDoc (the client
 * side's own serializer, so the app's amino sign bytes are checked against an independent one).
 * Messages are encoded with the app's registered codecs; their amino JSON comes from the app's
 * converters. Signing time is measured: it is a figure of every run.
 */
import { makeSignDoc as makeAminoSignDoc, serializeSignDoc, type AminoMsg } from "@cosmjs/amino";
import type { Coin } from "cosmjs-types/cosmos/base/v1beta1/coin";
import { PubKey as Secp256k1PubKey } from "cosmjs-types/cosmos/crypto/secp256k1/keys";
import { SignMode } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import { AuthInfo, SignDoc, TxBody, TxRaw } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import type { Any } from "cosmjs-types/google/protobuf/any";
import { sha256 } from "../app/crypto/hash";
import type { MsgRegistry } from "../app/tx/decode";
import type { SimAccount, Secp256k1Signer } from "./keys";

/** A message before encoding: its type URL and the decoded value its codec encodes. */
export interface SimMsg {
  readonly typeUrl: string;
  readonly value: unknown;
}

export type SimSignMode = "direct" | "amino-json";

export interface SignOptions {
  /** Default: direct. amino-json needs an amino converter for every message. */
  readonly mode?: SimSignMode;
  readonly fee?: readonly Coin[];
  readonly gas?: bigint;
  readonly memo?: string;
  /** Override what the signer would put in (wrong sequence, wrong account number ...). */
  readonly sequence?: bigint;
  readonly accountNumber?: bigint;
  readonly chainId?: string;
  /** Flip one bit of the finished signature: a tx whose signature cannot verify. */
  readonly corruptSignature?: boolean;
}

/** What signing needs to know about the signer's account on chain. */
export interface SignerAccountState {
  readonly accountNumber: bigint;
  readonly sequence: bigint;
}

/** Enough for every simulated message: the SDK charges unbonding-queue rewrites per byte, which grow within a block. */
export const DEFAULT_GAS = 5_000_000n;

export class TxFactory {
  /** Total time spent in ECDSA signing and sign-bytes building, in nanoseconds. */
  signNanos = 0n;
  signatures = 0;

  constructor(
    readonly chainId: string,
    private readonly msgs: MsgRegistry,
    private readonly signer: Secp256k1Signer,
  ) {}

  /** Whether every message can be signed in amino-json (has an amino converter). */
  aminoSignable(msgs: readonly SimMsg[]): boolean {
    return msgs.every((m) => this.msgs.has(m.typeUrl) && this.msgs.handler(m.typeUrl).amino !== undefined);
  }

  encodeMsg(m: SimMsg): Any {
    return { typeUrl: m.typeUrl, value: this.msgs.handler(m.typeUrl).codec.encode(m.value).finish() };
  }

  /** The message as proto3 JSON, for reports. */
  msgJson(m: SimMsg): unknown {
    if (!this.msgs.has(m.typeUrl)) return { "@type": m.typeUrl };
    return { "@type": m.typeUrl, ...(this.msgs.handler(m.typeUrl).codec.toJSON(m.value) as object) };
  }

  sign(account: SimAccount, state: SignerAccountState, msgs: readonly SimMsg[], o: SignOptions = {}): Uint8Array {
    const t0 = process.hrtime.bigint();
    const mode = o.mode ?? "direct";
    const sequence = o.sequence ?? state.sequence;
    const accountNumber = o.accountNumber ?? state.accountNumber;
    const chainId = o.chainId ?? this.chainId;
    const fee = o.fee ?? [];
    const gas = o.gas ?? DEFAULT_GAS;
    const memo = o.memo ?? "";
    const bodyBytes = TxBody.encode(TxBody.fromPartial({ messages: msgs.map((m) => this.encodeMsg(m)), memo })).finish();
    const authInfoBytes = AuthInfo.encode(
      AuthInfo.fromPartial({
        signerInfos: [
          {
            publicKey: { typeUrl: "/cosmos.crypto.secp256k1.PubKey", value: Secp256k1PubKey.encode({ key: account.publicKey }).finish() },
            modeInfo: { single: { mode: mode === "direct" ? SignMode.SIGN_MODE_DIRECT : SignMode.SIGN_MODE_LEGACY_AMINO_JSON } },
            sequence,
          },
        ],
        fee: { amount: [...fee], gasLimit: gas },
      }),
    ).finish();
    const signBytes =
      mode === "direct"
        ? SignDoc.encode({ bodyBytes, authInfoBytes, chainId, accountNumber }).finish()
        : serializeSignDoc(
            makeAminoSignDoc(
              msgs.map((m) => this.aminoMsg(m)),
              { amount: fee.map((c) => ({ denom: c.denom, amount: c.amount })), gas: gas.toString() },
              chainId,
              memo,
              accountNumber.toString(),
              sequence.toString(),
            ),
          );
    const signature = this.signer.signDigest(sha256(signBytes), account.privateKey);
    if (o.corruptSignature) signature[5] = (signature[5] as number) ^ 0x01;
    const tx = TxRaw.encode({ bodyBytes, authInfoBytes, signatures: [signature] }).finish();
    this.signNanos += process.hrtime.bigint() - t0;
    this.signatures++;
    return tx;
  }

  private aminoMsg(m: SimMsg): AminoMsg {
    const amino = this.msgs.handler(m.typeUrl).amino;
    if (amino === undefined) throw new Error(`${m.typeUrl} has no amino form; sign it in direct mode`);
    return { type: amino.aminoType, value: amino.toAmino(m.value) as AminoMsg["value"] };
  }
}
