/**
 * A decoded tx with the accessors the ante handler uses (x/auth/tx's wrapper: FeeTx, GasTx,
 * SigVerifiableTx, TxWithMemo, TxWithTimeoutHeight). Signers, public keys and signatures are
 * computed on first use, so a malformed one fails at the decorator where the SDK fails, with the
 * SDK's error.
 */
import type { AddressCodec } from "../address";
import { AppError, ErrInvalidAddress } from "../errors";
import type { PubKey } from "../crypto/keys";
import { Coin, Coins } from "../math/coins";
import { sdkPanic } from "../math/go-compat";
import {
  modeInfoToSignatureData,
  type SignatureV2,
} from "./signature-data";
import type { DecodedMsg, DecodedTx, FeeCoin, FeeData } from "./decode";

const NIL_DEREF = "runtime error: invalid memory address or nil pointer dereference";

/** sdk/tx MaxGasWanted: gas limits must fit an int64. */
export const MAX_GAS_WANTED = (1n << 63n) - 1n;

export class SdkTx {
  private signersCache: readonly Uint8Array[] | undefined;
  private msgSignersCache: (readonly Uint8Array[])[] | undefined;
  private sigsCache: readonly SignatureV2[] | undefined;

  constructor(
    readonly decoded: DecodedTx,
    readonly addresses: AddressCodec,
  ) {}

  get txBytes(): Uint8Array {
    return this.decoded.txBytes;
  }

  get msgs(): readonly DecodedMsg[] {
    return this.decoded.msgs;
  }

  get memo(): string {
    return this.decoded.body.memo;
  }

  get memoByteLength(): number {
    return this.decoded.body.memoByteLength;
  }

  get timeoutHeight(): bigint {
    return this.decoded.body.timeoutHeight;
  }

  private fee(): FeeData {
    const fee = this.decoded.authInfo.fee;
    // The SDK dereferences AuthInfo.Fee without a nil check (GetGas, GetFee, FeePayer): a panic.
    if (fee === undefined) throw sdkPanic(NIL_DEREF);
    return fee;
  }

  /** GetGas. */
  gas(): bigint {
    return this.fee().gasLimit;
  }

  /** The fee coins as decoded (amount undefined = a nil Int). */
  feeCoinsRaw(): readonly FeeCoin[] {
    return this.fee().amount;
  }

  /** GetFee as sdk.Coins; a nil amount panics on first use, as in Go. */
  feeCoins(): Coins {
    return Coins.unchecked(
      this.fee().amount.map((c) => {
        if (c.amount === undefined) throw sdkPanic(NIL_DEREF);
        return Coin.unchecked(c.denom, c.amount);
      }),
    );
  }

  /** FeePayer: fee.payer when set, else the first signer. */
  feePayer(): Uint8Array {
    const payer = this.fee().payer;
    if (payer !== "") return this.decodePayer(payer);
    const first = this.signers()[0];
    if (first === undefined) throw sdkPanic(`runtime error: index out of range [0] with length 0`);
    return first;
  }

  /** FeeGranter: fee.granter decoded, or undefined. */
  feeGranter(): Uint8Array | undefined {
    const granter = this.fee().granter;
    return granter === "" ? undefined : this.decodePayer(granter);
  }

  private decodePayer(address: string): Uint8Array {
    try {
      return this.addresses.decodeAccount(address);
    } catch (err) {
      // Go panics on an invalid payer/granter here (ValidateBasic reports it properly first).
      throw sdkPanic(err instanceof Error ? err.message : String(err));
    }
  }

  /** The signers of each message, as address bytes. */
  msgSigners(): readonly (readonly Uint8Array[])[] {
    this.msgSignersCache ??= this.decoded.msgs.map((m) => m.def.signers(m.msg).map((s) => this.decodeSigner(s)));
    return this.msgSignersCache;
  }

  private decodeSigner(address: string): Uint8Array {
    const prefix = address.slice(0, Math.max(0, address.lastIndexOf("1")));
    if (prefix === this.addresses.validator) return this.addresses.decodeValidator(address);
    return this.addresses.decodeAccount(address);
  }

  /**
   * GetSigners: the signers of all messages, deduplicated in order of first appearance, then the
   * fee payer when it is set and not already among them.
   */
  signers(): readonly Uint8Array[] {
    if (this.signersCache) return this.signersCache;
    const out: Uint8Array[] = [];
    const seen = new Set<string>();
    const add = (addr: Uint8Array): void => {
      const key = Buffer.from(addr).toString("hex");
      if (seen.has(key)) return;
      seen.add(key);
      out.push(addr);
    };
    for (const signers of this.msgSigners()) for (const s of signers) add(s);
    const payer = this.decoded.authInfo.fee?.payer ?? "";
    if (payer !== "") {
      let bytes: Uint8Array;
      try {
        bytes = this.addresses.decodeAccount(payer);
      } catch (err) {
        throw err instanceof AppError ? err : ErrInvalidAddress.wrap(String(err));
      }
      add(bytes);
    }
    this.signersCache = out;
    return out;
  }

  /** GetPubKeys: the key of each signer info (undefined where none is given). */
  pubKeys(): readonly (PubKey | undefined)[] {
    return this.decoded.authInfo.signerInfos.map((si) => si.pubKey);
  }

  /** GetSignaturesV2: one per signer info, from its mode info and the matching signature bytes. */
  signaturesV2(): readonly SignatureV2[] {
    if (this.sigsCache) return this.sigsCache;
    const sigs = this.decoded.signatures;
    this.sigsCache = this.decoded.authInfo.signerInfos.map((si, i): SignatureV2 => {
      if (si.modeInfo === undefined) return { pubKey: si.pubKey, data: undefined, sequence: 0n };
      const sig = sigs[i];
      if (sig === undefined) throw sdkPanic(`runtime error: index out of range [${i}] with length ${sigs.length}`);
      return { pubKey: si.pubKey, data: modeInfoToSignatureData(si.modeInfo, sig), sequence: si.sequence };
    });
    return this.sigsCache;
  }
}
