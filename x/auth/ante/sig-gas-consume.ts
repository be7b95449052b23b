import type { Params } from "cosmjs-types/cosmos/auth/v1beta1/auth";
import { ErrInvalidPubKey } from "../../../app/errors";
import type { GasMeter } from "../../../app/gas";
import { bitArrayCount, bitArrayGet } from "../../../app/crypto/bit-array";
import { pubKeyFromAny, type MultisigPubKey, type PubKey } from "../../../app/crypto/keys";
import { sdkPanic } from "../../../app/math/go-compat";
import type { MultiSignatureData, SignatureData } from "../../../app/tx/signature-data";
import type { AnteDecorator } from "./ante";
import type { AccountKeeper } from "./expected-keepers";
import { SIM_SECP256K1_PUBKEY } from "./sim-signature";
import { getSignerAccount } from "./signer-account";

/** Charges for verifying one signature and accepts or refuses its key type (SignatureVerificationGasConsumer). */
export type SigVerificationGasConsumer = (meter: GasMeter, pubKey: PubKey | undefined, data: SignatureData | undefined, params: Params) => void;

/**
 * DefaultSigVerificationGasConsumer (v0.50): secp256k1 costs sig_verify_cost_secp256k1; ed25519 is
 * charged sig_verify_cost_ed25519 and then refused ("ED25519 public keys are unsupported", sdk/8);
 * a multisig charges each sub-key that signed (each key when the tx was built for simulation).
 */
export const defaultSigVerificationGasConsumer: SigVerificationGasConsumer = (meter, pubKey, data, params) => {
  if (pubKey === undefined) throw ErrInvalidPubKey.wrap("unrecognized public key type: <nil>");
  switch (pubKey.type) {
    case "ed25519":
      meter.consume(params.sigVerifyCostEd25519, "ante verify: ed25519");
      throw ErrInvalidPubKey.wrap("ED25519 public keys are unsupported");
    case "secp256k1":
      meter.consume(params.sigVerifyCostSecp256k1, "ante verify: secp256k1");
      return;
    case "multisig": {
      if (data?.kind !== "multi") {
        throw new Error(`expected *signing.MultiSignatureData, got, ${data === undefined ? "<nil>" : "*signing.SingleSignatureData"}`);
      }
      consumeMultisignatureVerificationGas(meter, data, pubKey, params);
      return;
    }
  }
};

function consumeMultisignatureVerificationGas(meter: GasMeter, sig: MultiSignatureData, pubKey: MultisigPubKey, params: Params): void {
  // A nil bit array means the tx was built for simulation: charge every key.
  if (sig.bitarray === undefined) {
    for (const sub of pubKey.pubKeys) defaultSigVerificationGasConsumer(meter, sub, { kind: "single", mode: 0, signature: new Uint8Array() }, params);
    return;
  }
  const size = bitArrayCount(sig.bitarray);
  let sigIndex = 0;
  for (let i = 0; i < size; i++) {
    if (!bitArrayGet(sig.bitarray, i)) continue;
    const sub = pubKey.pubKeys[i];
    if (sub === undefined) throw sdkPanic(`runtime error: index out of range [${i}] with length ${pubKey.pubKeys.length}`);
    const data = sig.signatures[sigIndex];
    if (data === undefined) throw sdkPanic(`runtime error: index out of range [${sigIndex}] with length ${sig.signatures.length}`);
    defaultSigVerificationGasConsumer(meter, sub, data, params);
    sigIndex++;
  }
}

/**
 * SigGasConsumeDecorator: charges for each signature by the key on the signer's account (the
 * placeholder key when simulating an account without one).
 */
export function newSigGasConsumeDecorator(ak: AccountKeeper, consumer: SigVerificationGasConsumer = defaultSigVerificationGasConsumer): AnteDecorator {
  return {
    name: "SigGasConsume",
    anteHandle(ctx, env, next) {
      const params = ak.getParams(ctx);
      const sigs = env.tx.signaturesV2();
      const signers = env.tx.signers();
      sigs.forEach((sig, i) => {
        const signer = signers[i];
        if (signer === undefined) throw sdkPanic(`runtime error: index out of range [${i}] with length ${signers.length}`);
        const account = getSignerAccount(ctx, ak, signer);
        let pk = account.pubKey === undefined ? undefined : pubKeyFromAny(account.pubKey);
        if (env.simulate && pk === undefined) pk = SIM_SECP256K1_PUBKEY;
        consumer(ctx.gasMeter, pk, sig.data, params);
      });
      return next(ctx, env);
    },
  };
}
