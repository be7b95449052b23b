import { encodeSecp256k1Pubkey, makeSignDoc as makeAminoSignDoc, Secp256k1Wallet, type StdFee } from "@cosmjs/amino";
import { Secp256k1 } from "@cosmjs/crypto";
import { fromBase64 } from "@cosmjs/encoding";
import { DirectSecp256k1Wallet, encodePubkey, makeSignDoc, Registry } from "@cosmjs/proto-signing";
import { AminoTypes, createBankAminoConverters, createDistributionAminoConverters, createStakingAminoConverters, defaultRegistryTypes } from "@cosmjs/stargate";
import { MsgUnjail } from "cosmjs-types/cosmos/slashing/v1beta1/tx";
import { SignMode } from "cosmjs-types/cosmos/tx/signing/v1beta1/signing";
import { AuthInfo, Fee, ModeInfo, SignerInfo, Tx, TxBody } from "cosmjs-types/cosmos/tx/v1beta1/tx";
import { MsgRestakeRewards, MsgSetAutoCompound } from "../../../proto/plume/restaking/v1/tx";
import { restakingAminoConverters } from "./restaking-amino";
import { unjailAminoConverter } from "./slashing-amino";

/**
 * Signing a tx with a keyring key through cosmjs: SIGN_MODE_DIRECT over the SignDoc of the body
 * and auth info bytes (`makeSignDoc` + `DirectSecp256k1Wallet`), or SIGN_MODE_LEGACY_AMINO_JSON
 * over the sorted StdSignDoc (`AminoTypes` + `Secp256k1Wallet`).
 *
 * The key's signer info (public key, mode, sequence) is put into the auth info first, because a
 * direct signature covers it. Existing signatures are kept (appended to) unless `overwrite`, as
 * `simd tx sign` does; the key may sign once.
 */
export type SignModeName = "direct" | "amino-json";

export function parseSignMode(value: string): SignModeName {
  if (value === "direct" || value === "amino-json") return value;
  if (value === "textual" || value === "direct-aux") throw new Error(`sign mode ${value} is not supported by plumed (use direct or amino-json)`);
  throw new Error(`invalid --sign-mode "${value}" (expected direct or amino-json)`);
}

export const signModeOf = (name: SignModeName): SignMode => (name === "direct" ? SignMode.SIGN_MODE_DIRECT : SignMode.SIGN_MODE_LEGACY_AMINO_JSON);

export interface SignerData {
  readonly chainId: string;
  readonly accountNumber: bigint;
  readonly sequence: bigint;
}

const registry = new Registry([
  ...defaultRegistryTypes,
  ["/cosmos.slashing.v1beta1.MsgUnjail", MsgUnjail],
  ["/plume.restaking.v1.MsgSetAutoCompound", MsgSetAutoCompound],
  ["/plume.restaking.v1.MsgRestakeRewards", MsgRestakeRewards],
]);
const aminoTypes = new AminoTypes({ ...createBankAminoConverters(), ...createStakingAminoConverters(), ...createDistributionAminoConverters(), ...unjailAminoConverter, ...restakingAminoConverters });

/** The StdSignDoc an amino-json signature covers (exported for verification in tests). */
export function aminoSignDoc(tx: Tx, signer: SignerData): ReturnType<typeof makeAminoSignDoc> {
  const body = tx.body ?? TxBody.fromPartial({});
  const fee = tx.authInfo?.fee ?? Fee.fromPartial({});
  const msgs = body.messages.map((any) => {
    let value: unknown;
    try {
      value = registry.decode(any);
    } catch {
      throw new Error(`cannot sign ${any.typeUrl} in amino-json mode: unknown message type`);
    }
    try {
      return aminoTypes.toAmino({ typeUrl: any.typeUrl, value });
    } catch {
      throw new Error(`cannot sign ${any.typeUrl} in amino-json mode: it has no amino form here (use --sign-mode direct)`);
    }
  });
  const stdFee: StdFee = {
    amount: fee.amount.map((c) => ({ denom: c.denom, amount: c.amount })),
    gas: fee.gasLimit.toString(),
    ...(fee.granter !== "" ? { granter: fee.granter } : {}),
    ...(fee.payer !== "" ? { payer: fee.payer } : {}),
  };
  return makeAminoSignDoc(msgs, stdFee, signer.chainId, body.memo, signer.accountNumber, signer.sequence.toString(), body.timeoutHeight > 0n ? body.timeoutHeight : undefined);
}

export async function signTx(
  tx: Tx,
  privateKey: Uint8Array,
  signer: SignerData,
  mode: SignModeName,
  options: { readonly overwrite?: boolean } = {},
): Promise<Tx> {
  const pubKey = Secp256k1.compressPubkey(Secp256k1.makeKeypair(privateKey).pubkey);
  const publicKey = encodePubkey(encodeSecp256k1Pubkey(pubKey));
  const authInfo = tx.authInfo ?? AuthInfo.fromPartial({});
  const keep = options.overwrite ? [] : authInfo.signerInfos;
  const keptSignatures = options.overwrite ? [] : tx.signatures;
  if (keep.some((s) => s.publicKey && s.publicKey.typeUrl === publicKey.typeUrl && Buffer.from(s.publicKey.value).equals(Buffer.from(publicKey.value)))) {
    throw new Error("this key has already signed the transaction (use --overwrite to replace the signatures)");
  }
  if (keep.length !== keptSignatures.length) throw new Error("the transaction has a different number of signer infos and signatures");
  const signerInfo = SignerInfo.fromPartial({ publicKey, modeInfo: ModeInfo.fromPartial({ single: { mode: signModeOf(mode) } }), sequence: signer.sequence });
  const nextAuthInfo = AuthInfo.fromPartial({ ...authInfo, signerInfos: [...keep, signerInfo] });
  const body = tx.body ?? TxBody.fromPartial({});
  const unsigned = Tx.fromPartial({ body, authInfo: nextAuthInfo, signatures: keptSignatures });

  // Any prefix works: the wallets check the signer by address, which they derive themselves.
  const prefix = "plume";
  let signature: Uint8Array;
  if (mode === "direct") {
    const wallet = await DirectSecp256k1Wallet.fromKey(privateKey, prefix);
    const [account] = await wallet.getAccounts();
    if (!account) throw new Error("no account for the key");
    const doc = makeSignDoc(TxBody.encode(body).finish(), AuthInfo.encode(nextAuthInfo).finish(), signer.chainId, signer.accountNumber);
    const { signature: sig } = await wallet.signDirect(account.address, doc);
    signature = fromBase64(sig.signature);
  } else {
    const wallet = await Secp256k1Wallet.fromKey(privateKey, prefix);
    const [account] = await wallet.getAccounts();
    if (!account) throw new Error("no account for the key");
    const { signature: sig } = await wallet.signAmino(account.address, aminoSignDoc(unsigned, signer));
    signature = fromBase64(sig.signature);
  }
  return Tx.fromPartial({ body, authInfo: nextAuthInfo, signatures: [...keptSignatures, signature] });
}
