import { pubKeyFromAny } from "../../../app/crypto/keys";
import { isIncompleteSignature } from "../../../app/tx/signature-data";
import type { AnteDecorator } from "./ante";
import type { AccountKeeper } from "./expected-keepers";
import { SIM_SECP256K1_PUBKEY, simStdSignatureLength } from "./sim-signature";

/**
 * ConsumeTxSizeGasDecorator: charges tx_size_cost_per_byte for every byte of the tx. When
 * simulating, also charges for the signatures a real tx will carry: for each signer whose
 * signature is missing or incomplete, the size of an amino StdSignature with its key (or the
 * placeholder key) plus 6 bytes, times tx_sig_limit for a multisig key.
 */
export function newConsumeGasForTxSizeDecorator(ak: AccountKeeper): AnteDecorator {
  return {
    name: "ConsumeGasForTxSize",
    anteHandle(ctx, env, next) {
      const params = ak.getParams(ctx);
      ctx.gasMeter.consume(params.txSizeCostPerByte * BigInt(env.tx.txBytes.length), "txSize");
      if (env.simulate) {
        const sigs = env.tx.signaturesV2();
        const signers = env.tx.signers();
        signers.forEach((signer, i) => {
          const sig = sigs[i];
          if (sig !== undefined && !isIncompleteSignature(sig.data)) return;
          const acc = ak.getAccount(ctx, signer);
          const pk = acc?.pubKey === undefined ? SIM_SECP256K1_PUBKEY : pubKeyFromAny(acc.pubKey);
          let cost = BigInt(simStdSignatureLength(pk) + 6);
          if (pk.type === "multisig") cost *= params.txSigLimit;
          ctx.gasMeter.consume(params.txSizeCostPerByte * cost, "txSize");
        });
      }
      return next(ctx, env);
    },
  };
}
